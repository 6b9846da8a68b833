import { globRegExp, hasWildcard } from "./glob";
import { anyActionMatches } from "./action-pattern";
import { arnMatches } from "./arn-pattern";
import { perList } from "./list-memo";
import { ESCALATION_PATHS, EscalationPath } from "./escalation-paths";
import type { ConditionTest } from "./policy-document";

/**
 * The escalation matcher: which paths of the catalogue a set of effective
 * permissions completes, and what each path would reach (its targets). One
 * home for the guard (ZSP016, on a principal's effective permissions) and the
 * constructs (JitRole refuses a grant set that completes a path on `*` or a
 * pattern), so the two cannot disagree. Neutral: no cdktf, no guard imports.
 */

/** A resource an action is allowed on, and under which conditions. */
export interface PermissionScope {
  /** Resource ARN, pattern (`*`, `arn:aws:iam::1:role/*`), or a Terraform reference. */
  readonly resource: string;
  /** Conditions of the granting statement(s). */
  readonly conditions: readonly ConditionTest[];
}

/** What a principal may do, as the matcher asks it: the scopes an action is effectively allowed on. */
export interface PermissionQuery {
  /** Scopes `action` (a catalogue action, e.g. `iam:PassRole`) is allowed on, after boundary and Denies; empty when it is not allowed. */
  scopes(action: string): readonly PermissionScope[];
}

/** What a path's target permission acts on, and so what the principal gains through it. */
export type TargetKind =
  | "passed-role" // iam:PassRole: the role a service then runs as
  | "assumed-role" // sts:AssumeRole: the role itself
  | "modified-role" // writes a role's policies or trust: whatever is written
  | "modified-user"
  | "modified-group"
  | "modified-policy" // a new version of a managed policy: whatever is written, for its holders
  | "user-credential" // a new key or password of a user: the user
  | "existing-resource"; // code or config of a resource that runs as a role: that role

const IAM_TARGETS: Readonly<Record<string, TargetKind>> = {
  "iam:passrole": "passed-role",
  "sts:assumerole": "assumed-role",
  "iam:putrolepolicy": "modified-role",
  "iam:attachrolepolicy": "modified-role",
  "iam:updateassumerolepolicy": "modified-role",
  "iam:createpolicyversion": "modified-policy",
  "iam:putuserpolicy": "modified-user",
  "iam:attachuserpolicy": "modified-user",
  "iam:putgrouppolicy": "modified-group",
  "iam:attachgrouppolicy": "modified-group",
  "iam:addusertogroup": "modified-group",
  "iam:createaccesskey": "user-credential",
  "iam:deleteaccesskey": "user-credential",
  "iam:createloginprofile": "user-credential",
  "iam:updateloginprofile": "user-credential",
};

/** One thing a completed path reaches. */
export interface PathTarget {
  /** How the path uses it. */
  readonly kind: TargetKind;
  /** The permission naming it, e.g. `iam:PassRole`. */
  readonly action: string;
  /** The resource as the policy names it. */
  readonly resource: string;
  /** True for `*` or a pattern: it covers whatever exists, in the input or not. */
  readonly wildcard: boolean;
  /** Conditions that confine it to resources carrying tags (`aws:ResourceTag/…`, `iam:ResourceTag/…`). */
  readonly tagConditions: readonly ConditionTest[];
  /** For paths whose other target permission is of another kind (e.g. iam-016: CreatePolicyVersion + AssumeRole): that permission's scopes. */
  readonly also?: { readonly action: string; readonly kind: TargetKind; readonly scopes: readonly PermissionScope[] };
}

/** A path the permissions complete. */
export interface PathMatch {
  /** The path. */
  readonly path: EscalationPath;
  /** The permissions that complete it (catalogue spelling). */
  readonly actions: readonly string[];
  /** What it reaches. */
  readonly targets: readonly PathTarget[];
}

/** Whether a resource string is `*` or a pattern (wildcards outside `${...}` interpolations). */
export function isWildcardResource(resource: string): boolean {
  return hasWildcard(resource.replace(/\$\{[^}]*\}/g, ""));
}

const TAG_KEY = /^(aws|iam):resourcetag\//;

/** Whether `scope`'s conditions let the path's service receive the role (`iam:PassedToService`, tested positively or negatively). */
function passableTo(scope: PermissionScope, service: string | undefined): boolean {
  if (service === undefined) return true;
  for (const c of scope.conditions) {
    if (c.key.toLowerCase() !== "iam:passedtoservice") continue;
    const op = c.operator.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
    const like = /Like$/.test(op);
    const hit = c.values.some((v) => (like ? globRegExp(v, true).test(service) : v.toLowerCase() === service.toLowerCase()));
    if (/^String(Equals|Like)(IgnoreCase)?$/.test(op) && !hit) return false;
    if (/^StringNot(Equals|Like)(IgnoreCase)?$/.test(op) && hit) return false;
  }
  return true;
}

/** The target permission of a path: its IAM target permission, else iam:PassRole, else the first permission on a target/existing resource. */
function targetKindOf(path: EscalationPath, action: string): TargetKind | undefined {
  const iam = IAM_TARGETS[action.toLowerCase()];
  if (iam !== undefined) return iam;
  if (path.permissions.some((p) => IAM_TARGETS[p.action.toLowerCase()] !== undefined)) return undefined;
  const primary = path.permissions.find((p) => /\btarget\b|\bexisting\b/i.test(p.resource)) ?? path.permissions[0];
  return primary?.action === action ? "existing-resource" : undefined;
}

const NO_CONDITIONS: readonly ConditionTest[] = [];

