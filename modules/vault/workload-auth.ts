import { Construct } from "constructs";
import { Duration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { vault } from "../../provider-shim/vault-bindings";
import type { JwtAuthBackendConfig } from "../../provider-shim/vault-bindings";
import { boundedTtlPair, objectContext, ownershipDescription, vaultName } from "./common";
import { requireLiteral, requireObject, requireProps } from "../core/shape";
import { VaultPolicy } from "./policy";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/** How the JWT auth mount verifies token signatures: exactly one. */
export type JwtVerification =
  | {
    /** The issuer's OIDC discovery base URL (keys from its `jwks_uri`), https only. */
    readonly oidcDiscoveryUrl: string;
  }
  | {
    /** The issuer's JWKS URL, https only. */
    readonly jwksUrl: string;
  }
  | {
    /** PEM public keys, for issuers Vault cannot reach (e.g. a private cluster's service-account signing key). */
    readonly publicKeys: readonly string[];
  };

/** Props of a {@link VaultWorkloadAuth}. */
export interface VaultWorkloadAuthProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Auth mount path, e.g. `jwt-k8s`. */
  readonly path: string;
  /** Expected `iss` claim (`bound_issuer`), e.g. the cluster's service-account issuer. */
  readonly issuer: string;
  /** Where signing keys come from. */
  readonly verification: JwtVerification;
  /** Owner of the mount; becomes its description. */
  readonly ownership: Ownership;
  /** Accepted signing algorithms. Default `["RS256"]`. */
  readonly supportedAlgorithms?: readonly string[];
}

/** Props of {@link VaultWorkloadAuth.addRole}. */
export interface WorkloadAuthRoleProps {
  /** `aud` values accepted (`bound_audiences`), at least one. */
  readonly audiences: readonly string[];
  /** The exact `sub` claim, e.g. `system:serviceaccount:reporting:nightly-report`. No globs. */
  readonly subject: string;
  /** Further exact claims the token must carry (`bound_claims`, matched as strings). */
  readonly claims?: Readonly<Record<string, string>>;
  /** Policies the token gets; nothing else (`token_no_default_policy` is set). At least one. */
  readonly policies: readonly VaultPolicy[];
  /** Initial token TTL (`token_ttl`). Default `10m`; bounded by the profile's `maxTokenTtl`. */
  readonly tokenTtl?: Duration;
  /** Max token TTL (`token_max_ttl` and `token_explicit_max_ttl`). Default the profile's `maxTokenTtl`. */
  readonly tokenMaxTtl?: Duration;
  /**
   * Claims the token must carry, matched as globs, claim → pattern. With any
   * of these the role's `bound_claims_type` is `glob`, where `*` matches any
   * run of characters (including none) and nothing else is special;
   * `subject` and `claims` stay exact (they cannot contain `*`). Vault
   * refuses a login whose token lacks a bound claim, so `{ task_id: "*" }`
   * admits only tokens that carry a `task_id`, and `{ ticket: "SUP-*" }` only
   * tokens whose `ticket` starts with `SUP-`.
   */
  readonly requiredClaims?: Readonly<Record<string, string>>;
  /** Claims copied into token metadata (`claim_mappings`, claim → metadata key), so audit logs name the run or task. */
  readonly claimMappings?: Readonly<Record<string, string>>;
  /** CIDRs the token may be used from (`token_bound_cidrs`). */
  readonly boundCidrs?: readonly string[];
}

/** A JWT auth role as created by {@link VaultWorkloadAuth.addRole}. */
export interface WorkloadAuthRole {
  /** Role name. */
  readonly name: string;
  /** `auth/<mount>/login` path a workload logs in at. */
  readonly loginPath: string;
  /** Token TTL, seconds. */
  readonly tokenTtlSeconds: number;
  /** Token max TTL, seconds. */
  readonly tokenMaxTtlSeconds: number;
  /** Policy names on the token. */
  readonly policyNames: readonly string[];
}

const KUBERNETES_CLAIMS: Readonly<Record<string, string>> = {
  "/kubernetes.io/namespace": "k8s_namespace",
  "/kubernetes.io/serviceaccount/name": "k8s_service_account",
  "/kubernetes.io/pod/name": "k8s_pod",
};
const GITHUB_CLAIMS: Readonly<Record<string, string>> = {
  repository: "repository",
  run_id: "run_id",
  job_workflow_ref: "job_workflow_ref",
  environment: "environment",
};

