import { Construct } from "constructs";
import type { TerraformVariableLike } from "../../provider-shim/core-types";
import { Duration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { roleArnAccount, validateRegion } from "../core/aws-names";
import { requireSensitiveVariable } from "../core/secrets";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { PolicyDocument } from "../iam/policy-document";
import { IZspRole } from "../aws/role-contract";
import { vault } from "../../provider-shim/vault-bindings";
import type { AwsSecretBackendConfig, AwsSecretBackendRoleConfig } from "../../provider-shim/vault-bindings";
import { boundedTtlPair, mountLeases, objectContext, ownershipDescription, vaultName } from "./common";
import { requireProps } from "../core/shape";
import { requireList } from "../core/shape";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/**
 * Static AWS keys for the engine: the weaker option. Both must be sensitive
 * variables. Prefer running Vault under its own IAM role (instance profile,
 * IRSA, ECS task role) and giving no keys at all.
 */
export interface VaultAwsStaticKeys {
  /** Sensitive variable holding the access key id. */
  readonly accessKey: TerraformVariableLike;
  /** Sensitive variable holding the secret access key. */
  readonly secretKey: TerraformVariableLike;
}

/** Props of a {@link VaultAwsSecretsEngine}. */
export interface VaultAwsSecretsEngineProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Mount path, e.g. `aws-jit`. */
  readonly path: string;
  /**
   * The IAM role the Vault server runs as (instance profile, IRSA, task
   * role), e.g. `arn:aws:iam::111122223333:role/vault-server`. Vault calls
   * STS with it; every role Vault hands out must trust exactly this ARN.
   */
  readonly serverRoleArn: string;
  /** Region Vault calls AWS in; must be allowed by the profile. */
  readonly region: string;
  /** Default lease of issued credentials. Default `15m`; bounded by the profile's `maxLease`. */
  readonly defaultLeaseTtl?: Duration;
  /** Max lease of issued credentials. Default `1h`; bounded by the profile's `maxLease`. */
  readonly maxLeaseTtl?: Duration;
  /** Owner of the mount; becomes its description. */
  readonly ownership: Ownership;
  /**
   * Static keys: only needed for `federation_token` roles (STS
   * GetFederationToken must be called with an IAM user's long-term keys).
   * This is a standing credential; see docs/vault.md.
   */
  readonly staticKeys?: VaultAwsStaticKeys;
}

/** Options shared by both role kinds. */
export interface VaultAwsRoleCommonProps {
  /** Default STS TTL (`default_sts_ttl`). Default `15m`. */
  readonly stsTtl?: Duration;
  /** Max STS TTL (`max_sts_ttl`). Default the smallest of the profile's `maxStsTtl`, the mount's max lease and each target role's max session. */
  readonly maxStsTtl?: Duration;
  /** Session policy (`policy_document`) that narrows the issued credentials further. */
  readonly sessionPolicy?: PolicyDocument;
}

/** An `assumed_role` Vault role: Vault assumes one of `roles` and returns the STS session. */
export interface AssumedRoleProps extends VaultAwsRoleCommonProps {
  /** `assumed_role`: the only way to hand out AWS credentials without a standing IAM user. */
  readonly credentialType: "assumed_role";
  /** Roles Vault may assume (`role_arns`), e.g. `JitRole`s, each trusting the Vault server's role through `WorkloadIdentity.awsRole` and no other principal (checked). */
  readonly roles: readonly IZspRole[];
  /** Session tags set on every session (`session_tags`). The roles' trust must allow `sts:TagSession` for the Vault server role (checked). */
  readonly sessionTags?: Readonly<Record<string, string>>;
  /** External id sent with AssumeRole (`external_id`), when the role's trust requires one. */
  readonly externalId?: string;
}

/** A `federation_token` Vault role. Needs `staticKeys` on the mount. */
export interface FederationTokenProps extends VaultAwsRoleCommonProps {
  /** `federation_token`. */
  readonly credentialType: "federation_token";
  /** The policy of the federated session (required: the session gets nothing else). */
  readonly sessionPolicy: PolicyDocument;
}

/** Props of {@link VaultAwsSecretsEngine.addRole}. `iam_user` does not exist here. */
export type VaultAwsRoleProps = AssumedRoleProps | FederationTokenProps;