/** What matching reads of a path, independent of the holder: each permission's target kind (undefined: not a target permission) and the action list. */
interface PathShape {
  readonly kinds: ReadonlyArray<TargetKind | undefined>;
  readonly actions: readonly string[];
}

const SHAPES = new WeakMap<EscalationPath, PathShape>();

/** The shape of `path`, read once per path. */
function shapeOf(path: EscalationPath): PathShape {
  let shape = SHAPES.get(path);
  if (shape === undefined) {
    shape = { kinds: path.permissions.map((p) => targetKindOf(path, p.action)), actions: path.permissions.map((p) => p.action) };
    SHAPES.set(path, shape);
  }
  return shape;
}

/** Whether scope `b` covers the (named or pattern) resource `a`: same string, or `b` a pattern matching it. */
function scopeCovers(b: string, a: string): boolean {
  return b === "*" || b.toLowerCase() === a.toLowerCase() || (isWildcardResource(b) && !isWildcardResource(a) && arnMatches(b, a));
}

/** For each catalogue path, a bit per permission that one list of action patterns covers (read once per list content). */
const masksOf = perList((patterns: readonly string[]): readonly number[] =>
  ESCALATION_PATHS.map((path) => path.permissions.reduce((mask, p, i) => (anyActionMatches(patterns, p.action) ? mask | (1 << i) : mask), 0)));

/**
 * The catalogue paths each permission of which one of `lists` (the action
 * patterns of a holder's Allow statements, one list per statement) covers:
 * the only paths {@link matchPaths} can complete for that holder. What a
 * list covers is read once per list (a statement of an AWS-managed policy
 * is shared by every holder), so a holder costs one OR per statement and
 * path. Undefined lists (an Allow with `NotAction`) may cover anything:
 * every path.
 */
export function pathsWithin(lists: ReadonlyArray<readonly string[]> | undefined): readonly EscalationPath[] {
  if (lists === undefined) return ESCALATION_PATHS;
  const union = UNION.fill(0);
  for (const list of lists) {
    const masks = masksOf(list);
    for (let i = 0; i < union.length; i++) union[i] = (union[i] as number) | (masks[i] as number);
  }
  let out: EscalationPath[] | undefined;
  for (let i = 0; i < union.length; i++) if (union[i] === COMPLETE[i]) (out ??= []).push(ESCALATION_PATHS[i] as EscalationPath);
  return out ?? NO_PATHS; // most holders: none
}

/** Scratch for {@link pathsWithin} (read and cleared within one call). */
const UNION = new Int32Array(ESCALATION_PATHS.length);
/** The mask of each catalogue path when every permission is covered. */
const COMPLETE = ESCALATION_PATHS.map((path) => (1 << path.permissions.length) - 1);
const NO_PATHS: readonly EscalationPath[] = [];

/**
 * The paths of `paths` (default: the whole catalogue) that `q` completes:
 * every required permission is allowed on some resource (for `iam:PassRole`,
 * one whose `iam:PassedToService` admits the path's service), with the
 * targets of its target permission (those the other target permissions of
 * the same kind cover too).
 */
export function matchPaths(q: PermissionQuery, paths: readonly EscalationPath[] = ESCALATION_PATHS): PathMatch[] {
  const out: PathMatch[] = [];
  const cache = new Map<string, readonly PermissionScope[]>();
  const scopesOf = (action: string): readonly PermissionScope[] => {
    let s = cache.get(action);
    if (s === undefined) cache.set(action, (s = q.scopes(action)));
    return s;
  };
  for (const path of paths) {
    // Stop at the first permission the holder lacks: most paths end there, before their other permissions are asked.
    const usable: Array<readonly PermissionScope[]> = [];
    for (const p of path.permissions) {
      const scopes = scopesOf(p.action);
      const kept = p.action === "iam:PassRole" ? scopes.filter((s) => passableTo(s, path.passedToService)) : scopes;
      if (kept.length === 0) break;
      usable.push(kept);
    }
    if (usable.length < path.permissions.length) continue;
    const { kinds, actions } = shapeOf(path);
    const targeted: Array<{ action: string; kind: TargetKind | undefined; scopes: readonly PermissionScope[] }> = [];
    path.permissions.forEach((p, i) => {
      if (kinds[i] !== undefined) targeted.push({ action: p.action, kind: kinds[i], scopes: usable[i] ?? [] });
    });
    const [primary, ...others] = targeted;
    if (primary === undefined || primary.kind === undefined) continue;
    const sameKind = others.filter((o) => o.kind === primary.kind);
    const otherKind = others.find((o) => o.kind !== primary.kind);
    const targets: PathTarget[] = [];
    for (const scope of primary.scopes) {
      // Keep what every other target permission of the same kind reaches too: the narrower of each pair.
      let resources = [scope.resource];
      for (const o of sameKind) {
        resources = resources.flatMap((r) => o.scopes.flatMap((s) => (scopeCovers(s.resource, r) ? [r] : scopeCovers(r, s.resource) ? [s.resource] : [])));
      }
      for (const resource of new Set(resources)) {
        targets.push({
          kind: primary.kind, action: primary.action, resource, wildcard: isWildcardResource(resource),
          tagConditions: scope.conditions.length === 0 ? NO_CONDITIONS : scope.conditions.filter((c) => TAG_KEY.test(c.key.toLowerCase()) && !/Not|IfExists$/.test(c.operator)),
          ...(otherKind?.kind !== undefined ? { also: { action: otherKind.action, kind: otherKind.kind, scopes: otherKind.scopes } } : {}),
        });
      }
    }
    if (targets.length > 0) out.push({ path, actions, targets });
  }
  return out;
}