const VAULT_WORKLOAD_AUTH_BRAND = classBrand("VaultWorkloadAuth");

/**
 * A JWT/OIDC auth mount through which workloads (Kubernetes service
 * accounts, GitHub Actions jobs) log in with their own signed identity token
 * and get a short Vault token carrying only the policies their role declares.
 * Roles bind the exact `sub` and `aud`; token TTLs are bounded by the
 * profile's `maxTokenTtl` and never 0 (0 = system default, 32 days).
 */
export class VaultWorkloadAuth extends Construct {
  static {
    stampBrand(this, VAULT_WORKLOAD_AUTH_BRAND);
  }

  /**
   * Whether `x` is a `VaultWorkloadAuth` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/VaultWorkloadAuth")`
   * (see `modules/core/brand.ts`).
   */
  public static isVaultWorkloadAuth(x: unknown): x is VaultWorkloadAuth {
    return hasBrand(x, VAULT_WORKLOAD_AUTH_BRAND);
  }

  /**
   * Claim mappings that put a Kubernetes pod's namespace, service account
   * and pod name into token metadata (JSON-pointer claims of projected
   * service-account tokens), so Vault's audit log names the pod.
   */
  public static readonly KUBERNETES_CLAIM_MAPPINGS = KUBERNETES_CLAIMS;
  /** Claim mappings that put a GitHub Actions run's repository, run id, workflow and environment into token metadata. */
  public static readonly GITHUB_CLAIM_MAPPINGS = GITHUB_CLAIMS;
  /** The GitHub Actions OIDC issuer. */
  public static readonly GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

  /**
   * A JWT auth mount for Kubernetes service-account tokens of the cluster
   * whose issuer is `issuer` (for EKS `https://oidc.eks.<region>.amazonaws.com/id/<id>`),
   * keys from its OIDC discovery document unless `verification` says otherwise.
   * Roles' subjects are `system:serviceaccount:<namespace>:<name>`.
   */
  public static kubernetes(scope: Construct, id: string, props: Omit<VaultWorkloadAuthProps, "verification"> & { readonly verification?: JwtVerification }): VaultWorkloadAuth {
    return new VaultWorkloadAuth(scope, id, { ...props, verification: props.verification ?? { oidcDiscoveryUrl: props.issuer } });
  }

  /**
   * A JWT auth mount for GitHub Actions OIDC tokens
   * (issuer and keys `https://token.actions.githubusercontent.com`). Roles'
   * subjects are e.g. `repo:acme/payments:environment:production`; pin more
   * claims (`repository_id`, `job_workflow_ref`) with `claims`.
   */
  public static githubActions(scope: Construct, id: string, props: Omit<VaultWorkloadAuthProps, "issuer" | "verification">): VaultWorkloadAuth {
    return new VaultWorkloadAuth(scope, id, { ...props, issuer: VaultWorkloadAuth.GITHUB_ISSUER, verification: { oidcDiscoveryUrl: VaultWorkloadAuth.GITHUB_ISSUER } });
  }

  /** Mount path. */
  public readonly path: string;
  private readonly backendPath: string;
  private readonly roles = new Map<string, WorkloadAuthRole>();

