import type { ConditionTest, PolicyDocumentJson, PolicyStatementJson } from "../iam/policy-document";

export type { ConditionTest };
import { TfModel, TfResource, blocks, isExpression, isRecord, show } from "./model";


/** A principal, flattened: type (`AWS`, `Federated`, `Service`, `CanonicalUser`, or `*` for `Principal: "*"`) and ids. */
export interface PrincipalEntry {
  /** Principal type. */
  readonly type: string;
  /** Identifiers. */
  readonly ids: readonly string[];
}

/** An IAM statement in the one form the rules read. */
export interface Statement {
  /** Effect. */
  readonly effect: "Allow" | "Deny";
  /** `Action` values, if given. */
  readonly actions?: readonly string[];
  /** `NotAction` values, if given. */
  readonly notActions?: readonly string[];
  /** `Resource` values, if given. */
  readonly resources?: readonly string[];
  /** `NotResource` values, if given. */
  readonly notResources?: readonly string[];
  /** `Principal`, if given. */
  readonly principals?: readonly PrincipalEntry[];
  /** `NotPrincipal`, if given. */
  readonly notPrincipals?: readonly PrincipalEntry[];
  /** Conditions. */
  readonly conditions: readonly ConditionTest[];
}

/** A policy the engine could read, one it could not (and why), or none. */
export type PolicyResult =
  | { readonly kind: "ok"; readonly statements: readonly Statement[] }
  | { readonly kind: "unknown"; readonly reason: string }
  | { readonly kind: "absent" };

const DATA_DOC_REF = /^\$\{((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)data\.aws_iam_policy_document\.([\w-]+)(?:\[[^\]]*\])?\.(?:json|minified_json)\}$/;

/**
 * Reads the IAM policy in `resource`'s argument `attr` (or in `value` when
 * given, e.g. an `inline_policy` block's `policy`): a literal JSON string, an
 * object, or a reference to a `data.aws_iam_policy_document` of the same
 * stack; in a plan an unknown value falls back to the configuration's
 * reference. Anything else is `unknown`, with the reason.
 */
export function readPolicy(model: TfModel, resource: TfResource, attr: string, value?: unknown, configValue?: unknown): PolicyResult {
  const v = value !== undefined ? value : resource.values[attr];
  const c = configValue !== undefined ? configValue : resource.config?.[attr];
  return readPolicyValue(model, resource.module, v, c, 0);
}

function readPolicyValue(model: TfModel, module: string, value: unknown, configValue: unknown, depth: number): PolicyResult {
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  if (depth > 5) return { kind: "unknown", reason: "policy documents nest too deeply" };
  if (isRecord(value)) return fromJson(value);
  if (typeof value !== "string") return { kind: "unknown", reason: `policy is a ${typeof value}, not JSON text` };
  if (mayBeJson(value)) {
    try {
      return fromJson(JSON.parse(value) as unknown);
    } catch {
      // not literal JSON: an expression, perhaps a reference we can follow
    }
  }
  for (const candidate of [value, configValue]) {
    if (typeof candidate !== "string") continue;
    const m = DATA_DOC_REF.exec(candidate);
    if (!m) continue;
    const mod = (m[1] ?? "").replace(/\.$/, "");
    const targetModule = mod ? (module ? `${module}.${mod}` : mod) : module;
    const doc = model.resources.find((r) => r.mode === "data" && r.type === "aws_iam_policy_document" && r.name === m[2] && r.module.replace(/\[[^\]]*\]/g, "") === targetModule.replace(/\[[^\]]*\]/g, ""));
    if (!doc) return { kind: "unknown", reason: `references data.aws_iam_policy_document.${m[2]}, which this input does not contain` };
    return readPolicyDocumentData(model, doc, depth);
  }
  if (isExpression(value)) {
    return { kind: "unknown", reason: `policy is an expression the engine cannot evaluate (${truncate(show(configValue ?? value))})` };
  }
  return { kind: "unknown", reason: "policy is not valid JSON" };
}

/** False when `text` cannot be JSON: its first non-blank character starts no JSON value (`${...}` references, mostly), so no parse error is thrown and caught per role. */
function mayBeJson(text: string): boolean {
  const c = text.trimStart().charAt(0);
  return c === "{" || c === "[" || c === '"' || c === "-" || (c >= "0" && c <= "9") || c === "t" || c === "f" || c === "n";
}

