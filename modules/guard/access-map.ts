import { ROLE_PATHS } from "../iam/role-paths";
import { formatDuration } from "../core/duration";
import { ofType, referencedResource } from "./index-model";
import { RoleView, roles } from "./iam";
import { TfModel, TfResource, isExpression, isRecord, show } from "./model";
import { ConditionTest, readPolicy } from "./policy";
import { effectiveTags } from "./tags";
import { vaultTtlSeconds } from "../core/duration";
import { parseVaultPolicy } from "./vault-policy-hcl";
import { describeImmutableSubject } from "../iam/github-subject";

/** Who can obtain a privilege, and under which conditions (human-readable). */
export interface AccessGrantee {
  /** The identity, e.g. `Federated arn:aws:iam::…:oidc-provider/token.actions.githubusercontent.com` or `Vault auth jwt-k8s/role nightly-report`. */
  readonly identity: string;
  /** Conditions, e.g. `token.actions.githubusercontent.com:sub = repo:acme/payments:environment:production`. */
  readonly conditions: readonly string[];
}

/** One privilege in the access map: an IAM role, a Vault credential path, or a Vault login. */
export interface AccessEntry {
  /** Stack or input name. */
  readonly stack: string;
  /** `aws-role`, `vault-credentials` or `vault-login`. */
  readonly kind: "aws-role" | "vault-credentials" | "vault-login";
  /** The role name/ARN path or the Vault path. */
  readonly privilege: string;
  /** Terraform address. */
  readonly address: string;
  /** Who can obtain it. */
  readonly grantees: readonly AccessGrantee[];
  /** Longest lifetime of what is issued, seconds (undefined: unbounded or unknown). */
  readonly maxLifetimeSeconds?: number;
  /** Time window (`from – to`), if the trust has one. */
  readonly window?: string;
  /** `zsp:ticket`. */
  readonly ticket?: string;
  /** `zsp:owner`. */
  readonly owner?: string;
  /** `zsp:contact`. */
  readonly contact?: string;
  /** `zsp:access` (or derived from the role path). */
  readonly access?: string;
}

const OPERATOR_WORDS: Record<string, string> = {
  StringEquals: "=", StringLike: "like", StringNotEquals: "≠", StringNotLike: "not like", ArnEquals: "=", ArnLike: "like",
  Bool: "=", DateGreaterThan: "after", DateLessThan: "before", DateGreaterThanEquals: "from", DateLessThanEquals: "until",
  NumericLessThan: "<", NumericLessThanEquals: "≤", IpAddress: "in", NotIpAddress: "not in",
};

/** A condition as a person reads it: `key op value[, value]`. */
export function describeCondition(c: ConditionTest): string {
  const op = c.operator.replace(/^(ForAnyValue|ForAllValues):/, "");
  const word = OPERATOR_WORDS[op.replace(/IfExists$/, "")] ?? op;
  const github = c.key.toLowerCase().endsWith(`${GITHUB_ISSUER}:sub`) ? c.values.map(describeImmutableSubject).filter((d) => d !== undefined) : [];
  const readable = github.length > 0 ? ` [${github.join("; ")}]` : "";
  return `${c.key} ${word} ${c.values.join(" or ")}${op.endsWith("IfExists") ? " (if present)" : ""}${readable}`;
}

const GITHUB_ISSUER = "token.actions.githubusercontent.com";

