import { expandActionPattern, isServiceWildcard } from "../../iam/action-pattern";
import { ADMIN_POLICY_NAMES } from "../../iam/aws-managed-policies";
import { ACCESS_LEVELS, AccessLevel, CatalogueAction, lookupAction } from "../../iam/catalogue";
import { hasWildcard } from "../../iam/glob";
import { statementApplies } from "../../iam/statement-match";
import { PermissionDocument, Principal, decide, effectivePermissions, membersOf, narrowed, permissionDocuments } from "../effective";
import { perKey } from "../memo";
import type { RuleId } from "../catalogue";
import { Severity, isExpression } from "../model";
import { PolicyResult, Statement } from "../policy";
import { Rule, RuleContext } from "../rule";

/**
 * ZSP005 (wildcards and `Resource "*"` in what a principal is granted), and
 * ZSP000 for documents the engine cannot read. Judged per document (a finding
 * sits on the resource that uses it) on effective permissions: an action
 * counts only if some principal holding the document keeps it after explicit
 * Denies and within its boundary; a document only break-glass roles hold is
 * theirs by design.
 */
export const wildcardRule = {
  ids: ["ZSP005", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const doc of permissionDocuments(ctx.model).documents) {
      if (doc.policy.kind === "unknown") {
        ctx.report("ZSP000", doc.at, `permission policy cannot be evaluated: ${doc.policy.reason}. ZSP005/ZSP006/ZSP013 were not checked on it.`);
        continue;
      }
      if (doc.policy.kind !== "ok") continue;
      if (doc.principals.length > 0 && !doc.unresolvedHolder && doc.principals.every((p) => p.breakGlass)) continue;
      // Admin AWS-managed policies are ZSP006's finding.
      if (doc.awsManaged !== undefined && ADMIN_POLICY_NAMES.includes(doc.awsManaged)) continue;
      const kept = keptBy(ctx, doc);
      if (kept === KEEP_ALL && doc.awsManaged !== undefined) {
        // Every attachment of one AWS-managed policy whose holders keep every action reads alike: judged once, reported at each.
        for (const [rule, message, severity] of sharedFindings(ctx, doc, doc.policy)) ctx.report(rule, doc.at, message, severity);
        continue;
      }
      for (const s of doc.policy.statements) if (s.effect === "Allow") checkStatement(ctx, doc, s, kept);
    }
  },
} as const satisfies Rule;

/** Every action survives (no holder has a Deny or a boundary). */
const KEEP_ALL = (): boolean => true;

/** A finding as `checkStatement` reports it, without its location. */
type Unplaced = readonly [RuleId, string, Severity | undefined];

/** The findings of an AWS-managed document when every action is kept, by its (shared) statements. */
const SHARED = new WeakMap<PolicyResult, readonly Unplaced[]>();

/** What the document's Allow statements report when every action is kept: a function of the statements and the policy name only. */
function sharedFindings(ctx: RuleContext, doc: PermissionDocument, policy: PolicyResult & { kind: "ok" }): readonly Unplaced[] {
  let found = SHARED.get(policy);
  if (found === undefined) {
    const out: Unplaced[] = [];
    const collect: RuleContext = { ...ctx, report: (rule, _at, message, severity) => out.push([rule, message, severity]) };
    for (const s of policy.statements) if (s.effect === "Allow") checkStatement(collect, doc, s, KEEP_ALL);
    SHARED.set(policy, (found = out));
  }
  return found;
}

/**
 * Whether a catalogue action this document grants survives for at least one
 * holder (users of a holding group count as holders). A document held by
 * nobody is judged alone: only its own unconditional Denies subtract.
 */
function keptBy(ctx: RuleContext, doc: PermissionDocument): (action: CatalogueAction) => boolean {
  const holders: Principal[] = [];
  for (const p of doc.principals) {
    const members = p.kind === "group" ? membersOf(ctx.model, p) : [];
    if (members.length === 0) holders.push(p);
    else for (const m of members) holders.push(m);
  }
  if (holders.length === 0) {
    const ownDenies = doc.policy.kind === "ok" ? doc.policy.statements.filter((s) => s.effect === "Deny" && s.conditions.length === 0) : [];
    return (a) => !ownDenies.some((d) => statementApplies(d, a.name, undefined));
  }
  // The usual case, no holder with a Deny or a boundary, is read from the documents; effective permissions are built only to decide.
  if (!holders.some((h) => narrowed(ctx.model, h))) return KEEP_ALL;
  const effs = holders.map((h) => effectivePermissions(ctx.model, h));
  return (a) => effs.some((eff) => decide(eff, a.name).allowed);
}