/** Evaluates a `data.aws_iam_policy_document` from its arguments (or, in a plan, its known `json`). */
export function readPolicyDocumentData(model: TfModel, doc: TfResource, depth = 0): PolicyResult {
  const json = doc.values.json;
  if (typeof json === "string" && !isExpression(json)) return readPolicyValue(model, doc.module, json, undefined, depth + 1);
  // Evaluated values: a plan's unknown parts carry the configuration's reference (e.g. a principal ARN of a role not yet created).
  const src = doc.values;
  const statements: Statement[] = [];
  for (const key of ["source_policy_documents", "override_policy_documents"]) {
    const list = src[key];
    const configList = doc.config?.[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) return { kind: "unknown", reason: `${doc.address}.${key} is an expression the engine cannot evaluate` };
    for (let i = 0; i < list.length; i++) {
      const r = readPolicyValue(model, doc.module, list[i], Array.isArray(configList) ? configList[i] : undefined, depth + 1);
      if (r.kind === "unknown") return { kind: "unknown", reason: `${doc.address}.${key}: ${r.reason}` };
      if (r.kind === "ok") statements.push(...r.statements);
    }
  }
  const raw = src.statement;
  if (raw !== undefined && raw !== null && !Array.isArray(raw) && !isRecord(raw)) {
    return { kind: "unknown", reason: `${doc.address}.statement is an expression the engine cannot evaluate` };
  }
  for (const s of blocks(raw)) {
    const principals = (key: string): PrincipalEntry[] | undefined => {
      const list = blocks(s[key]);
      return list.length === 0 ? undefined : list.map((p) => ({ type: show(p.type ?? ""), ids: strings(p.identifiers) }));
    };
    const conditions = blocks(s.condition).map((c) => ({ operator: show(c.test ?? ""), key: show(c.variable ?? ""), values: strings(c.values) }));
    const np = principals("not_principals");
    const p = principals("principals");
    statements.push(statement(s.effect === "Deny" ? "Deny" : "Allow", [s.actions, s.not_actions, s.resources, s.not_resources], p, np, conditions));
  }
  return { kind: "ok", statements };
}

type MutableStatement = { -readonly [K in keyof Statement]: Statement[K] };
const LISTS = ["actions", "notActions", "resources", "notResources"] as const;

/**
 * A statement from its parts, its members in one order (the shape every
 * reader of a statement sees). `lists`: the values of Action, NotAction,
 * Resource and NotResource (or their `aws_iam_policy_document` arguments),
 * each absent when undefined or null. An empty `not_*` list is absent too:
 * Terraform state writes unset set arguments of `aws_iam_policy_document` as
 * `[]`, which negates nothing.
 */
function statement(effect: Statement["effect"], lists: readonly unknown[], principals: PrincipalEntry[] | undefined, notPrincipals: PrincipalEntry[] | undefined, conditions: ConditionTest[]): Statement {
  const out: Partial<MutableStatement> = { effect };
  for (let i = 0; i < LISTS.length; i++) {
    const value = lists[i];
    if (value === undefined || value === null) continue;
    const list = strings(value);
    const name = LISTS[i] as (typeof LISTS)[number];
    if (list.length === 0 && name.startsWith("not")) continue;
    out[name] = list;
  }
  if (principals) out.principals = principals;
  if (notPrincipals) out.notPrincipals = notPrincipals;
  out.conditions = conditions;
  return out as Statement;
}

function fromJson(json: unknown): PolicyResult {
  if (!isRecord(json)) return { kind: "unknown", reason: "policy JSON is not an object" };
  const doc = json as unknown as Partial<PolicyDocumentJson>;
  const raw = doc.Statement as unknown;
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : undefined;
  if (!list) return { kind: "unknown", reason: "policy JSON has no Statement" };
  return { kind: "ok", statements: list.filter(isRecord).map((s) => statementFromJson(s as unknown as PolicyStatementJson)) };
}

function statementFromJson(s: PolicyStatementJson): Statement {
  const principal = (p: unknown): PrincipalEntry[] | undefined => {
    if (p === undefined || p === null) return undefined;
    if (typeof p === "string") return [{ type: p === "*" ? "*" : "AWS", ids: [p] }];
    if (!isRecord(p)) return [{ type: "?", ids: [show(p)] }];
    return Object.entries(p).map(([type, ids]) => ({ type, ids: strings(ids) }));
  };
  const conditions: ConditionTest[] = [];
  if (isRecord(s.Condition)) {
    for (const [operator, keys] of Object.entries(s.Condition)) {
      if (!isRecord(keys)) continue;
      for (const [key, values] of Object.entries(keys)) conditions.push({ operator, key, values: strings(values) });
    }
  }
  const p = principal(s.Principal);
  const np = principal((s as unknown as Record<string, unknown>).NotPrincipal);
  return statement(s.Effect === "Deny" ? "Deny" : "Allow", [s.Action, s.NotAction, s.Resource, s.NotResource], p, np, conditions);
}

/**
 * A value as a list of strings (single values wrapped, booleans and numbers
 * stringified). A list of strings is returned as it is, not copied (policy
 * documents are read once per statement, and their lists are read-only).
 */
export function strings(value: unknown): readonly string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  const list: readonly unknown[] = Array.isArray(value) ? value : [value];
  return list.every((v) => typeof v === "string") ? (list as readonly string[]) : list.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
