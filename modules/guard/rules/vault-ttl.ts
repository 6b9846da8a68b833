import { vaultTtlSeconds } from "../../core/duration";
import { ofType, referencedResource } from "../index-model";
import { TfModel, TfResource, show } from "../model";
import { Rule, RuleContext } from "../rule";
import { TOKEN_ISSUERS } from "../vault-read";

/** Mount types that issue no leases (nothing to bound). */
const LEASELESS_MOUNTS = new Set(["kv", "kv-v2", "generic", "transit", "cubbyhole", "identity", "system", "totp"]);

interface TtlCheck {
  readonly keys: readonly string[];
  readonly optional?: readonly string[];
  readonly bound: "maxLease" | "maxStsTtl" | "maxTokenTtl";
}

function checkTtls(ctx: RuleContext, r: TfResource, check: TtlCheck): void {
  const max = ctx.profile[check.bound];
  for (const key of [...check.keys, ...(check.optional ?? [])]) {
    const raw = r.values[key];
    const optional = check.optional?.includes(key) ?? false;
    if (raw === undefined || raw === null || raw === "") {
      if (!optional) ctx.report("ZSP007", r, `${key} is not set: Vault uses its system default (usually 32 days). Fix: set ${key} to at most ${max} s (profile ${check.bound}).`);
      continue;
    }
    const seconds = vaultTtlSeconds(raw);
    if (seconds === undefined) {
      ctx.report("ZSP000", r, `${key} ${show(raw)} cannot be evaluated; ZSP007 not checked for it.`);
    } else if (seconds === 0) {
      if (!optional) ctx.report("ZSP007", r, `${key} is 0, which means Vault's system default (usually 32 days). Fix: set ${key} to at most ${max} s (profile ${check.bound}).`);
    } else if (seconds > max) {
      ctx.report("ZSP007", r, `${key} is ${seconds} s, above the profile's ${check.bound} of ${max} s. Fix: lower it, or raise ${check.bound} in the stack's profile as a documented exception.`);
    }
  }
}

/** ZSP007: Vault lease, STS and token TTLs missing, zero or above the profile's bounds. */
export const vaultTtlRule = {
  ids: ["ZSP007", "ZSP000"],
  run(ctx: RuleContext): void {
    const lease: TtlCheck = { keys: ["default_lease_ttl_seconds", "max_lease_ttl_seconds"], bound: "maxLease" };
    for (const r of ofType(ctx.model, "vault_mount")) {
      if (typeof r.values.type === "string" && LEASELESS_MOUNTS.has(r.values.type)) continue;
      const ca = r.values.type === "pki" ? caOnlyLifetime(ctx.model, r) : undefined;
      if (ca === undefined) {
        checkTtls(ctx, r, lease);
        continue;
      }
      // A PKI mount that only holds a CA issues no leases to workloads: its max lease is the CA's lifetime.
      checkTtls(ctx, r, { keys: ["default_lease_ttl_seconds"], bound: "maxLease" });
      const max = vaultTtlSeconds(r.values.max_lease_ttl_seconds);
      if (ca === "unknown") ctx.report("ZSP000", r, "the lifetime of the CA on this CA-only PKI mount cannot be evaluated; ZSP007 not checked for max_lease_ttl_seconds.");
      else if (max === undefined || max === 0 || max > ca) {
        ctx.report("ZSP007", r, `max_lease_ttl_seconds is ${show(r.values.max_lease_ttl_seconds)} on a PKI mount that only holds a CA (no roles): it must be set and at most the CA's own lifetime, ${ca} s. Fix: set max_lease_ttl_seconds to the CA's ttl.`);
      }
    }
    for (const type of ["vault_aws_secret_backend", "vault_database_secrets_mount"]) {
      for (const r of ofType(ctx.model, type)) checkTtls(ctx, r, lease);
    }
    // An iam_user role is ZSP008 whatever its TTLs.
    for (const r of ofType(ctx.model, "vault_aws_secret_backend_role")) {
      if (r.values.credential_type !== "iam_user") checkTtls(ctx, r, { keys: ["default_sts_ttl", "max_sts_ttl"], bound: "maxStsTtl" });
    }
    for (const r of ofType(ctx.model, "vault_database_secret_backend_role")) {
      checkTtls(ctx, r, { keys: ["default_ttl", "max_ttl"], bound: "maxLease" });
    }
    for (const r of ofType(ctx.model, "vault_pki_secret_backend_role")) {
      checkTtls(ctx, r, { keys: ["ttl", "max_ttl"], bound: "maxLease" });
    }
    for (const type of TOKEN_ISSUERS) {
      for (const r of ofType(ctx.model, type)) {
        checkTtls(ctx, r, { keys: ["token_ttl", "token_max_ttl"], optional: ["token_explicit_max_ttl"], bound: "maxTokenTtl" });
        periodic(ctx, r, "token_period");
      }
    }
    // AppRole secret ids are credentials handed to workloads: they expire like leases (one that never expires is ZSP018).
    for (const r of ofType(ctx.model, "vault_approle_auth_backend_role")) {
      checkTtls(ctx, r, { keys: [], optional: ["secret_id_ttl"], bound: "maxLease" });
    }
    // Terraform's own Vault token: the provider's child token lives at most 1 h (vaultProvider defaults to 20 m).
    for (const p of ctx.model.providers) {
      if (p.name !== "vault") continue;
      const seconds = vaultTtlSeconds(p.config.max_lease_ttl_seconds);
      if (seconds !== undefined && seconds > 3600) {
        ctx.report("ZSP007", p, `max_lease_ttl_seconds is ${seconds} s: Terraform's Vault child token outlives the apply. Fix: at most 3600 (vaultProvider uses 1200).`);
      }
    }
    // A token created by Terraform sits in the state: it must expire soon and never be periodic.
    for (const r of ofType(ctx.model, "vault_token")) {
      checkTtls(ctx, r, { keys: ["ttl"], optional: ["explicit_max_ttl"], bound: "maxTokenTtl" });
      periodic(ctx, r, "period");
    }
  },
} as const satisfies Rule;

/**
 * For a PKI mount with no role on it that holds a CA: the CA's lifetime in
 * seconds (the longest root ttl on it; `unknown` when not a literal).
 * Undefined when the mount has roles (it issues to workloads: `maxLease`)
 * or no CA.
 */
function caOnlyLifetime(model: TfModel, mount: TfResource): number | "unknown" | undefined {
  const on = (r: TfResource): boolean => referencedResource(model, r, r.config?.backend, "vault_mount") === mount ||
    (typeof r.values.backend === "string" && r.values.backend === mount.values.path);
  if (ofType(model, "vault_pki_secret_backend_role").some(on)) return undefined;
  const roots = ofType(model, "vault_pki_secret_backend_root_cert").filter(on);
  if (roots.length === 0) return undefined;
  const ttls = roots.map((r) => vaultTtlSeconds(r.values.ttl));
  return ttls.some((t) => t === undefined) ? "unknown" : Math.max(...(ttls as number[]));
}

function periodic(ctx: RuleContext, r: TfResource, key: string): void {
  const seconds = vaultTtlSeconds(r.values[key]);
  if (seconds !== undefined && seconds > 0) {
    ctx.report("ZSP007", r, `${key} is ${seconds} s: a periodic token renews forever and never reaches a max TTL. Fix: remove ${key}; use token_ttl/token_max_ttl within the profile's maxTokenTtl.`);
  }
}
