import { ofType, referencedResource } from "../index-model";
import { TfResource, blocks, isExpression, isRecord, show } from "../model";
import { RuleContext } from "../rule";
import { goDurationSeconds } from "./credentials";

/** Mount types that issue no leases (nothing to bound). */
const LEASELESS_MOUNTS = new Set(["kv", "kv-v2", "generic", "transit", "cubbyhole", "identity", "system", "totp"]);

/** Auth backends and roles that issue Vault tokens (the provider-vault types with `token_ttl`). */
export const TOKEN_ISSUERS: readonly string[] = [
  "vault_alicloud_auth_backend_role", "vault_approle_auth_backend_role", "vault_aws_auth_backend_role",
  "vault_azure_auth_backend_role", "vault_cert_auth_backend_role", "vault_gcp_auth_backend_role",
  "vault_github_auth_backend", "vault_jwt_auth_backend_role", "vault_kubernetes_auth_backend_role",
  "vault_ldap_auth_backend", "vault_oci_auth_backend_role", "vault_okta_auth_backend",
  "vault_saml_auth_backend_role", "vault_scep_auth_backend_role", "vault_spiffe_auth_backend_role",
  "vault_token_auth_backend_role",
];

/** A Vault TTL (seconds as number or numeric string, or a duration string) in seconds; undefined if unreadable. */
export function vaultTtlSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || isExpression(value)) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const d = /^(\d+)d$/.exec(value);
  if (d) return Number(d[1]) * 86400;
  return goDurationSeconds(value);
}

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

/** ZSP007, ZSP008, ZSP009: Vault TTLs, iam_user credentials, database revocation. */
export function vaultSecretRules(ctx: RuleContext): void {
  const lease: TtlCheck = { keys: ["default_lease_ttl_seconds", "max_lease_ttl_seconds"], bound: "maxLease" };
  for (const r of ofType(ctx.model, "vault_mount")) {
    if (typeof r.values.type === "string" && LEASELESS_MOUNTS.has(r.values.type)) continue;
    checkTtls(ctx, r, lease);
  }
  for (const type of ["vault_aws_secret_backend", "vault_database_secrets_mount"]) {
    for (const r of ofType(ctx.model, type)) checkTtls(ctx, r, lease);
  }
  for (const r of ofType(ctx.model, "vault_aws_secret_backend_role")) {
    if (r.values.credential_type === "iam_user") {
      ctx.report("ZSP008", r, 'credential_type "iam_user" makes Vault create IAM users with access keys: standing credentials. Fix: use credential_type "assumed_role" with default_sts_ttl/max_sts_ttl.');
      continue;
    }
    checkTtls(ctx, r, { keys: ["default_sts_ttl", "max_sts_ttl"], bound: "maxStsTtl" });
  }
  for (const r of ofType(ctx.model, "vault_database_secret_backend_role")) {
    checkTtls(ctx, r, { keys: ["default_ttl", "max_ttl"], bound: "maxLease" });
    const rev = r.values.revocation_statements;
    if (isExpression(rev)) {
      ctx.report("ZSP000", r, "revocation_statements is an expression the engine cannot evaluate; ZSP009 not checked.");
    } else if (!Array.isArray(rev) || rev.filter((s) => typeof s === "string" && s.trim() !== "").length === 0) {
      ctx.report("ZSP009", r, "no revocation_statements: when the lease ends the database user may stay behind. Fix: add statements that revoke the grants and drop the user, e.g. DROP ROLE IF EXISTS \"{{name}}\".");
    }
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
  // AppRole secret ids are credentials handed to workloads: they expire like leases.
  for (const r of ofType(ctx.model, "vault_approle_auth_backend_role")) {
    checkTtls(ctx, r, { keys: ["secret_id_ttl"], bound: "maxLease" });
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
}

function periodic(ctx: RuleContext, r: TfResource, key: string): void {
  const seconds = vaultTtlSeconds(r.values[key]);
  if (seconds !== undefined && seconds > 0) {
    ctx.report("ZSP007", r, `${key} is ${seconds} s: a periodic token renews forever and never reaches a max TTL. Fix: remove ${key}; use token_ttl/token_max_ttl within the profile's maxTokenTtl.`);
  }
}

/** One path rule of a Vault policy. */
export interface VaultPathRule {
  /** Path pattern. */
  readonly path: string;
  /** Capabilities. */
  readonly capabilities: readonly string[];
}

/** Parses a Vault policy (HCL or JSON); undefined when it cannot be read. */
export function parseVaultPolicy(text: string): VaultPathRule[] | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      if (!isRecord(json) || !isRecord(json.path)) return undefined;
      return Object.entries(json.path).map(([path, body]) => ({
        path, capabilities: isRecord(body) && Array.isArray(body.capabilities) ? body.capabilities.map((x) => show(x)) : [],
      }));
    } catch {
      return undefined;
    }
  }
  const withoutComments = trimmed.replace(/(^|\n)\s*(#|\/\/)[^\n]*/g, "\n");
  const rules: VaultPathRule[] = [];
  const pathBlock = /path\s+"([^"]*)"\s*\{([^}]*)\}/g;
  let consumed = withoutComments;
  for (const m of withoutComments.matchAll(pathBlock)) {
    const caps = /capabilities\s*=\s*\[([^\]]*)\]/.exec(m[2] ?? "");
    rules.push({ path: m[1] ?? "", capabilities: caps ? [...(caps[1] ?? "").matchAll(/"([^"]*)"/g)].map((c) => c[1] ?? "") : [] });
    consumed = consumed.replace(m[0], "");
  }
  if (consumed.trim() !== "" || (rules.length === 0 && trimmed !== "")) return undefined;
  return rules;
}