/** One wildcard action pattern of a statement and the catalogue actions that make it a finding when kept. */
interface WildPattern {
  /** The pattern as written. */
  readonly pattern: string;
  /** A whole-service wildcard (`s3:*`, `*`): any kept action counts. */
  readonly service: boolean;
  /** The service is in the catalogue. */
  readonly known: boolean;
  /** The actions that count: every action for a service wildcard, Write / Permissions management ones otherwise. */
  readonly candidates: readonly CatalogueAction[];
}

/** What a statement's Action list holds, independent of who holds it (memoized per statement: AWS-managed documents are shared by every attachment). */
interface ActionShape {
  /** Wildcard patterns that can be a finding, in the order written. */
  readonly wild: readonly WildPattern[];
  /** Partial wildcards of services the catalogue does not know. */
  readonly unknownService: readonly string[];
  /** Actions that are expressions. */
  readonly dynamic: readonly string[];
  /** The wildcard list when every action is kept (no holder has a Deny or a boundary: the usual case, judged once per statement). */
  readonly allKept: readonly string[];
}

/** The shape of an Action list of exact actions only (the usual inline grant): nothing to judge. */
const PLAIN: ActionShape = { wild: [], unknownService: [], dynamic: [], allKept: [] };

/** The statement's shape; an Action list with no wildcard and no expression is {@link PLAIN}, without a cache entry per statement. */
function actionShape(s: Statement): ActionShape {
  const actions = s.actions ?? [];
  for (const a of actions) if (hasWildcard(a) || isExpression(a)) return shapeOf(s);
  return PLAIN;
}

const shapeOf = perKey((s: Statement): ActionShape => {
  const wild: WildPattern[] = [];
  const unknownService: string[] = [];
  const dynamic: string[] = [];
  for (const pattern of s.actions ?? []) {
    if (isExpression(pattern)) {
      dynamic.push(pattern);
      continue;
    }
    if (!hasWildcard(pattern)) continue;
    const expansion = expandActionPattern(pattern);
    if (isServiceWildcard(pattern)) {
      wild.push({ pattern, service: true, known: expansion.known, candidates: expansion.actions });
      continue;
    }
    const writes = expansion.actions.filter((a) => a.accessLevel === "Write" || a.accessLevel === "Permissions management");
    if (writes.length > 0) wild.push({ pattern, service: false, known: expansion.known, candidates: writes });
    else if (!expansion.known) unknownService.push(pattern);
  }
  return { wild, unknownService, dynamic, allKept: wildcards(wild, KEEP_ALL) };
});

function wildcards(wild: readonly WildPattern[], kept: (a: CatalogueAction) => boolean): string[] {
  const out: string[] = [];
  for (const w of wild) {
    if (w.service) {
      if (!w.known || firstKept(w.candidates, kept).length > 0) out.push(`"${w.pattern}"`);
      continue;
    }
    const writes = firstKept(w.candidates, kept);
    if (writes.length > 0) out.push(`"${w.pattern}" (covers ${sample(writes)})`);
  }
  return out;
}

function checkStatement(ctx: RuleContext, doc: PermissionDocument, s: Statement, kept: (a: CatalogueAction) => boolean): void {
  const what = doc.awsManaged !== undefined ? `AWS-managed policy ${doc.awsManaged} ` : "";
  const fix = doc.awsManaged !== undefined ? "replace it with a customer-managed policy that lists the exact actions and resources the task needs" : "list the exact actions the task needs";
  if (s.notActions) {
    ctx.report("ZSP005", doc.at, `${what}Allow with NotAction (${s.notActions.join(", ")}) grants every other action, including ones AWS adds later. Fix: list the exact actions in Action.`);
  }
  const shape = actionShape(s);
  for (const pattern of shape.unknownService) {
    ctx.report("ZSP000", doc.at, `${what}Allow action "${pattern}" names a service the IAM action catalogue does not know; what it covers cannot be judged.`);
  }
  const wild = kept === KEEP_ALL ? shape.allKept : wildcards(shape.wild, kept);
  if (wild.length > 0) {
    ctx.report("ZSP005", doc.at, `${what}Allow grants wildcard action ${wild.join(", ")}, including Write or Permissions-management actions. Fix: ${fix}.`);
  }
  if (shape.dynamic.length > 0) {
    ctx.report("ZSP000", doc.at, `${what}Allow action ${shape.dynamic.join(", ")} is an expression the engine cannot evaluate; it could be a wildcard.`);
  }
  if ((s.resources ?? []).includes("*")) resourceStar(ctx, doc, s, kept, what);
  if (s.notResources) {
    ctx.report("ZSP005", doc.at, `${what}Allow with NotResource (${s.notResources.join(", ")}) applies to every other resource. Fix: list the resource ARNs in Resource.`, "warning");
  }
}

