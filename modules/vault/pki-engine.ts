import { Construct } from "constructs";
import { Duration, boundedDuration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { vault } from "../../provider-shim/vault-bindings";
import { mountLeases, objectContext, ownershipDescription, roleTtlsUnderMount, secretsMount, vaultName } from "./common";
import { requireProps } from "../core/shape";
import { requireList } from "../core/shape";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/**
 * Where the issuing CA comes from. In both cases the private keys are
 * generated inside Vault (`type = "internal"`) and never returned, so they
 * are in neither the synthesized JSON nor the Terraform state.
 */
export type PkiCaSource =
  | {
    /** A root CA on its own mount `<path>-root` signs the issuing intermediate; the root mount has no roles. */
    readonly type: "internal-root";
    /** Root CA common name, e.g. `acme.example workload root`. */
    readonly commonName: string;
    /** Root CA lifetime. Default `8760h` (1 year). */
    readonly rootTtl?: Duration;
    /** Issuing intermediate lifetime. Default `720h` (30 days); at most `rootTtl`. */
    readonly intermediateTtl?: Duration;
  }
  | {
    /** Vault creates the intermediate's key and CSR (`csr` output); an organisation CA outside Terraform signs it. */
    readonly type: "external-intermediate";
    /** Intermediate common name. */
    readonly commonName: string;
    /** The signed intermediate certificate (PEM, public), once the organisation CA returned it. */
    readonly signedCertificate?: string;
  };

/** Props of a {@link VaultPkiEngine}. */
export interface VaultPkiEngineProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Issuing mount path, e.g. `pki-spiffe`. */
  readonly path: string;
  /** The issuing CA. */
  readonly ca: PkiCaSource;
  /** Default certificate lease on the issuing mount. Default `1h`; bounded by the profile's `maxLease`. */
  readonly defaultLeaseTtl?: Duration;
  /** Max certificate lease on the issuing mount. Default the profile's `maxLease`. */
  readonly maxLeaseTtl?: Duration;
  /** Owner; becomes the mounts' description. */
  readonly ownership: Ownership;
}

/** Props of {@link VaultPkiEngine.addRole}. */
export interface PkiRoleProps {
  /**
   * URI SANs certificates may carry, e.g. `spiffe://acme.example/ns/*\/sa/*`
   * (globs only below the trust domain). Vault's `*` also matches `/`, and a
   * caller may request any id a pattern admits: give patterns only to an
   * attesting issuer, and a workload its exact id (see docs/vault.md).
   */
  readonly allowedUriSans: readonly string[];
  /** DNS names certificates may carry. Default none. Wildcards only with `allowWildcardDns`. */
  readonly allowedDomains?: readonly string[];
  /** Allow `*.` names in `allowedDomains` and wildcard certificates. Default `false`. */
  readonly allowWildcardDns?: boolean;
  /** Default certificate TTL (`ttl`). Default `1h`; bounded by the mount's max lease. */
  readonly ttl?: Duration;
  /** Max certificate TTL (`max_ttl`). Default the mount's max lease. */
  readonly maxTtl?: Duration;
  /** Issue client-auth certificates. Default `true`. */
  readonly client?: boolean;
  /** Issue server-auth certificates. Default `true`. */
  readonly server?: boolean;
}

/** A PKI role as created by {@link VaultPkiEngine.addRole}. */
export interface PkiRole {
  /** Role name. */
  readonly name: string;
  /** `<mount>/issue/<name>`: where a workload requests a certificate. */
  readonly issuePath: string;
  /** Default TTL, seconds. */
  readonly ttlSeconds: number;
  /** Max TTL, seconds. */
  readonly maxTtlSeconds: number;
}