function tag(tags: Record<string, unknown>, key: string): string | undefined {
  const v = tags[key];
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The `zsp:*` pairs of a Vault object's description (`zsp:owner=team-payments;
 * zsp:contact=…`): Vault has no tags, so the modules write ownership there.
 */
export function descriptionTags(description: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof description !== "string") return out;
  for (const m of description.matchAll(/(zsp:[\w-]+)=([^;]*)/g)) out[m[1] as string] = (m[2] as string).trim();
  return out;
}

function ownership(model: TfModel, r: TfResource | undefined): Pick<AccessEntry, "ticket" | "owner" | "contact" | "access"> {
  if (!r) return {};
  const tags = r.type.startsWith("vault_") ? descriptionTags(r.values.description) : effectiveTags(model, r).tags;
  const out: { ticket?: string; owner?: string; contact?: string; access?: string } = {};
  for (const [field, key] of [["ticket", "zsp:ticket"], ["owner", "zsp:owner"], ["contact", "zsp:contact"], ["access", "zsp:access"]] as const) {
    const v = tag(tags, key);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

function roleEntry(model: TfModel, role: RoleView): AccessEntry {
  const trust = readPolicy(model, role.resource, "assume_role_policy");
  const grantees: AccessGrantee[] = [];
  let from: string | undefined;
  let to: string | undefined;
  if (trust.kind === "ok") {
    for (const s of trust.statements) {
      if (s.effect !== "Allow") continue;
      for (const c of s.conditions) {
        if (c.key.toLowerCase() !== "aws:currenttime") continue;
        if (/^DateGreaterThan/.test(c.operator)) from = c.values[0];
        if (/^DateLessThan/.test(c.operator)) to = c.values[0];
      }
      const conditions = s.conditions.map(describeCondition);
      for (const p of s.principals ?? []) grantees.push({ identity: `${p.type} ${p.ids.join(", ")}`, conditions });
    }
  } else if (trust.kind === "unknown") {
    grantees.push({ identity: "(trust cannot be evaluated)", conditions: [trust.reason] });
  }
  const raw = role.resource.values.max_session_duration;
  const seconds = typeof raw === "number" ? raw : raw === undefined || raw === null ? 3600 : undefined;
  const own = ownership(model, role.resource);
  const derivedAccess = role.breakGlass ? "break-glass" : role.path.startsWith(ROLE_PATHS.jit) ? "jit" : undefined;
  return {
    stack: model.stack, kind: "aws-role", privilege: `role${role.path}${role.name ?? role.resource.name}`, address: role.resource.address, grantees,
    ...(seconds !== undefined ? { maxLifetimeSeconds: seconds } : {}),
    ...(from !== undefined || to !== undefined ? { window: `${from ?? "…"} – ${to ?? "…"}` } : {}),
    ...own,
    ...(own.access === undefined && derivedAccess !== undefined ? { access: derivedAccess } : {}),
  };
}

/** Whether a Vault policy path pattern (`*` suffix glob, `+` one segment) covers `path`. */
export function vaultPathMatches(pattern: string, path: string): boolean {
  const glob = pattern.endsWith("*");
  const pat = glob ? pattern.slice(0, -1) : pattern;
  const ps = pat.split("/");
  const xs = path.split("/");
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i] as string;
    const x = xs[i];
    if (x === undefined) return false;
    if (i === ps.length - 1 && glob) return p === "+" ? true : x.startsWith(p);
    if (p !== "+" && p !== x) return false;
  }
  return glob ? xs.length >= ps.length : xs.length === ps.length;
}

const MOUNT_TYPES = ["vault_mount", "vault_aws_secret_backend", "vault_database_secrets_mount", "vault_jwt_auth_backend", "vault_auth_backend", "vault_kubernetes_auth_backend_config"];
const trimSlashes = (path: string): string => path.replace(/^\/|\/$/g, "");

/** The mount (secrets engine or auth method) that `r.<key>` names: by reference, else by its literal path. */
function mountOf(model: TfModel, r: TfResource, key: string): TfResource | undefined {
  const v = r.values[key];
  for (const type of MOUNT_TYPES) {
    const m = referencedResource(model, r, r.config?.[key] ?? v, type);
    if (m) return m;
  }
  if (typeof v !== "string" || isExpression(v)) return undefined;
  for (const type of MOUNT_TYPES) {
    const m = ofType(model, type).find((x) => typeof x.values.path === "string" && trimSlashes(x.values.path) === trimSlashes(v));
    if (m) return m;
  }
  return undefined;
}

function mountPath(model: TfModel, r: TfResource, key: string): string {
  const v = r.values[key];
  if (typeof v === "string" && !isExpression(v)) return trimSlashes(v);
  const path = mountOf(model, r, key)?.values.path;
  return typeof path === "string" && !isExpression(path) ? trimSlashes(path) : show(v ?? "?");
}

/** Vault logins that lead to `path`: auth roles whose token policies grant read/create/update on it. */
function vaultGrantees(model: TfModel, path: string): AccessGrantee[] {
  const policies = new Set<string>();
  for (const p of ofType(model, "vault_policy")) {
    const text = p.values.policy;
    const rules = typeof text === "string" ? parseVaultPolicy(text) : undefined;
    if (rules?.some((rule) => !rule.capabilities.includes("deny") && rule.capabilities.some((c) => c === "read" || c === "create" || c === "update") && vaultPathMatches(rule.path, path))) {
      if (typeof p.values.name === "string") policies.add(p.values.name);
    }
  }
  const out: AccessGrantee[] = [];
  for (const login of vaultLogins(model)) {
    const granted = login.policies.filter((p) => policies.has(p));
    // The login token's lifetime bounds how long after login the path can be read (e.g. an agent intent's 5 minutes).
    const within = login.ttl !== undefined ? [`within ${formatDuration(login.ttl)} of login`] : [];
    if (granted.length > 0) out.push({ identity: login.identity, conditions: [...login.conditions, `via policy ${granted.join(", ")}`, ...within] });
  }
  if (out.length === 0 && policies.size > 0) out.push({ identity: `holders of Vault policy ${[...policies].join(", ")}`, conditions: [] });
  return out;
}

interface Login { identity: string; conditions: string[]; policies: string[]; resource: TfResource; mount?: TfResource; ttl?: number }

/** A list value as `a or b` (one value as is). */
const either = (x: unknown): string => (Array.isArray(x) ? x.map(show).join(" or ") : show(x));

/** The shortest positive TTL among `keys` (a token lives until the first bound it hits). */
function shortestTtl(r: TfResource, keys: readonly string[]): number | undefined {
  const ttls = keys.map((k) => vaultTtlSeconds(r.values[k])).filter((t): t is number => t !== undefined && t > 0);
  return ttls.length > 0 ? Math.min(...ttls) : undefined;
}

function vaultLogins(model: TfModel): Login[] {
  const out: Login[] = [];
  for (const r of ofType(model, "vault_jwt_auth_backend_role").concat(ofType(model, "vault_kubernetes_auth_backend_role"))) {
    const backend = mountPath(model, r, "backend");
    const conditions: string[] = [];
    // bound_claims match exactly unless bound_claims_type is "glob" and the value has a * (any run of characters).
    const glob = r.values.bound_claims_type === "glob";
    const claims = r.values.bound_claims;
    if (isRecord(claims)) {
      for (const [k, x] of Object.entries(claims)) conditions.push(`${k} ${glob && JSON.stringify(x).includes("*") ? "like" : "="} ${either(x)}`);
    }
    for (const key of ["bound_subject", "bound_audiences", "bound_service_account_names", "bound_service_account_namespaces"]) {
      const v = r.values[key];
      if ((Array.isArray(v) && v.length > 0) || (typeof v === "string" && v !== "")) conditions.push(`${key.replace(/^bound_/, "")} = ${either(v)}`);
    }
    const policies = Array.isArray(r.values.token_policies) ? r.values.token_policies.map((x) => show(x)) : [];
    const ttl = shortestTtl(r, ["token_max_ttl", "token_explicit_max_ttl"]);
    const mount = mountOf(model, r, "backend");
    out.push({
      identity: `Vault auth ${backend}/role ${show(r.values.role_name ?? r.name)}`, conditions, policies, resource: r,
      ...(mount ? { mount } : {}), ...(ttl !== undefined ? { ttl } : {}),
    });
  }
  return out;
}

/** The access map of one input: every identity that can obtain privilege, through which role or Vault path, for how long at most. */
export function accessMap(model: TfModel): AccessEntry[] {
  const entries: AccessEntry[] = roles(model).map((r) => roleEntry(model, r));
  const roleByArn = (arn: unknown, from: TfResource, cfg: unknown): TfResource | undefined =>
    referencedResource(model, from, cfg, "aws_iam_role") ??
    (typeof arn === "string" ? roles(model).find((r) => r.name !== undefined && arn.endsWith(`/${r.name}`))?.resource : undefined);
  for (const r of ofType(model, "vault_aws_secret_backend_role")) {
    const path = `${mountPath(model, r, "backend")}/creds/${show(r.values.name ?? r.name)}`;
    const arns = Array.isArray(r.values.role_arns) ? r.values.role_arns : [];
    const cfgArns = Array.isArray(r.config?.role_arns) ? (r.config?.role_arns as unknown[]) : [];
    const target = arns.map((a, i) => roleByArn(a, r, cfgArns[i])).find((x) => x !== undefined);
    const ttl = vaultTtlSeconds(r.values.max_sts_ttl);
    entries.push({
      stack: model.stack, kind: "vault-credentials", privilege: `${path} (${show(r.values.credential_type)}${target ? ` into ${show(target.values.name ?? target.address)}` : ""})`,
      address: r.address, grantees: vaultGrantees(model, path), ...(ttl ? { maxLifetimeSeconds: ttl } : {}),
      ...ownership(model, target ?? mountOf(model, r, "backend")),
    });
  }
  for (const [type, segment, ttlKey] of [["vault_database_secret_backend_role", "creds", "max_ttl"], ["vault_pki_secret_backend_role", "issue", "max_ttl"]] as const) {
    for (const r of ofType(model, type)) {
      const path = `${mountPath(model, r, "backend")}/${segment}/${show(r.values.name ?? r.name)}`;
      const ttl = vaultTtlSeconds(r.values[ttlKey]);
      entries.push({
        stack: model.stack, kind: "vault-credentials", privilege: path, address: r.address, grantees: vaultGrantees(model, path),
        ...(ttl ? { maxLifetimeSeconds: ttl } : {}), ...ownership(model, mountOf(model, r, "backend")),
      });
    }
  }
  for (const login of vaultLogins(model)) {
    entries.push({
      stack: model.stack, kind: "vault-login", privilege: `${login.identity.replace(/^Vault auth /, "auth/")} → policies ${login.policies.join(", ") || "(none)"}`,
      address: login.resource.address, grantees: [{ identity: "workloads presenting a token", conditions: login.conditions }],
      ...(login.ttl ? { maxLifetimeSeconds: login.ttl } : {}), ...ownership(model, login.mount),
    });
  }
  return entries;
}
