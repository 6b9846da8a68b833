import { vaultTtlSeconds } from "../../core/duration";
import { ofType } from "../index-model";
import { TfResource, isExpression, isRecord, show } from "../model";
import { Rule, RuleContext } from "../rule";
import { isGlob, namesOneWorkload } from "../workload-subject";

/** Claims that name a workload (a JWT `sub`, a CI repository or project, a workflow). */
const IDENTITY_CLAIMS = new Set(["sub", "repository", "repository_id", "repo", "project_path", "project_id", "job_workflow_ref", "workspace_id", "spiffe_id"]);

/** A list argument as strings; `undefined` when any part is an expression the engine cannot read. */
function strings(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v !== "string" || isExpression(v)) return undefined;
    // The provider splits comma-separated values (bound_claims, CIDR lists given as one string).
    if (!v.includes(",")) push(out, v);
    else for (const part of v.split(",")) push(out, part);
  }
  return out;
}

function push(out: string[], value: string): void {
  const t = value.trim();
  if (t !== "") out.push(t);
}

function positive(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return false;
  const n = typeof value === "number" ? value : /^\d+$/.test(show(value)) ? Number(value) : undefined;
  return n === undefined ? undefined : n > 0;
}

/** ZSP018: Vault logins any workload can use. */
export const vaultLoginRule = {
  ids: ["ZSP018", "ZSP000"],
  run(ctx: RuleContext): void {
    const unknown = (r: TfResource, what: string): void => ctx.report("ZSP000", r, `${what} cannot be evaluated; ZSP018 not checked for it.`);
    for (const r of ofType(ctx.model, "vault_jwt_auth_backend_role")) jwtRole(ctx, r, unknown);
    for (const r of ofType(ctx.model, "vault_kubernetes_auth_backend_role")) kubernetesRole(ctx, r, unknown);
    for (const r of ofType(ctx.model, "vault_aws_auth_backend_role")) awsRole(ctx, r, unknown);
    for (const r of ofType(ctx.model, "vault_approle_auth_backend_role")) appRole(ctx, r, unknown);
    for (const r of ofType(ctx.model, "vault_token_auth_backend_role")) tokenRole(ctx, r);
  },
} as const satisfies Rule;

type Unknown = (r: TfResource, what: string) => void;

