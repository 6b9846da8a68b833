import { expandActionPattern } from "../iam/action-pattern";
import { AccessLevel, CatalogueAction } from "../iam/catalogue";
import { statementApplies } from "../iam/statement-match";
import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";
import { Boundary, PermissionDocument, permissionDocuments } from "./permission-documents";
import { Statement } from "./policy";
import { Principal, groupsOf, principals } from "./principals";

/**
 * Effective permissions of a principal (role, user, group): what AWS would
 * let it do from everything in the input, as DESIGN "How the guard reads
 * Terraform" describes. The rules (ZSP005/006/016/017), the access map and
 * `zsp tighten` read this API, never one statement alone.
 *
 * Semantics (identity policies and boundary; SCPs, RCPs, session policies and
 * resource policies are outside the input):
 * - a request is allowed when an Allow statement of one of the principal's
 *   documents (own, and for a user its groups') applies, no Deny applies, and
 *   the permissions boundary (when set) allows it too;
 * - conditions are not evaluated: an Allow with conditions still counts as
 *   allowing (flagged `conditional`), a Deny with conditions never counts as
 *   subtracting (flagged too). Both errors are on the side that shows more
 *   access, never less;
 * - what cannot be read (an expression, a policy outside the input) is listed
 *   in `unknown` with the reason; a rule reports it as ZSP000.
 *
 * Everything is memoized per model and principal, so asking for all
 * principals of a 50,000-resource input stays linear.
 */

export type { Principal, PrincipalKind } from "./principals";
export { principals, principalOf, principalRef, groupsOf, membersOf } from "./principals";
export type { Boundary, DocumentOrigin, ManagedAttachment, PermissionDocument, PermissionIndex } from "./permission-documents";
export { permissionDocuments } from "./permission-documents";

/** A statement together with the document it comes from. */
export interface SourcedStatement {
  /** The statement. */
  readonly statement: Statement;
  /** Its document (where a finding about it sits: `document.at`). */
  readonly document: PermissionDocument;
}

/** A part of a principal's permissions the engine cannot read. */
export interface UnknownPart {
  /** The resource the unknown part sits on. */
  readonly at: TfResource;
  /** Why it cannot be read. */
  readonly reason: string;
}

/** The effective permissions of one principal. */
export interface EffectivePermissions {
  /** Whose. */
  readonly principal: Principal;
  /** For a user: the groups it is a member of (their documents are included). */
  readonly groups: readonly Principal[];
  /** Every document that applies: the principal's own, then its groups'. */
  readonly documents: readonly PermissionDocument[];
  /** Allow statements of those documents. */
  readonly allows: readonly SourcedStatement[];
  /** Deny statements of those documents (and of the boundary). */
  readonly denies: readonly SourcedStatement[];
  /** The permissions boundary, when one is set. */
  readonly boundary?: Boundary;
  /** What cannot be read: unreadable documents, an unreadable boundary. */
  readonly unknown: readonly UnknownPart[];
}

const effectiveCache = perKey((model: TfModel) => perKey((principal: Principal): EffectivePermissions => build(model, principal)));

/**
 * The effective permissions of `principal` in `model` (memoized).
 *
 * @param model - the input
 * @param principal - a role, user or group of it (see {@link principals})
 */
export function effectivePermissions(model: TfModel, principal: Principal): EffectivePermissions {
  return effectiveCache(model)(principal);
}

/** The effective permissions of every principal of `model`. */
export function allEffectivePermissions(model: TfModel): readonly EffectivePermissions[] {
  return principals(model).map((p) => effectivePermissions(model, p));
}

const NONE: readonly never[] = [];

/**
 * The documents that apply to `principal`: its own, then for a user its
 * groups' (the `documents` of its effective permissions, without building
 * them). A role or group has only its own: one list, shared with the index.
 */
export function documentsOf(model: TfModel, principal: Principal): readonly PermissionDocument[] {
  const index = permissionDocuments(model);
  const groups = principal.kind === "user" ? groupsOf(model, principal) : NONE;
  const own = index.byPrincipal.get(principal) ?? NONE;
  return groups.length === 0 ? own : [own, ...groups.map((g) => index.byPrincipal.get(g) ?? NONE)].flat();
}

/**
 * Whether something narrows `principal`'s Allows: a Deny statement in a
 * document that applies, or a permissions boundary (the effective
 * permissions' `denies` or `boundary`), answered without building them.
 */
export function narrowed(model: TfModel, principal: Principal): boolean {
  const index = permissionDocuments(model);
  if (index.boundaries.has(principal)) return true;
  const denying = denyHolders(model);
  if (denying.size === 0) return false; // the usual input: no Deny anywhere
  return denying.has(principal) || (principal.kind === "user" && groupsOf(model, principal).some((g) => denying.has(g)));
}

/** The principals holding a document with a Deny statement, read once per model (one pass over the index, not one per question). */
const denyHolders = perKey((model: TfModel): ReadonlySet<Principal> => {
  const out = new Set<Principal>();
  for (const [p, documents] of permissionDocuments(model).byPrincipal) {
    if (documents.some((d) => d.policy.kind === "ok" && d.policy.statements.some((s) => s.effect !== "Allow"))) out.add(p);
  }
  return out;
});