  public constructor(scope: Construct, id: string, props: VaultWorkloadAuthProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, "give path, issuer, verification and ownership");
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    this.path = vaultName(props.path, nested(ctx, "path"), "jwt-k8s");
    if (typeof props.issuer !== "string" || !/^https:\/\/\S+$/.test(props.issuer)) {
      throw new ZspError({ ...nested(ctx, "issuer"), problem: `${JSON.stringify(props.issuer)} is not an https issuer URL`, fix: "give the iss claim of the workload tokens, e.g. the cluster's service-account issuer" });
    }
    const profile = ZspProfile.of(this);
    const tags = ownershipTags(props.ownership, "issuer", profile, nested(ctx, "ownership"));
    // The mount's own lease cap: even a role changed out of band cannot issue a token past maxTokenTtl.
    const cap = `${profile.maxTokenTtl}s`;
    const config: JwtAuthBackendConfig = {
      path: this.path,
      type: "jwt",
      boundIssuer: props.issuer,
      description: ownershipDescription(tags),
      jwtSupportedAlgs: algorithms(props.supportedAlgorithms, nested(ctx, "supportedAlgorithms")),
      ...verification(props.verification, nested(ctx, "verification")),
    };
    const backend = new vault.JwtAuthBackend(this, "mount", { ...providerOf(this, "vault"), ...config });
    // Written as an override so that the block carries only these three arguments (the typed
    // binding would write every other tune argument as null, noise in `cdktf synth --hcl`).
    backend.addOverride("tune", [{ default_lease_ttl: cap, max_lease_ttl: cap, token_type: "default-service" }]);
    this.backendPath = backend.path;
  }

  /**
   * Adds a `jwt` role bound to one exact subject and audience list. The token
   * carries exactly `policies` (no `default` policy) for at most
   * `tokenMaxTtl`, which is also its explicit max (renewal cannot extend it).
   */
  public addRole(name: string, props: WorkloadAuthRoleProps): WorkloadAuthRole {
    const ctx = objectContext(this, this.path, "role", name, this.roles, props, "nightly-report");
    const audiences = props.audiences;
    if (Array.isArray(audiences)) audiences.forEach((a, i) => requireLiteral(a, nested(ctx, `audiences[${i}]`)));
    if (!Array.isArray(audiences) || audiences.length === 0 || audiences.some((a) => typeof a !== "string" || a.length === 0 || a.includes("*"))) {
      throw new ZspError({ ...nested(ctx, "audiences"), problem: "needs at least one exact audience", fix: 'give the aud the token is minted for, e.g. ["vault"]' });
    }
    exactClaim(props.subject, nested(ctx, "subject"));
    const claims: Record<string, string> = { sub: props.subject };
    for (const [claim, value] of Object.entries(props.claims ?? {})) {
      if (claim === "sub" || claim === "aud") {
        throw new ZspError({ ...nested(ctx, `claims.${claim}`), problem: `${claim} is set by the ${claim === "sub" ? "subject" : "audiences"} prop`, fix: `use ${claim === "sub" ? "subject" : "audiences"}` });
      }
      claims[claim] = exactClaim(value, nested(ctx, `claims.${claim}`));
    }
    const required = Object.entries(props.requiredClaims ?? {});
    for (const [claim, pattern] of required) {
      requireLiteral(pattern, nested(ctx, `requiredClaims.${claim}`));
      if (claims[claim] !== undefined || claim === "aud") {
        throw new ZspError({ ...nested(ctx, `requiredClaims.${claim}`), problem: `${claim} is already bound exactly`, fix: "bind a claim either exactly or by pattern, not both" });
      }
      if (typeof pattern !== "string" || pattern.length === 0 || pattern.includes(",")) {
        throw new ZspError({ ...nested(ctx, `requiredClaims.${claim}`), problem: `${JSON.stringify(pattern)} is not one glob pattern (the provider splits values at commas)`, fix: 'give e.g. "*" (the claim must be present) or "SUP-*"' });
      }
      claims[claim] = pattern;
    }
    const policies = props.policies;
    if (!Array.isArray(policies) || policies.length === 0 || policies.some((p) => !VaultPolicy.isVaultPolicy(p))) {
      throw new ZspError({ ...nested(ctx, "policies"), problem: "a workload role needs at least one VaultPolicy (the default policy is never attached)", fix: "pass the VaultPolicy built from the paths the workload needs" });
    }
    const profile = ZspProfile.of(this);
    const { ttl, maxTtl } = boundedTtlPair(
      { ttl: props.tokenTtl, maxTtl: props.tokenMaxTtl },
      { ttl: "10m", maxTtl: profile.maxTokenTtl },
      profile.maxTokenTtl,
      "maxTokenTtl",
      { ttl: nested(ctx, "tokenTtl"), maxTtl: nested(ctx, "tokenMaxTtl") },
    );
    const policyNames = [...new Set(policies.map((p) => p.policyName))];
    new vault.JwtAuthBackendRole(this, `role-${name}`, { ...providerOf(this, "vault"),
      backend: this.backendPath,
      roleName: name,
      roleType: "jwt",
      userClaim: "sub",
      boundAudiences: [...audiences],
      boundClaims: claims,
      boundClaimsType: required.length > 0 ? "glob" : "string",
      tokenPolicies: policyNames,
      tokenNoDefaultPolicy: true,
      tokenTtl: ttl,
      tokenMaxTtl: maxTtl,
      tokenExplicitMaxTtl: maxTtl,
      tokenType: "service",
      ...(props.claimMappings !== undefined ? { claimMappings: claimMappings(props.claimMappings, nested(ctx, "claimMappings")) } : {}),
      ...(props.boundCidrs !== undefined ? { tokenBoundCidrs: cidrs(props.boundCidrs, nested(ctx, "boundCidrs")) } : {}),
    });
    const role: WorkloadAuthRole = { name, loginPath: `auth/${this.path}/login`, tokenTtlSeconds: ttl, tokenMaxTtlSeconds: maxTtl, policyNames };
    this.roles.set(name, role);
    return role;
  }
}

