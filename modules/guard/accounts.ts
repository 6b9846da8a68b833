import { perKey } from "./memo";
import { TfModel, isExpression, show } from "./model";

const ACCOUNT = /^\d{12}$/;
const ARN_ACCOUNT = /arn:aws[\w-]*:[\w-]+:[\w-]*:(\d{12}):/g;
/** A reference to the account the configuration is applied in. */
const CALLER_ACCOUNT = /\$\{(?:module\.[\w-]+\.)*data\.aws_caller_identity\.[\w-]+\.account_id\}/;

/** The accounts the input's resources live in, and how the engine knows. */
export interface OwnAccounts {
  /** 12-digit account ids. */
  readonly ids: ReadonlySet<string>;
  /** `provider` (allowed_account_ids, assume_role), `dominant` (the account most ARNs of the input name), or `none`. */
  readonly source: "provider" | "dominant" | "none";
}

/**
 * The account(s) the input deploys into: the AWS providers'
 * `allowed_account_ids` and the accounts of their `assume_role` ARNs; when
 * none is given, the account that most literal ARNs of the input name (a
 * plan resolves `data.aws_caller_identity` into such ARNs; a tie names none).
 * Read once per model.
 */
export const ownAccounts: (model: TfModel) => OwnAccounts = perKey((model: TfModel): OwnAccounts => {
  const ids = new Set<string>();
  for (const p of model.providers) {
    if (p.name !== "aws") continue;
    const allowed = p.config.allowed_account_ids;
    if (Array.isArray(allowed)) for (const a of allowed) if (typeof a === "string" && ACCOUNT.test(a)) ids.add(a);
    const assume = Array.isArray(p.config.assume_role) ? p.config.assume_role[0] : p.config.assume_role;
    const arn = typeof assume === "object" && assume !== null ? (assume as Record<string, unknown>).role_arn : undefined;
    const m = typeof arn === "string" ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null;
    if (m) ids.add(m[1] as string);
  }
  if (ids.size > 0) return { ids, source: "provider" };
  const counts = new Map<string, number>();
  for (const r of model.resources) {
    for (const m of show(r.values).matchAll(ARN_ACCOUNT)) counts.set(m[1] as string, (counts.get(m[1] as string) ?? 0) + 1);
  }
  // A tie names no account: the engine does not guess.
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first === undefined || (second !== undefined && second[1] === first[1]) ? { ids, source: "none" } : { ids: new Set([first[0]]), source: "dominant" };
});

/** What an `AWS` principal id names: everyone, an account (root), a specific principal, or an expression the engine cannot read. */
export type AwsPrincipalKind =
  | { readonly kind: "everyone" }
  | { readonly kind: "account"; readonly account: string; readonly own: boolean | undefined }
  | { readonly kind: "caller-account" }
  | { readonly kind: "principal" }
  | { readonly kind: "unknown" };

const ROOT = /^(?:arn:[^:]+:iam::(?=\d{12}:root$))?(\d{12})(?::root)?$/;
/** A reference to one resource's ARN (a role or user of the input): a named principal. */
const RESOURCE_ARN_REF = /^\$\{(?:module\.[\w-]+\.)*(?:data\.)?[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?\.(?:arn|unique_id)\}$/;

/** Classifies an `AWS` principal id (or a bare account id, as `aws_lambda_permission.principal` takes). */
export function awsPrincipalKind(model: TfModel, id: string): AwsPrincipalKind {
  if (id === "*") return { kind: "everyone" };
  const root = ROOT.exec(id);
  if (root) {
    const own = ownAccounts(model);
    return { kind: "account", account: root[1] as string, own: own.source === "none" ? undefined : own.ids.has(root[1] as string) };
  }
  if (CALLER_ACCOUNT.test(id) && /(?::root|account_id\})$/.test(id)) return { kind: "caller-account" };
  if (RESOURCE_ARN_REF.test(id)) return { kind: "principal" };
  if (isExpression(id)) return { kind: "unknown" };
  return { kind: "principal" };
}