function jwtRole(ctx: RuleContext, r: TfResource, unknown: Unknown): void {
  const v = r.values;
  // An oidc role is a person's browser login (aud is the client id, the subject a person), not a workload's.
  if (v.role_type === "oidc") return;
  const audiences = strings(v.bound_audiences);
  if (audiences === undefined) unknown(r, "bound_audiences");
  else if (audiences.length === 0 || audiences.some((a) => a.includes("*"))) {
    ctx.report("ZSP018", r, `JWT/OIDC role has no exact bound_audiences: a token minted for any other service of the issuer logs in. Fix: set bound_audiences to the aud the workload's token is minted for (e.g. ["vault"]).`);
  }
  const glob = v.bound_claims_type === "glob";
  const bindings: string[] = [];
  const wide: string[] = [];
  const subject = strings(v.bound_subject);
  if (subject === undefined) return unknown(r, "bound_subject");
  for (const s of subject) (namesOneWorkload(s) ? bindings : wide).push(`bound_subject ${s}`);
  if (v.bound_claims !== undefined && v.bound_claims !== null && !isRecord(v.bound_claims)) return unknown(r, "bound_claims");
  for (const [claim, raw] of Object.entries(isRecord(v.bound_claims) ? v.bound_claims : {})) {
    const values = strings(raw);
    if (values === undefined) return unknown(r, `bound_claims.${claim}`);
    const name = claim.replace(/^.*\//, "").toLowerCase();
    if (!IDENTITY_CLAIMS.has(name) || values.length === 0) continue;
    const one = values.every((x) => (glob ? namesOneWorkload(x) : x !== ""));
    (one ? bindings : wide).push(`bound_claims.${claim} ${values.join(",")}`);
  }
  if (wide.length > 0) {
    ctx.report("ZSP018", r, `JWT/OIDC role matches ${wide.join("; ")}: a glob wider than one workload, so every service account, repository or SPIFFE id it covers logs in with this role's policies. Fix: bind the exact subject (e.g. system:serviceaccount:<namespace>:<name>), one role per workload.`);
  } else if (bindings.length === 0) {
    ctx.report("ZSP018", r, `JWT/OIDC role binds no subject (bound_subject, or a sub/repository claim in bound_claims): every workload the issuer signs for logs in. Fix: set bound_claims = { sub = "<exact subject>" } (or bound_subject).`);
  }
}

function kubernetesRole(ctx: RuleContext, r: TfResource, unknown: Unknown): void {
  for (const [key, what] of [["bound_service_account_names", "service account"], ["bound_service_account_namespaces", "namespace"]] as const) {
    const values = strings(r.values[key]);
    if (values === undefined) {
      unknown(r, key);
    } else if (values.length === 0 && !(key === "bound_service_account_namespaces" && r.values.bound_service_account_namespace_selector)) {
      ctx.report("ZSP018", r, `Kubernetes auth role has no ${key}: any ${what} logs in. Fix: list the exact ${what}(s) of the workload.`);
    } else if (values.some(isGlob)) {
      ctx.report("ZSP018", r, `Kubernetes auth role is bound to ${key} ${values.join(", ")}: a * admits every ${what} matching it, so any pod there logs in with this role's policies. Fix: list the exact ${what}(s) of the workload.`);
    }
  }
}

/** AWS auth: a bound that names a workload's identity (ARN lists), for iam or an inferred entity. */
const AWS_IDENTITY_BOUNDS = ["bound_iam_principal_arns", "bound_iam_role_arns", "bound_iam_instance_profile_arns", "bound_ec2_instance_ids"];

function awsRole(ctx: RuleContext, r: TfResource, unknown: Unknown): void {
  const found: Record<string, string[]> = {};
  for (const key of AWS_IDENTITY_BOUNDS) {
    const values = strings(r.values[key]);
    if (values === undefined) return unknown(r, key);
    found[key] = values;
  }
  const wildcard = Object.entries(found).flatMap(([k, vs]) => vs.filter((x) => x.includes("*")).map((x) => `${k} ${x}`));
  if (wildcard.length > 0) {
    ctx.report("ZSP018", r, `AWS auth role is bound to ${wildcard.join(", ")}: a wildcard principal ARN admits every role or user it matches (in that account, or in any). Fix: list the exact role ARN(s) of the workload.`);
    return;
  }
  const authType = show(r.values.auth_type ?? "iam");
  const inferred = typeof r.values.inferred_entity_type === "string" && r.values.inferred_entity_type !== "";
  const bound = Object.values(found).some((vs) => vs.length > 0);
  if (!bound) {
    const why = inferred ? `infers an ${show(r.values.inferred_entity_type)} entity without binding which one` : authType === "ec2" ? "binds no instance, role or instance profile" : "binds no principal ARN";
    ctx.report("ZSP018", r, `AWS auth role (${authType}) ${why}: every principal of the bound accounts (or of any account) logs in. Fix: set bound_iam_principal_arns (or, for ec2, bound_iam_role_arns) to the workload's exact role ARN.`);
  }
}

function appRole(ctx: RuleContext, r: TfResource, unknown: Unknown): void {
  const v = r.values;
  if (v.bind_secret_id === false || v.bind_secret_id === "false") {
    ctx.report("ZSP018", r, "AppRole has bind_secret_id = false: the role_id alone, which is not a secret, logs in. Fix: keep bind_secret_id, with secret_id_ttl, secret_id_num_uses and bound CIDRs.");
    return;
  }
  const ttl = vaultTtlSeconds(v.secret_id_ttl);
  const uses = positive(v.secret_id_num_uses);
  const cidrs = [strings(v.token_bound_cidrs), strings(v.secret_id_bound_cidrs)];
  if (v.secret_id_ttl !== undefined && v.secret_id_ttl !== null && ttl === undefined) unknown(r, "secret_id_ttl");
  if (uses === undefined) unknown(r, "secret_id_num_uses");
  if (cidrs.some((c) => c === undefined)) unknown(r, "token_bound_cidrs / secret_id_bound_cidrs");
  const missing: string[] = [];
  if (ttl === 0 || v.secret_id_ttl === undefined || v.secret_id_ttl === null) missing.push("secret_id_ttl (the secret_id never expires)");
  if (uses === false) missing.push("secret_id_num_uses (it can be used any number of times)");
  if (cidrs.every((c) => c !== undefined && (c.length === 0 || c.some((x) => /\/0$/.test(x))))) missing.push("token_bound_cidrs or secret_id_bound_cidrs (it works from anywhere)");
  if (missing.length > 0) {
    ctx.report("ZSP018", r, `AppRole secret_id is a standing credential: no ${missing.join(", no ")}. Fix: set secret_id_ttl (minutes), secret_id_num_uses (1 for a response-wrapped delivery) and the workload's CIDRs.`);
  }
}

function tokenRole(ctx: RuleContext, r: TfResource): void {
  const v = r.values;
  const orphan = v.orphan === true || v.orphan === "true";
  const period = vaultTtlSeconds(v.token_period) ?? 0;
  if (orphan && period > 0) {
    ctx.report("ZSP018", r, "token role issues periodic orphan tokens: they renew forever and survive the revocation of whoever created them. Fix: remove orphan and token_period; give workloads tokens from an auth method bound to their identity.");
  } else if (orphan) {
    ctx.report("ZSP018", r, "token role issues orphan tokens: revoking the creator's token does not revoke them. Fix: remove orphan (children die with their parent).");
  }
  const globs = strings(v.allowed_policies_glob) ?? [];
  if (globs.some((g) => /^\*+$/.test(g)) || (strings(v.allowed_policies) ?? []).includes("root")) {
    ctx.report("ZSP018", r, "token role lets its callers mint tokens with any policy (allowed_policies_glob \"*\" or root). Fix: list the exact allowed_policies.");
  }
}