interface StarScope {
  /** Actions with resource-level permissions the statement grants on "*", by access level. */
  readonly byLevel: ReadonlyMap<AccessLevel, readonly CatalogueAction[]>;
  /** Exact actions the catalogue does not know. */
  readonly unknown: readonly string[];
  /** The most consequential level's hit when every action is kept (null: none). */
  readonly allKept: StarHit | null;
}

/** The most consequential access level a statement keeps on "*" and up to four of its actions. */
interface StarHit {
  readonly level: AccessLevel;
  readonly hit: readonly CatalogueAction[];
}

const LEVELS_WORST_FIRST = [...ACCESS_LEVELS].reverse();

function starHit(byLevel: StarScope["byLevel"], kept: (a: CatalogueAction) => boolean): StarHit | null {
  for (const level of LEVELS_WORST_FIRST) {
    const hit = firstKept(byLevel.get(level) ?? [], kept);
    if (hit.length > 0) return { level, hit };
  }
  return null;
}

/** What a statement grants on "*", before Denies and boundaries (memoized per statement: AWS-managed documents are shared). */
const starScope = perKey((s: Statement): StarScope => {
  const byLevel = new Map<AccessLevel, CatalogueAction[]>();
  const unknown: string[] = [];
  const add = (a: CatalogueAction): void => {
    if (a.wildcardOnly || (s.notActions && !statementApplies(s, a.name, undefined))) return;
    const list = byLevel.get(a.accessLevel) ?? [];
    list.push(a);
    byLevel.set(a.accessLevel, list);
  };
  for (const pattern of s.actions ?? (s.notActions ? ["*"] : [])) {
    if (isExpression(pattern)) continue;
    if (hasWildcard(pattern)) {
      expandActionPattern(pattern).actions.forEach(add);
      continue;
    }
    const a = lookupAction(pattern);
    if (a === undefined) unknown.push(pattern);
    else add(a);
  }
  return { byLevel, unknown, allKept: starHit(byLevel, KEEP_ALL) };
});

/**
 * `Resource: "*"` for actions that support resource-level permissions: an
 * error for Write / Permissions management / Tagging, a warning for Read /
 * List. Actions with no resource-level permissions can only be granted on "*".
 */
function resourceStar(ctx: RuleContext, doc: PermissionDocument, s: Statement, kept: (a: CatalogueAction) => boolean, what: string): void {
  const scope = starScope(s);
  const found = kept === KEEP_ALL ? scope.allKept : starHit(scope.byLevel, kept);
  if (found !== null) {
    const { level, hit } = found;
    if (level === "Write" || level === "Permissions management" || level === "Tagging") {
      ctx.report("ZSP005", doc.at, `${what}Allow on Resource "*" for ${level} actions that support resource-level permissions (${sample(hit)}). Fix: name the resource ARNs.`);
    } else {
      ctx.report("ZSP005", doc.at, `${what}Allow on Resource "*" for ${level} actions (${sample(hit)}). Fix: name the resource ARNs (only actions without resource-level permissions need "*").`, "warning");
    }
    return;
  }
  if (scope.unknown.length > 0) {
    ctx.report("ZSP005", doc.at, `${what}Allow on Resource "*" for ${scope.unknown.join(", ")}. Fix: name the resource ARNs (only actions without resource-level permissions need "*").`, "warning");
  }
}

/** Up to four actions of `list` that survive (enough to name them; stops early on large expansions). */
function firstKept(list: readonly CatalogueAction[], kept: (a: CatalogueAction) => boolean): CatalogueAction[] {
  const out: CatalogueAction[] = [];
  for (const a of list) {
    if (kept(a)) out.push(a);
    if (out.length === 4) break;
  }
  return out;
}

function sample(actions: readonly CatalogueAction[]): string {
  const names = [...new Set(actions.map((a) => a.name))];
  return names.length <= 3 ? names.join(", ") : `${names.slice(0, 3).join(", ")}, ...`;
}