/** A Vault AWS role as created by {@link VaultAwsSecretsEngine.addRole}. */
export interface VaultAwsRole {
  /** Role name. */
  readonly name: string;
  /** `<mount>/creds/<name>`: the path a workload reads credentials from. */
  readonly credsPath: string;
  /** Credential type. */
  readonly credentialType: "assumed_role" | "federation_token";
  /** Default STS TTL, seconds. */
  readonly stsTtlSeconds: number;
  /** Max STS TTL, seconds. */
  readonly maxStsTtlSeconds: number;
}

const STS_MIN_SECONDS = 900;
const FEDERATION_MAX_SECONDS = 129600;

const VAULT_AWS_SECRETS_ENGINE_BRAND = classBrand("VaultAwsSecretsEngine");

/**
 * Vault's AWS secrets engine, issuing STS credentials per request: Vault
 * assumes a `JitRole` (which trusts only the Vault server's role) and hands
 * back a session that expires after `default_sts_ttl` (15 minutes by
 * default), never later than `max_sts_ttl`. The mount holds no keys: Vault
 * authenticates to AWS as its own role. `iam_user` credentials are refused:
 * they are standing IAM users (OWASP NHI-07, guard rule ZSP008).
 */
export class VaultAwsSecretsEngine extends Construct {
  static {
    stampBrand(this, VAULT_AWS_SECRETS_ENGINE_BRAND);
  }

  /**
   * Whether `x` is a `VaultAwsSecretsEngine` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/VaultAwsSecretsEngine")`
   * (see `modules/core/brand.ts`).
   */
  public static isVaultAwsSecretsEngine(x: unknown): x is VaultAwsSecretsEngine {
    return hasBrand(x, VAULT_AWS_SECRETS_ENGINE_BRAND);
  }

  /** Mount path. */
  public readonly path: string;
  /** The Vault server's role ARN. */
  public readonly serverRoleArn: string;
  /** Default lease, seconds. */
  public readonly defaultLeaseSeconds: number;
  /** Max lease, seconds. */
  public readonly maxLeaseSeconds: number;
  private readonly backendPath: string;
  private readonly hasStaticKeys: boolean;
  private readonly roles = new Map<string, VaultAwsRole>();