function build(model: TfModel, principal: Principal): EffectivePermissions {
  const index = permissionDocuments(model);
  const groups = principal.kind === "user" ? groupsOf(model, principal) : NONE;
  const documents = documentsOf(model, principal);
  const allows: SourcedStatement[] = [];
  const denies: SourcedStatement[] = [];
  const unknown: UnknownPart[] = [];
  for (const document of documents) {
    if (document.policy.kind === "unknown") unknown.push({ at: document.at, reason: document.policy.reason });
    if (document.policy.kind !== "ok") continue;
    for (const statement of document.policy.statements) (statement.effect === "Allow" ? allows : denies).push({ statement, document });
  }
  const boundary = index.boundaries.get(principal);
  if (boundary?.policy.kind === "unknown") unknown.push({ at: boundary.at, reason: `permissions boundary: ${boundary.policy.reason}` });
  return { principal, groups, documents, allows, denies, unknown, ...(boundary ? { boundary } : {}) };
}

/** How a request would be decided. */
export interface Decision {
  /** True when some Allow applies, no unconditional Deny applies and the boundary (if any, and readable) allows it. */
  readonly allowed: boolean;
  /** True when every applying Allow has conditions, or a Deny with conditions applies (the outcome depends on the request). */
  readonly conditional: boolean;
  /** True when part of the principal's permissions cannot be read (`unknown` is not empty): the answer may be wrong either way. */
  readonly uncertain: boolean;
  /** The Allow statements that apply. */
  readonly allowedBy: readonly SourcedStatement[];
  /** The Deny statements that apply (with or without conditions). */
  readonly deniedBy: readonly SourcedStatement[];
  /** True when a readable boundary does not allow the request. */
  readonly outsideBoundary: boolean;
}

/**
 * Decides `action` on `resource` for a principal, as IAM would from its
 * identity policies and boundary (conditions not evaluated, see the module
 * notes).
 *
 * @param eff - effective permissions of the principal
 * @param action - a concrete action, e.g. `iam:PassRole` (not a pattern)
 * @param resource - a concrete resource ARN, or undefined for "some resource"
 */
export function decide(eff: EffectivePermissions, action: string, resource?: string): Decision {
  const allowedBy = eff.allows.filter((s) => statementApplies(s.statement, action, resource));
  const deniedBy = eff.denies.filter((s) => statementApplies(s.statement, action, resource));
  const boundaryDenies = boundaryStatements(eff, "Deny").filter((s) => statementApplies(s, action, resource));
  const hardDeny = deniedBy.some((s) => s.statement.conditions.length === 0) || boundaryDenies.some((s) => s.conditions.length === 0);
  const b = eff.boundary?.policy;
  const outsideBoundary = b?.kind === "ok" && !boundaryStatements(eff, "Allow").some((s) => statementApplies(s, action, resource));
  return {
    allowed: allowedBy.length > 0 && !hardDeny && !outsideBoundary,
    conditional: (allowedBy.length > 0 && allowedBy.every((s) => s.statement.conditions.length > 0)) || deniedBy.length > 0 || boundaryDenies.length > 0,
    uncertain: eff.unknown.length > 0,
    allowedBy, deniedBy, outsideBoundary,
  };
}

function boundaryStatements(eff: EffectivePermissions, effect: "Allow" | "Deny"): readonly Statement[] {
  const b = eff.boundary?.policy;
  return b?.kind === "ok" ? b.statements.filter((s) => s.effect === effect) : [];
}

/** One catalogue action a principal may perform. */
export interface AllowedAction {
  /** The action (canonical spelling) and its access level. */
  readonly action: CatalogueAction;
  /** Its access level (same as `action.accessLevel`). */
  readonly accessLevel: AccessLevel;
  /** The decision on "some resource". */
  readonly decision: Decision;
}

const allowedCache = perKey((eff: EffectivePermissions): readonly AllowedAction[] => {
  const candidates = new Map<string, CatalogueAction>();
  for (const { statement } of eff.allows) {
    // NotAction: every catalogue action not listed.
    const patterns = statement.actions ?? (statement.notActions ? ["*"] : []);
    for (const p of patterns) for (const a of expandActionPattern(p).actions) candidates.set(a.name, a);
  }
  const out: AllowedAction[] = [];
  for (const action of candidates.values()) {
    const decision = decide(eff, action.name);
    if (decision.allowed) out.push({ action, accessLevel: action.accessLevel, decision });
  }
  return out.sort((a, b) => (a.action.name < b.action.name ? -1 : 1));
});

/**
 * Every catalogue action the principal may perform on some resource: its
 * Allow patterns expanded against the IAM action catalogue (`iam:Put*` →
 * `iam:PutRolePolicy`, ...), minus what unconditional Denies take away,
 * within the boundary. Actions the catalogue does not know are not listed
 * (see `decide` for one action by name). Memoized per principal.
 */
export function allowedActions(eff: EffectivePermissions): readonly AllowedAction[] {
  return allowedCache(eff);
}