const SPIFFE_OR_URI = /^[a-z][a-z0-9+.-]*:\/\/([^/*?]+)(\/\S*)?$/;

/**
 * Vault's PKI engine issuing short-lived X.509 certificates (SPIFFE-style
 * workload identity, mTLS): leaf TTLs bounded by the profile's `maxLease`
 * (1 h by default), URI SANs restricted to declared patterns, no wildcard DNS
 * unless asked for, CA keys generated inside Vault and never exported.
 */
export class VaultPkiEngine extends Construct {
  /** Issuing mount path. */
  public readonly path: string;
  /** Max lease of the issuing mount, seconds. */
  public readonly maxLeaseSeconds: number;
  /** The intermediate's CSR (PEM; a Terraform reference), for an external CA to sign. */
  public readonly csr: string;
  private readonly issuingPath: string;
  private readonly roles = new Set<string>();

  public constructor(scope: Construct, id: string, props: VaultPkiEngineProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, "give path, ca and ownership");
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);
    this.path = vaultName(props.path, nested(ctx, "path"), "pki-spiffe");
    const lease = mountLeases(props, { ttl: "1h", maxTtl: profile.maxLease }, profile.maxLease, ctx);
    this.maxLeaseSeconds = lease.maxTtl;
    const description = ownershipDescription(ownershipTags(props.ownership, "issuer", profile, nested(ctx, "ownership")));
    const ca = props.ca;
    const caCtx = nested(ctx, "ca");
    if (ca === undefined || ca === null || (ca.type !== "internal-root" && ca.type !== "external-intermediate")) {
      throw new ZspError({ ...nested(caCtx, "type"), problem: `${JSON.stringify((ca as { type?: unknown } | undefined)?.type)} is not a CA source; exported keys would land in the Terraform state`, fix: 'use "internal-root" or "external-intermediate"' });
    }
    if (typeof ca.commonName !== "string" || ca.commonName.trim().length === 0) {
      throw new ZspError({ ...nested(caCtx, "commonName"), problem: "is required", fix: 'name the CA, e.g. "acme.example workload CA"' });
    }
    this.issuingPath = secretsMount(this, "mount", { path: this.path, type: "pki", lease, description });
    const request = new vault.PkiSecretBackendIntermediateCertRequest(this, "intermediate-csr", { ...providerOf(this, "vault"),
      backend: this.issuingPath,
      type: "internal",
      commonName: `${ca.commonName} issuing`,
      keyType: "ec",
      keyBits: 256,
    });
    this.csr = request.csr;
    if (ca.type === "internal-root") {
      const rootTtl = boundedDuration(ca.rootTtl, "8760h", 10 * 8760 * 3600, nested(caCtx, "rootTtl"), "10-year limit on a root CA");
      const intermediateTtl = boundedDuration(ca.intermediateTtl, "720h", rootTtl, nested(caCtx, "intermediateTtl"), "root CA's lifetime");
      // The root mount's max lease is the CA's lifetime, not a credential lease: it has no roles and issues only the intermediate.
      const rootPath = secretsMount(this, "root-mount", { path: `${this.path}-root`, type: "pki", lease: { ttl: lease.ttl, maxTtl: rootTtl }, description: `${description}; CA only, no roles` });
      const rootCa = new vault.PkiSecretBackendRootCert(this, "root-ca", { ...providerOf(this, "vault"),
        backend: rootPath,
        type: "internal",
        commonName: ca.commonName,
        ttl: String(rootTtl),
        keyType: "ec",
        keyBits: 384,
        maxPathLength: 1,
      });
      const signed = new vault.PkiSecretBackendRootSignIntermediate(this, "sign-intermediate", { ...providerOf(this, "vault"),
        backend: rootPath,
        csr: request.csr,
        commonName: `${ca.commonName} issuing`,
        ttl: String(intermediateTtl),
        maxPathLength: 0,
        dependsOn: [rootCa],
      });
      new vault.PkiSecretBackendIntermediateSetSigned(this, "intermediate", { ...providerOf(this, "vault"), backend: this.issuingPath, certificate: signed.certificate });
    } else if (ca.signedCertificate !== undefined) {
      if (typeof ca.signedCertificate !== "string" || !ca.signedCertificate.includes("BEGIN CERTIFICATE") || ca.signedCertificate.includes("PRIVATE KEY")) {
        throw new ZspError({ ...nested(caCtx, "signedCertificate"), problem: "expected a PEM certificate (and no private key)", fix: "give the certificate the organisation CA signed from this engine's csr" });
      }
      new vault.PkiSecretBackendIntermediateSetSigned(this, "intermediate", { ...providerOf(this, "vault"), backend: this.issuingPath, certificate: ca.signedCertificate });
    }
  }

  /** Adds a role issuing certificates for the declared URI SANs (and DNS names), with bounded TTLs. */
  public addRole(name: string, props: PkiRoleProps): PkiRole {
    const ctx = objectContext(this, this.path, "role", name, this.roles, props, "workload");
    const uris = props.allowedUriSans;
    requireList(uris, nested(ctx, "allowedUriSans"), { empty: "a workload role needs at least one URI SAN pattern", example: '["spiffe://acme.example/ns/*/sa/*"]' });
    uris.forEach((uri, i) => {
      const match = typeof uri === "string" ? SPIFFE_OR_URI.exec(uri) : null;
      if (!match) {
        throw new ZspError({
          ...nested(ctx, `allowedUriSans[${i}]`),
          problem: `${JSON.stringify(uri)} does not name a fixed trust domain (globs are allowed only in the path)`,
          fix: "write spiffe://<trust domain>/<path with * segments>",
        });
      }
    });
    const wildcard = props.allowWildcardDns ?? false;
    const domains = props.allowedDomains ?? [];
    if (!Array.isArray(domains)) {
      throw new ZspError({ ...nested(ctx, "allowedDomains"), problem: `expected a list of DNS names, got ${typeof domains}`, fix: 'give e.g. ["worker.svc.acme.example"]' });
    }
    domains.forEach((d, i) => {
      if (typeof d !== "string" || d.length === 0 || (!wildcard && d.includes("*"))) {
        throw new ZspError({
          ...nested(ctx, `allowedDomains[${i}]`),
          problem: `${JSON.stringify(d)} is a wildcard DNS name: one certificate would impersonate every host under it`,
          fix: "list exact names, or set allowWildcardDns: true as a reviewed exception",
        });
      }
    });
    const ttls = roleTtlsUnderMount(props, this, ZspProfile.of(this).maxLease, ctx);
    new vault.PkiSecretBackendRole(this, `role-${name}`, { ...providerOf(this, "vault"),
      backend: this.issuingPath,
      name,
      ttl: String(ttls.ttl),
      maxTtl: String(ttls.maxTtl),
      allowedUriSans: [...uris],
      allowedUriSansTemplate: false,
      allowedDomains: [...domains],
      allowBareDomains: domains.length > 0,
      allowSubdomains: false,
      allowGlobDomains: wildcard,
      allowWildcardCertificates: wildcard,
      allowAnyName: false,
      allowIpSans: false,
      allowLocalhost: false,
      enforceHostnames: true,
      requireCn: false,
      clientFlag: props.client ?? true,
      serverFlag: props.server ?? true,
      keyType: "ec",
      keyBits: 256,
    });
    this.roles.add(name);
    return { name, issuePath: `${this.path}/issue/${name}`, ttlSeconds: ttls.ttl, maxTtlSeconds: ttls.maxTtl };
  }
}