  public constructor(scope: Construct, id: string, props: VaultAwsSecretsEngineProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, "give path, serverRoleArn, region and ownership");
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);
    this.path = vaultName(props.path, nested(ctx, "path"), "aws-jit");
    roleArnAccount(props.serverRoleArn, nested(ctx, "serverRoleArn"));
    this.serverRoleArn = props.serverRoleArn;
    const region = validateRegion(props.region, profile.allowedRegions, nested(ctx, "region"));
    const lease = mountLeases(props, { ttl: "15m", maxTtl: "1h" }, profile.maxLease, ctx);
    this.defaultLeaseSeconds = lease.ttl;
    this.maxLeaseSeconds = lease.maxTtl;
    for (const key of ["accessKey", "secretKey"]) {
      if ((props as unknown as Record<string, unknown>)[key] !== undefined) {
        throw new ZspError({ ...nested(ctx, key), problem: "AWS keys at the top level of the props would be literals", fix: "omit keys (Vault uses its own role) or pass staticKeys { accessKey, secretKey } as sensitive variables" });
      }
    }
    const keys = props.staticKeys;
    this.hasStaticKeys = keys !== undefined;
    const tags = ownershipTags(props.ownership, "issuer", profile, nested(ctx, "ownership"));
    const config: AwsSecretBackendConfig = {
      path: this.path,
      region,
      stsRegion: region,
      defaultLeaseTtlSeconds: lease.ttl,
      maxLeaseTtlSeconds: lease.maxTtl,
      description: ownershipDescription(tags),
      ...(keys !== undefined
        ? {
          accessKey: requireSensitiveVariable(keys.accessKey, nested(ctx, "staticKeys.accessKey")).stringValue,
          secretKey: requireSensitiveVariable(keys.secretKey, nested(ctx, "staticKeys.secretKey")).stringValue,
        }
        : {}),
    };
    const backend = new vault.AwsSecretBackend(this, "mount", { ...providerOf(this, "vault"), ...config });
    this.backendPath = backend.path;
  }

  /**
   * Adds a Vault role. `assumed_role` checks that every role trusts the
   * Vault server's role and bounds the STS TTL by the profile's `maxStsTtl`,
   * the mount's max lease and each role's max session. `iam_user` throws.
   */
  public addRole(name: string, props: VaultAwsRoleProps): VaultAwsRole {
    const ctx = objectContext(this, this.path, "role", name, this.roles, props, "nightly-report");
    const type = (props as { credentialType?: unknown }).credentialType;
    if (type === "iam_user") {
      throw new ZspError({
        ...nested(ctx, "credentialType"),
        problem: "iam_user creates standing IAM users with long-lived access keys for every lease (OWASP NHI-07, guard rule ZSP008)",
        fix: 'use credentialType "assumed_role" into a JitRole that trusts the Vault server role',
      });
    }
    if (type !== "assumed_role" && type !== "federation_token") {
      throw new ZspError({ ...nested(ctx, "credentialType"), problem: `${JSON.stringify(type)} is not a supported credential type`, fix: 'use "assumed_role" (or "federation_token" with static keys)' });
    }
    const profile = ZspProfile.of(this);
    let ceiling = Math.min(profile.maxStsTtl, this.maxLeaseSeconds);
    let ceilingName = ceiling === profile.maxStsTtl ? "maxStsTtl" : `max lease of mount ${this.path}`;
    const base: { -readonly [K in keyof AwsSecretBackendRoleConfig]?: AwsSecretBackendRoleConfig[K] } = {};
    let roleArns: string[] | undefined;
    if (props.credentialType === "assumed_role") {
      const roles = props.roles;
      requireList(roles, nested(ctx, "roles"), { empty: "an assumed_role role needs at least one role to assume", example: "[jitRole]" });
      (roles as NonNullable<typeof roles>).forEach((role, i) => {
        const roleCtx = nested(ctx, `roles[${i}]`);
        if (role === null || typeof role !== "object" || typeof role.roleArn !== "string" || !Array.isArray(role.trustedAwsRoleArns)) {
          throw new ZspError({ ...roleCtx, problem: `${role === null || role === undefined ? String(role) : "the value"} is not a role (IZspRole, e.g. a JitRole)`, fix: "pass the JitRole(s) Vault may assume" });
        }
        const trusted = role?.trustedAwsRoleArns ?? [];
        if (!trusted.includes(this.serverRoleArn)) {
          throw new ZspError({
            ...roleCtx,
            problem: `role ${role?.roleName ?? "?"} (${role?.node?.path ?? "?"}) does not trust the Vault server role ${this.serverRoleArn}${trusted.length > 0 ? `; it trusts only ${trusted.join(", ")}` : ""}, so Vault could not assume it`,
            fix: `add WorkloadIdentity.awsRole({ roleArn: "${this.serverRoleArn}" }) to the role's identities`,
          });
        }
        const others = otherPrincipals(role, this.serverRoleArn);
        if (others.length > 0) {
          throw new ZspError({
            ...roleCtx,
            problem: `role ${role.roleName} (${role.node.path}) also trusts ${others.join(", ")}: a session obtained there bypasses Vault's STS TTL, policy and audit log`,
            fix: "give Vault a role of its own that trusts only the Vault server role (WorkloadIdentity.awsRole), and keep other identities on a separate JitRole",
          });
        }
        if (role.maxSessionSeconds < ceiling) {
          ceiling = role.maxSessionSeconds;
          ceilingName = `max session of role ${role.roleName}`;
        }
      });
      roleArns = roles.map((r) => r.roleArn);
      if (props.sessionTags !== undefined) {
        if (props.sessionTags === null || typeof props.sessionTags !== "object" || Object.values(props.sessionTags).some((v) => typeof v !== "string")) {
          throw new ZspError({ ...nested(ctx, "sessionTags"), problem: "expected a map of tag key to string value", fix: 'give e.g. { "zsp:task": "nightly-report" }' });
        }
        roles.forEach((role, i) => {
          if (!trustAllowsTagSession(role, this.serverRoleArn)) {
            throw new ZspError({
              ...nested(ctx, "sessionTags"),
              problem: `role ${role.roleName} (roles[${i}]) does not let ${this.serverRoleArn} call sts:TagSession, so every AssumeRole with session tags would be denied`,
              fix: "drop sessionTags, or trust the Vault server role for sts:TagSession as well",
            });
          }
        });
        base.sessionTags = { ...props.sessionTags };
      }
      if (props.externalId !== undefined) {
        if (typeof props.externalId !== "string" || props.externalId.length < 2) {
          throw new ZspError({ ...nested(ctx, "externalId"), problem: `${JSON.stringify(props.externalId)} is not an external id (STS takes 2 to 1224 characters)`, fix: "give the external id the role's trust requires" });
        }
        base.externalId = props.externalId;
      }
    } else {
      if (!this.hasStaticKeys) {
        throw new ZspError({
          ...nested(ctx, "credentialType"),
          problem: `federation_token needs the mount to hold an IAM user's access keys (GetFederationToken cannot be called with role credentials), and ${this.path} has none`,
          fix: 'prefer "assumed_role"; if you must, give the mount staticKeys from sensitive variables',
        });
      }
      if (!PolicyDocument.isPolicyDocument(props.sessionPolicy)) {
        throw new ZspError({ ...nested(ctx, "sessionPolicy"), problem: "a federation token needs a policy that says what it may do", fix: "pass a PolicyDocument with explicit actions and resources" });
      }
      ceiling = Math.min(ceiling, FEDERATION_MAX_SECONDS);
    }
    const ttls = boundedTtlPair(
      { ttl: props.stsTtl, maxTtl: props.maxStsTtl },
      { ttl: "15m", maxTtl: ceiling },
      ceiling,
      ceilingName,
      { ttl: nested(ctx, "stsTtl"), maxTtl: nested(ctx, "maxStsTtl") },
      STS_MIN_SECONDS,
    );
    if (props.sessionPolicy !== undefined) {
      if (!PolicyDocument.isPolicyDocument(props.sessionPolicy)) {
        throw new ZspError({ ...nested(ctx, "sessionPolicy"), problem: "expected a PolicyDocument", fix: "build it with new PolicyDocument([...statements])" });
      }
      base.policyDocument = props.sessionPolicy.toJsonString();
    }
    new vault.AwsSecretBackendRole(this, `role-${name}`, { ...providerOf(this, "vault"),
      backend: this.backendPath,
      name,
      credentialType: props.credentialType,
      defaultStsTtl: ttls.ttl,
      maxStsTtl: ttls.maxTtl,
      ...(roleArns !== undefined ? { roleArns } : {}),
      ...base,
    });
    const role: VaultAwsRole = { name, credsPath: `${this.path}/creds/${name}`, credentialType: props.credentialType, stsTtlSeconds: ttls.ttl, maxStsTtlSeconds: ttls.maxTtl };
    this.roles.set(name, role);
    return role;
  }
}