const EVERYTHING = /^[+/]*\*$/;

/** ZSP015: Vault policies granting sudo or a `*` path. */
export function vaultPolicyRule(ctx: RuleContext): void {
  for (const r of ofType(ctx.model, "vault_policy")) {
    const rules = policyRules(ctx, r);
    if (rules === undefined) {
      ctx.report("ZSP000", r, `policy cannot be evaluated (${isExpression(r.values.policy) ? "an expression" : "not HCL or JSON the engine reads"}); ZSP015 not checked.`);
      continue;
    }
    for (const rule of rules) {
      const granting = rule.capabilities.filter((c) => c !== "deny");
      if (rule.capabilities.includes("deny") || granting.length === 0) continue;
      if (granting.includes("sudo")) {
        ctx.report("ZSP015", r, `grants sudo on "${rule.path}": root-protected endpoints. Fix: remove sudo; workloads never need it.`);
      }
      if (EVERYTHING.test(rule.path)) {
        ctx.report("ZSP015", r, `grants ${granting.join(", ")} on path "${rule.path}": every path in Vault. Fix: grant only the exact paths the workload needs, e.g. aws-jit/creds/<role>.`);
      }
    }
  }
}

function policyRules(ctx: RuleContext, r: TfResource): VaultPathRule[] | undefined {
  const value = r.values.policy;
  if (typeof value === "string" && !isExpression(value)) return parseVaultPolicy(value);
  for (const candidate of [r.config?.policy, value]) {
    const doc = referencedResource(ctx.model, r, candidate, "vault_policy_document") ??
      (typeof candidate === "string" ? dataDoc(ctx, r, candidate) : undefined);
    if (!doc) continue;
    if (typeof doc.values.hcl === "string" && !isExpression(doc.values.hcl)) return parseVaultPolicy(doc.values.hcl);
    return blocks(doc.values.rule).map((b) => ({ path: show(b.path ?? ""), capabilities: Array.isArray(b.capabilities) ? b.capabilities.map((x) => show(x)) : [] }));
  }
  return undefined;
}

function dataDoc(ctx: RuleContext, from: TfResource, value: string): TfResource | undefined {
  const m = /^\$\{data\.vault_policy_document\.([\w-]+)\.hcl\}$/.exec(value);
  if (!m) return undefined;
  return ctx.model.resources.find((d) => d.mode === "data" && d.type === "vault_policy_document" && d.name === m[1] && d.module === from.module);
}
