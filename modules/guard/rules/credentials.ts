import { blocks, isExpression, isRecord, show } from "../model";
import { Locatable, RuleContext } from "../rule";

/** Resource types that are (or give) a standing IAM user credential. */
export const STANDING_CREDENTIAL_TYPES: readonly string[] = [
  "aws_iam_user", "aws_iam_access_key", "aws_iam_user_login_profile", "aws_iam_user_policy",
  "aws_iam_user_policy_attachment", "aws_iam_user_policies_exclusive", "aws_iam_user_policy_attachments_exclusive",
  "aws_iam_user_group_membership", "aws_iam_user_ssh_key", "aws_iam_service_specific_credential", "aws_iam_signing_certificate",
];

/** ZSP001: IAM users and their credentials. */
export function standingCredentialRule(ctx: RuleContext): void {
  const types = new Set(STANDING_CREDENTIAL_TYPES);
  for (const r of ctx.model.resources) {
    if (r.mode === "managed" && types.has(r.type)) {
      ctx.report("ZSP001", r, `${r.type} is a standing credential (an IAM user or what it holds). Fix: remove it; give the workload a role it assumes with a verified identity (OIDC, SPIFFE, Vault).`);
    }
  }
}

/** Argument names whose literal value is a secret. */
const SECRET_ARG = /(?:^|_)(password|passphrase|secret|secret_key|secret_id|client_secret|token|private_key|api_key|access_key|secret_string|data_json|jwt|credentials|bindpass)(?:_wo)?$/;
const AWS_KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
/** AWS provider arguments that are (or point at) static credentials: ZSP014, not ZSP010. */
const AWS_STATIC = ["access_key", "secret_key", "token", "profile", "shared_credentials_files", "shared_config_files"];

/** ZSP010: literal secrets in resources, providers and variable defaults. */
export function literalSecretRule(ctx: RuleContext): void {
  const model = ctx.model;
  if (!model.hasConfiguration) {
    ctx.report("ZSP000", { address: "(plan)" }, "the plan has no configuration section, so literal secrets cannot be told from references; ZSP010 was not checked. Fix: use terraform show -json on a saved plan file.");
  }
  for (const r of model.resources) {
    if (r.mode !== "managed" || r.config === undefined) continue;
    scan(ctx, r, r.config, []);
  }
  for (const p of model.providers) scan(ctx, p, p.config, p.name === "aws" ? AWS_STATIC : []);
  for (const v of model.variables) {
    if (typeof v.default !== "string" || v.default === "" || isExpression(v.default)) continue;
    if (v.sensitive || SECRET_ARG.test(v.name)) {
      ctx.report("ZSP010", v, `sensitive variable ${v.name} has a literal default: the secret is in the configuration. Fix: remove the default and pass the value at apply time from a secret store.`);
    } else if (AWS_KEY_ID.test(v.default)) {
      ctx.report("ZSP010", v, `variable ${v.name} defaults to an AWS access key id. Fix: remove the key; use short-lived role credentials.`);
    }
  }
}

function scan(ctx: RuleContext, at: Locatable, config: Readonly<Record<string, unknown>>, skip: readonly string[]): void {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, path: string): void => {
    if (typeof value === "string") {
      if (value === "" || isExpression(value)) return;
      if (SECRET_ARG.test(key) && !skip.includes(key)) found.add(`${path} is a literal`);
      else if (AWS_KEY_ID.test(value) && !skip.includes(key)) found.add(`${path} contains an AWS access key id`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, key, `${path}[${i}]`));
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) if (k !== "//" && k !== "tags" && k !== "tags_all") walk(v, k, path ? `${path}.${k}` : k);
    }
  };
  walk(config, "", "");
  for (const what of found) {
    ctx.report("ZSP010", at, `literal secret: ${what}. Fix: pass it as a sensitive variable (or a reference to a secret store); better, let Vault issue it dynamically.`);
  }
}

/** Parses a Go duration (`15m`, `1h30m`, `900s`) into seconds; undefined when it is not one. */
export function goDurationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(value)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * (unit[m[2] ?? ""] ?? 0);
  return total;
}

const HARD_MAX_PROVIDER_SESSION = 3600;

/** ZSP014: AWS provider static credentials, assume_role durations above 1 h. */
export function providerCredentialRule(ctx: RuleContext): void {
  for (const p of ctx.model.providers) {
    if (p.name !== "aws") continue;
    const keys = AWS_STATIC.filter((k) => p.config[k] !== undefined && p.config[k] !== null && p.config[k] !== "");
    if (keys.length > 0) {
      ctx.report("ZSP014", p, `AWS provider sets ${keys.join(", ")}: static or shared credentials are standing credentials. Fix: remove them; take base credentials from the CI job's OIDC identity and assume_role for at most 1h (awsProvider does).`);
    }
    for (const block of ["assume_role", "assume_role_with_web_identity"]) {
      for (const ar of blocks(p.config[block])) checkDuration(ctx, p, block, ar);
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