/** The principals other than `server` that `role` trusts: other named roles, and every principal of its trust policy's Allow statements when it exposes one (as `JitRole.trustPolicy`). */
function otherPrincipals(role: IZspRole, server: string): string[] {
  const found = new Set(role.trustedAwsRoleArns.filter((arn) => arn !== server));
  const trust = (role as IZspRole & { readonly trustPolicy?: unknown }).trustPolicy;
  if (PolicyDocument.isPolicyDocument(trust)) {
    for (const st of trust.statements) {
      if (st.effect !== "Allow") continue;
      for (const values of Object.values(st.props.principal ?? {})) {
        for (const p of typeof values === "string" ? [values] : (values as readonly string[])) if (p !== server) found.add(p);
      }
    }
  }
  return [...found];
}

/**
 * Whether `role` exposes a trust policy (as `JitRole.trustPolicy` does) whose
 * Allow statement for `principal` includes `sts:TagSession`. A role that
 * exposes no trust policy cannot be checked and counts as not allowing it.
 */
function trustAllowsTagSession(role: IZspRole, principal: string): boolean {
  const trust = (role as IZspRole & { readonly trustPolicy?: unknown }).trustPolicy;
  if (!PolicyDocument.isPolicyDocument(trust)) return false;
  return trust.statements.some((st) => {
    const aws = st.props.principal?.AWS;
    const principals = aws === undefined ? [] : typeof aws === "string" ? [aws] : aws;
    return st.effect === "Allow" && principals.includes(principal) && (st.props.actions ?? []).includes("sts:TagSession");
  });
}
