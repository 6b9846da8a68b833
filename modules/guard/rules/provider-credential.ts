import { goDurationSeconds } from "../../core/duration";
import { TfProvider, blocks, isExpression, isRecord, show } from "../model";
import { Locatable, Rule, RuleContext } from "../rule";
import { isLiteralValue } from "../secret-scan";
import { isSecretName } from "../secret-names";

/** AWS provider arguments that are (or point at) static credentials: ZSP014, not ZSP010. */
export const AWS_STATIC_CREDENTIAL_ARGS: readonly string[] = ["access_key", "secret_key", "token", "profile", "shared_credentials_files", "shared_config_files"];

/** Vault auth methods whose login is a standing secret (a password, an AppRole secret_id, a token file). */
const STATIC_VAULT_LOGINS: readonly string[] = ["userpass", "approle", "radius", "token_file", "ldap", "okta", "kerberos"];

/** Vault provider arguments that hold or lead to a standing token: ZSP014, not ZSP010. */
export const VAULT_STATIC_CREDENTIAL_ARGS: readonly string[] = ["token", "skip_child_token", "auth_login", ...STATIC_VAULT_LOGINS.map((m) => `auth_login_${m}`)];

const HARD_MAX_PROVIDER_SESSION = 3600;

/** ZSP014: AWS provider static credentials and long assume_role sessions; a Vault provider holding a token or a static login. */
export const providerCredentialRule = {
  ids: ["ZSP014", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const p of ctx.model.providers) {
      if (p.name === "aws") awsProvider(ctx, p);
      else if (p.name === "vault") vaultProvider(ctx, p);
    }
  },
} as const satisfies Rule;

function set(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && value !== false;
}

function awsProvider(ctx: RuleContext, p: TfProvider): void {
  const keys = AWS_STATIC_CREDENTIAL_ARGS.filter((k) => set(p.config[k]));
  if (keys.length > 0) {
    ctx.report("ZSP014", p, `AWS provider sets ${keys.join(", ")}: static or shared credentials are standing credentials. Fix: remove them; take base credentials from the CI job's OIDC identity and assume_role for at most 1h (awsProvider does).`);
  }
  for (const block of ["assume_role", "assume_role_with_web_identity"]) {
    for (const ar of blocks(p.config[block])) checkDuration(ctx, p, block, ar);
  }
}

function vaultProvider(ctx: RuleContext, p: TfProvider): void {
  const fix = "Fix: log in with a short-lived workload identity (auth_login_jwt with the CI job's OIDC token, as vaultProvider does) and let the provider take a child token.";
  if (set(p.config.token)) {
    ctx.report("ZSP014", p, `Vault provider holds a token${isExpression(p.config.token) ? " (from a variable or expression)" : " (a literal)"}: a standing Vault credential that outlives the apply. ${fix}`);
  }
  if (p.config.skip_child_token === true || p.config.skip_child_token === "true") {
    ctx.report("ZSP014", p, `Vault provider sets skip_child_token: Terraform uses its login token itself instead of a child token bounded by max_lease_ttl_seconds. ${fix}`);
  }
  for (const method of STATIC_VAULT_LOGINS) {
    if (blocks(p.config[`auth_login_${method}`]).length > 0) {
      ctx.report("ZSP014", p, `Vault provider logs in with auth_login_${method}: a standing secret (password, secret_id or token file). ${fix}`);
    }
  }
  for (const login of blocks(p.config.auth_login)) {
    const method = show(login.method ?? login.path ?? "");
    const staticMethod = STATIC_VAULT_LOGINS.find((m) => new RegExp(`(?:^|/)${m}(?:/|$)`).test(method));
    const params = isRecord(login.parameters) ? login.parameters : {};
    const literal = Object.entries(params).filter(([k, v]) => (isSecretName(k) || k === "secret_id") && typeof v === "string" && isLiteralValue(v)).map(([k]) => k);
    if (staticMethod !== undefined || literal.length > 0) {
      ctx.report("ZSP014", p, `Vault provider auth_login ${staticMethod !== undefined ? `uses ${staticMethod}, a standing secret` : `passes ${literal.join(", ")} as a literal`}. ${fix}`);
    }
  }
}

function checkDuration(ctx: RuleContext, p: Locatable, block: string, ar: Record<string, unknown>): void {
  for (const key of ["duration", "duration_seconds"]) {
    const raw = ar[key];
    if (raw === undefined || raw === null || raw === "") continue;
    const seconds = key === "duration_seconds" ? (typeof raw === "number" ? raw : /^\d+$/.test(show(raw)) ? Number(raw) : undefined) : goDurationSeconds(raw);
    if (seconds === undefined) {
      ctx.report("ZSP000", p, `${block}.${key} ${show(raw)} cannot be evaluated; ZSP014 duration not checked.`);
    } else if (seconds > HARD_MAX_PROVIDER_SESSION) {
      ctx.report("ZSP014", p, `${block}.${key} is ${show(raw)}, above 1h: Terraform's session outlives the apply. Fix: use at most 1h (default 15m).`);
    }
  }
}