function exactClaim(value: unknown, ctx: PropContext): string {
  requireLiteral(value, ctx);
  if (typeof value !== "string" || value.trim().length === 0 || /[*?,]/.test(value)) {
    throw new ZspError({
      ...ctx,
      problem: `${JSON.stringify(value)} is not one exact claim value (globs and comma lists would admit other workloads)`,
      fix: "give the exact value, e.g. system:serviceaccount:reporting:nightly-report",
    });
  }
  return value;
}

function verification(v: JwtVerification | undefined, ctx: PropContext): Partial<JwtAuthBackendConfig> {
  const given = v === undefined || v === null ? [] : Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) {
    throw new ZspError({ ...ctx, problem: `give exactly one of oidcDiscoveryUrl, jwksUrl, publicKeys (got ${given.length === 0 ? "none" : given.join(", ")})`, fix: "e.g. { oidcDiscoveryUrl: <issuer URL> }" });
  }
  const given1 = v as { oidcDiscoveryUrl?: string; jwksUrl?: string; publicKeys?: readonly string[] };
  if (given1.oidcDiscoveryUrl !== undefined) return { oidcDiscoveryUrl: httpsUrl(given1.oidcDiscoveryUrl, nested(ctx, "oidcDiscoveryUrl")) };
  if (given1.jwksUrl !== undefined) return { jwksUrl: httpsUrl(given1.jwksUrl, nested(ctx, "jwksUrl")) };
  const keys = given1.publicKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== "string" || !k.includes("BEGIN PUBLIC KEY"))) {
    throw new ZspError({ ...nested(ctx, "publicKeys"), problem: "expected PEM public keys", fix: "give the issuer's PEM-encoded public keys" });
  }
  return { jwtValidationPubkeys: [...keys] };
}

function httpsUrl(url: unknown, ctx: PropContext): string {
  if (typeof url !== "string" || !/^https:\/\/\S+$/.test(url)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(url)} is not an https URL`, fix: "keys must be fetched over TLS" });
  }
  return url;
}

/** The JWS algorithms Vault's JWT auth method verifies (`jwt_supported_algs`); `none` and HMAC are not among them. */
const JWT_ALGORITHMS: readonly string[] = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA"];

function algorithms(value: readonly string[] | undefined, ctx: PropContext): string[] {
  const algs = value ?? ["RS256"];
  if (!Array.isArray(algs) || algs.length === 0 || algs.some((a) => !JWT_ALGORITHMS.includes(a))) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(value)} is not a non-empty list of signing algorithms Vault verifies`, fix: `use some of ${JWT_ALGORITHMS.join(", ")} (default RS256)` });
  }
  return [...algs];
}

function claimMappings(value: Readonly<Record<string, string>>, ctx: PropContext): Record<string, string> {
  requireObject(value, ctx, "give a map of claim to metadata key, e.g. VaultWorkloadAuth.KUBERNETES_CLAIM_MAPPINGS");
  for (const [claim, key] of Object.entries(value)) {
    if (typeof key !== "string" || key.length === 0 || key === "role") {
      throw new ZspError({ ...nested(ctx, claim), problem: `${JSON.stringify(key)} cannot be a metadata key${key === "role" ? ' (Vault reserves "role" for the login role\'s name)' : ""}`, fix: `map ${claim} to a non-empty key other than "role", e.g. "${claim.replace(/^\//, "").replace(/[^A-Za-z0-9_]/g, "_")}"` });
    }
  }
  return { ...value };
}

const CIDR = /^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9A-Fa-f:]+\/\d{1,3})$/;

function cidrs(value: readonly string[], ctx: PropContext): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => typeof c !== "string" || !CIDR.test(c))) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(value)} is not a non-empty list of CIDR blocks`, fix: 'give e.g. ["10.20.0.0/16"]' });
  }
  return [...value];
}
