import { PathMatch, PathTarget, TargetKind, matchPaths, pathsWithin } from "../iam/escalation";
import type { ConditionTest } from "../iam/policy-document";
import { anyActionMatches } from "../iam/action-pattern";
import { arnMatcher } from "../iam/arn-pattern";
import { ScopeStatement, scopesOf } from "../iam/permission-scopes";
import { awsPrincipalKind, ownAccounts } from "./accounts";
import { ResolvedTarget, resolveTarget } from "./escalation-targets";
import { RoleView, roles } from "./iam";
import { referencedResource } from "./index-model";
import { lastOnly, perKey, whileOwner } from "./memo";
import { TfModel, TfResource } from "./model";
import { PrincipalEntry } from "./policy";
import { RolePermissions, readRolePermissions } from "./principal-permissions";
import { Gain, covers, queryOf } from "./privilege";
import { effectiveTags } from "./tags";
import { trustOf } from "./trust";

/** How one target of a completed path is judged. */
export interface JudgedTarget {
  /** The target as the policy names it. */
  readonly target: PathTarget;
  /** `error`: more privilege than the principal has, or `*`/a pattern; `warning`: privilege unknown; `clean`: no escalation. */
  readonly verdict: "error" | "warning" | "clean";
  /** Why, in words. */
  readonly why: string;
  /** The role the principal can become through it, when the input has it. */
  readonly role?: RoleView;
}

/** A path a principal completes, judged. */
export interface JudgedPath {
  /** The match. */
  readonly match: PathMatch;
  /** Its targets, judged. */
  readonly targets: readonly JudgedTarget[];
  /** The worst verdict. */
  readonly verdict: "error" | "warning" | "clean";
}

/** A role a principal can become, and how. */
export interface Reach {
  /** The role reached. */
  readonly role: RoleView;
  /** Each hop: the path id and the role it leads to. */
  readonly chain: ReadonlyArray<{ readonly path: string; readonly role: RoleView }>;
  /** Whether the role holds more than the principal. */
  readonly morePrivileged: boolean;
}

/** Everything ZSP016 and the access map say about one role. */
export interface EscalationAnalysis {
  /** The principal. */
  readonly principal: RoleView;
  /** Every path its permissions complete, judged. */
  readonly paths: readonly JudgedPath[];
  /**
   * Roles of the input whose trust policy names this role itself (not its
   * account): in one account such a trust needs no `sts:AssumeRole` grant of
   * the principal's own, only a boundary that allows it and no Deny. Judged
   * like an assumed role (error when the role holds more).
   */
  readonly trustedBy: readonly JudgedTarget[];
  /** Roles it can become: directly (one hop) or through chains. */
  readonly reaches: readonly Reach[];
  /** The reaches of two or more hops (chains), in the order of `reaches`. */
  readonly chained: readonly Reach[];
  /** Policies that apply but could not be read. */
  readonly unknown: readonly string[];
}

const RANK = { clean: 0, warning: 1, error: 2 } as const;

/** What one role's analysis keeps, filled as it is asked for (one lookup per role, not one cache per view). */
interface RoleState {
  holder?: RolePermissions;
  gains?: { readonly grants: Gain; readonly rewritten: Gain };
  direct?: Direct;
  hops?: ReadonlyArray<Hop | OpenHops>;
  analysis?: EscalationAnalysis;
}

/** The escalation analyses of one model: every role's state, by role. */
class Context {
  readonly #states = new Map<RoleView, RoleState>();
  constructor(readonly model: TfModel) {}
  /** The state of `role` (the last one asked is at hand: one role's analysis asks for its state several times in a row). */
  readonly state = lastOnly((role: RoleView): RoleState => {
    let s = this.#states.get(role);
    if (s === undefined) this.#states.set(role, (s = {}));
    return s;
  });
}

const contextOf = perKey((model: TfModel) => new Context(model));

/** The permissions of `role`, kept in its state. */
function holderOf(cx: Context, role: RoleView): RolePermissions {
  const s = cx.state(role);
  return (s.holder ??= readRolePermissions(cx.model, role));
}

function trustAdmits(model: TfModel, target: RoleView, admits: (p: PrincipalEntry) => boolean): boolean {
  const trust = trustOf(model, target);
  if (trust.kind !== "ok") return true; // unknown trust: assume it admits (unknown is never clean)
  return trust.statements.some((s) => s.effect === "Allow" && (s.principals ?? []).some((p) => p.type === "*" || p.ids.includes("*") || admits(p)));
}

function trustsService(model: TfModel, target: RoleView, service: string): boolean {
  return trustAdmits(model, target, (p) => p.type === "Service" && p.ids.some((id) => id.toLowerCase() === service.toLowerCase()));
}

function trustsPrincipal(model: TfModel, target: RoleView, principal: RoleView): boolean {
  return trustAdmits(model, target, (p) => p.type === "AWS" && p.ids.some((id) => {
    if (referencedResource(model, target.resource, id, "aws_iam_role") === principal.resource) return true;
    if (principal.name !== undefined && /^arn:[^:]+:iam::\d{12}:role\//.test(id) && id.slice(id.lastIndexOf("/") + 1) === principal.name) return true;
    const kind = awsPrincipalKind(model, id);
    return kind.kind === "caller-account" || (kind.kind === "account" && kind.own !== false);
  }));
}

/**
 * For each role of the input, the roles whose trust allows it `sts:AssumeRole`
 * named as itself (by reference, or by a role ARN carrying its name), not
 * through its account: read once per model, so finding a principal's
 * trusting roles does not scan every trust again.
 */
const namedInTrusts = perKey((model: TfModel): ReadonlyMap<TfResource, readonly RoleView[]> => {
  const all = roles(model);
  const byName = new Map<string, RoleView[]>();
  for (const r of all) {
    if (r.name === undefined) continue;
    const named = byName.get(r.name);
    if (named === undefined) byName.set(r.name, [r]);
    else named.push(r);
  }
  const out = new Map<TfResource, RoleView[]>();
  const add = (principal: TfResource, target: RoleView): void => {
    const list = out.get(principal);
    if (list === undefined) out.set(principal, [target]);
    else if (!list.includes(target)) list.push(target);
  };
  for (const target of all) {
    const trust = trustOf(model, target);
    if (trust.kind !== "ok") continue;
    for (const s of trust.statements) {
      if (s.effect !== "Allow" || s.actions === undefined || !anyActionMatches(s.actions, "sts:AssumeRole")) continue;
      for (const p of s.principals ?? []) {
        if (p.type !== "AWS") continue;
        for (const id of p.ids) {
          const ref = referencedResource(model, target.resource, id, "aws_iam_role");
          if (ref !== undefined) add(ref, target);
          else if (/^arn:[^:]+:iam::\d{12}:role\//.test(id)) for (const r of byName.get(id.slice(id.lastIndexOf("/") + 1)) ?? []) add(r.resource, target);
        }
      }
    }
  }
  return out;
});

/**
 * Whether a role-ARN pattern (or `*`) names a role of the input: matched
 * against the role's ARN in the account Terraform applies in; when that
 * account is unknown, the pattern's account counts as any. Built once per
 * pattern, to test many roles.
 */
function rolePatternMatcher(model: TfModel, pattern: string): (role: RoleView) => boolean {
  if (pattern === "*") return () => true;
  const account = [...ownAccounts(model).ids][0];
  const matches = arnMatcher(account === undefined ? pattern.replace(/^(arn:[^:]*:iam::)[^:]*:/, "$1*:") : pattern);
  return (role) => role.name !== undefined && matches(`arn:aws:iam::${account ?? "000000000000"}:role${role.path}${role.name}`);
}

/** Whether a role-ARN pattern (or `*`) names `role` of the input (see {@link rolePatternMatcher}). */
function patternNamesRole(model: TfModel, pattern: string, role: RoleView): boolean {
  return rolePatternMatcher(model, pattern)(role);
}

/** Whether the principal's boundary and Denies let a trust alone admit it to `target` (the identity Allows are not needed in one account). */
function assumableByTrust(model: TfModel, holder: RolePermissions, principal: RoleView, target: RoleView): boolean {
  const denies = holder.statements.filter((s) => s.effect === "Deny");
  if (holder.boundary === undefined && denies.length === 0) return true; // nothing narrows sts:AssumeRole: it reads as "*"
  const scopes = scopesOf({ statements: [...(holder.boundary ?? [ALLOW_ALL]), ...denies] }, "sts:AssumeRole");
  return scopes.some((sc) => referencedResource(model, principal.resource, sc.resource, "aws_iam_role") === target.resource || patternNamesRole(model, sc.resource, target));
}

const ALLOW_ALL: ScopeStatement = { effect: "Allow", actions: ["*"], resources: ["*"], conditions: [] };

const NO_TARGETS: readonly JudgedTarget[] = [];

/** The roles of the input whose trust names `principal` itself and that it can therefore assume without a grant of its own, judged. */
function trustedByOf(cx: Context, holder: RolePermissions, principal: RoleView): readonly JudgedTarget[] {
  const trusting = namedInTrusts(cx.model).get(principal.resource);
  if (trusting === undefined) return NO_TARGETS; // most roles: no trust names them
  const out: JudgedTarget[] = [];
  for (const r of trusting) {
    if (r.resource === principal.resource || !assumableByTrust(cx.model, holder, principal, r)) continue;
    const target: PathTarget = { kind: "assumed-role", action: "sts:AssumeRole", resource: r.name ?? r.resource.address, wildcard: false, tagConditions: [] };
    out.push(judgeGain(cx, holder, principal, target, grantsOf(cx, r), r, `role ${nameOf(r)}`));
  }
  return out;
}

/** A role's gains, read once per model and role (kept in its state), so each (holder, gain) pair is compared once (see {@link holds}). */
function gainsOf(cx: Context, role: RoleView): { readonly grants: Gain; readonly rewritten: Gain } {
  const s = cx.state(role);
  if (s.gains === undefined) {
    const p = holderOf(cx, role);
    s.gains = {
      grants: { kind: "grants", statements: p.statements, ...(p.boundary !== undefined ? { boundary: p.boundary } : {}) },
      rewritten: { kind: "unbounded", ...(p.boundary !== undefined ? { boundary: p.boundary } : {}) },
    };
  }
  return s.gains;
}

/** What becoming `role` gives: its grants (within its boundary), one object per model and role. */
const grantsOf = (cx: Context, role: RoleView): Gain => gainsOf(cx, role).grants;

/** What writing a role's policies gives: anything, within the role's boundary if it has one. */
const rewritten = (cx: Context, role: RoleView): Gain => gainsOf(cx, role).rewritten;

/**
 * Whether `holder` already has what `gain` gives ({@link covers}), compared
 * once per pair while one holder is judged: a principal passing, assuming and
 * running code as the same role asks the same question back to back. Only
 * the current holder's answers are kept (no cache per principal outlives its
 * judging, which on a large input only adds to garbage collection).
 */
const holdsMemo = whileOwner<RolePermissions, Gain, boolean>();
const holds = (holder: RolePermissions, gain: Gain): boolean => holdsMemo(holder, gain, () => covers(holder, gain));

const nameOf = (role: RoleView): string => role.name ?? role.resource.address;

function hasTags(model: TfModel, role: RoleView, conditions: readonly ConditionTest[]): boolean {
  const tags = effectiveTags(model, role.resource).tags;
  return conditions.every((c) => {
    const key = c.key.slice(c.key.indexOf("/") + 1);
    const v = tags[key];
    return typeof v === "string" && c.values.includes(v);
  });
}

function judgeGain(cx: Context, holder: RolePermissions, principal: RoleView, target: PathTarget, gain: Gain, role: RoleView | undefined, what: string): JudgedTarget {
  if (holds(holder, gain)) return role ? { target, verdict: "clean", why: `${what} is no more privileged than ${nameOf(principal)}`, role } : { target, verdict: "clean", why: `${what} is no more privileged than ${nameOf(principal)}` };
  if (gain.kind === "grants" && role !== undefined && holderOf(cx, role).unknown.length > 0) {
    return { target, verdict: "warning", why: `${what} has policies the engine cannot read, so its privilege is unknown`, role };
  }
  const more = gain.kind === "unbounded"
    ? `${what} can be given any permission${gain.boundary !== undefined ? " its boundary allows" : ""}, more than ${nameOf(principal)} holds`
    : `${what} holds permissions ${nameOf(principal)} does not`;
  return role ? { target, verdict: "error", why: more, role } : { target, verdict: "error", why: more };
}

function judgeResolved(cx: Context, holder: RolePermissions, principal: RoleView, match: PathMatch, target: PathTarget, resolved: ResolvedTarget): JudgedTarget {
  const model = cx.model;
  switch (resolved.kind) {
    case "outside":
      return { target, verdict: "warning", why: `${target.resource} is not in this input, so its privilege is unknown` };
    case "role": {
      const r = resolved.role;
      const what = `role ${nameOf(r)}`;
      if (target.kind === "modified-role") return judgeGain(cx, holder, principal, target, rewritten(cx, r), r, what);
      if (r.resource === principal.resource) return { target, verdict: "clean", why: `${what} is the principal itself`, role: r };
      if (target.kind === "passed-role" && match.path.passedToService !== undefined && !trustsService(model, r, match.path.passedToService)) {
        return { target, verdict: "clean", why: `${what} does not trust ${match.path.passedToService}, so that service cannot run as it` };
      }
      if (target.kind === "assumed-role" && !trustsPrincipal(model, r, principal)) {
        return { target, verdict: "clean", why: `${what} does not trust ${nameOf(principal)}` };
      }
      return judgeGain(cx, holder, principal, target, grantsOf(cx, r), r, what);
    }
    case "principal":
      return judgeGain(cx, holder, principal, target, UNBOUNDED, undefined, `${resolved.resource.type.slice(8)} ${resolved.resource.address}`);
    case "policy": {
      if (resolved.roles.length === 0) return { target, verdict: "clean", why: `policy ${resolved.policy.address} is attached to no role of this input` };
      let worst: JudgedTarget | undefined;
      for (const r of resolved.roles) {
        const j = judgeGain(cx, holder, principal, target, rewritten(cx, r), r, `role ${nameOf(r)} (holds policy ${resolved.policy.address})`);
        if (worst === undefined || RANK[j.verdict] > RANK[worst.verdict]) worst = j;
      }
      return worst as JudgedTarget;
    }
    case "runs-as": {
      if (resolved.role !== undefined) return judgeGain(cx, holder, principal, target, grantsOf(cx, resolved.role), resolved.role, `${resolved.resource.address}, which runs as role ${nameOf(resolved.role)},`);
      if (resolved.roleOutside !== undefined) return { target, verdict: "warning", why: `${resolved.resource.address} runs as ${resolved.roleOutside}, which is not in this input, so its privilege is unknown` };
      return { target, verdict: "clean", why: `${resolved.resource.address} runs as no role` };
    }
  }
}

/** What writing a user's or group's policies gives: anything (one object: the holds memo compares it once per holder). */
const UNBOUNDED: Gain = { kind: "unbounded" };

/** Target kinds that resolve to a role (a role passed, assumed or modified resolves alike). */
const ROLE_KINDS: ReadonlySet<TargetKind> = new Set<TargetKind>(["passed-role", "assumed-role", "modified-role"]);
/**
 * {@link resolveTarget}, once per target while one principal is judged (the
 * role a principal passes it often also assumes: both resolve alike); only
 * the current principal's answers are kept.
 */
const targetMemo = whileOwner<TfResource, string, ResolvedTarget>();
const resolvedTarget = (model: TfModel, from: TfResource, kind: TargetKind, resource: string): ResolvedTarget =>
  targetMemo(from, `${ROLE_KINDS.has(kind) ? "role" : kind}\u0000${resource}`, () => resolveTarget(model, from, kind, resource));

/** Judges one target of a completed path into `out` (a `*` or pattern target may judge as several). */
function judge(cx: Context, holder: RolePermissions, principal: RoleView, match: PathMatch, target: PathTarget, out: JudgedTarget[]): void {
  const model = cx.model;
  if (!target.wildcard) {
    out.push(judgeResolved(cx, holder, principal, match, target, resolvedTarget(model, principal.resource, target.kind, target.resource)));
    return;
  }
  if (target.tagConditions.length > 0 && (target.kind === "passed-role" || target.kind === "assumed-role" || target.kind === "modified-role")) {
    // Confined to roles carrying the tags: judge those of the input; others may exist outside it.
    const tagged = roles(model).filter((r) => r.resource !== principal.resource && hasTags(model, r, target.tagConditions));
    for (const r of tagged) out.push(judgeResolved(cx, holder, principal, match, { ...target, wildcard: false }, { kind: "role", role: r }));
    out.push({ target, verdict: "warning", why: `${target.resource} is confined to roles tagged ${target.tagConditions.map((c) => `${c.key}=${c.values.join("|")}`).join(", ")}; roles outside this input may carry them` });
    return;
  }
  out.push({ target, verdict: "error", why: `"${target.resource}" covers whatever exists, in this input or not` });
}

/** The action lists of the holder's Allow statements; undefined when one allows through `NotAction` (it may cover any action). */
function allowedPatterns(holder: RolePermissions): Array<readonly string[]> | undefined {
  const out: Array<readonly string[]> = [];
  for (const s of holder.statements) {
    if (s.effect !== "Allow") continue;
    if (s.actions !== undefined) out.push(s.actions);
    else if (s.notActions !== undefined) return undefined;
  }
  return out;
}

/** The analysis of one role before its reach is walked. */
type Direct = Omit<EscalationAnalysis, "reaches" | "chained">;

const NO_PATHS: readonly JudgedPath[] = [];

function analyse(cx: Context, principal: RoleView): Direct {
  const holder = holderOf(cx, principal);
  if (holder.admin) return { principal, paths: NO_PATHS, trustedBy: NO_TARGETS, unknown: holder.unknown };
  const within = pathsWithin(allowedPatterns(holder));
  const paths: JudgedPath[] = [];
  if (within.length > 0) {
    for (const match of matchPaths(queryOf(holder), within)) {
      const targets: JudgedTarget[] = [];
      for (const t of match.targets) judge(cx, holder, principal, match, t, targets);
      let verdict: JudgedPath["verdict"] = "clean";
      for (const t of targets) if (RANK[t.verdict] > RANK[verdict]) verdict = t.verdict;
      paths.push({ match, targets, verdict });
    }
  }
  return { principal, paths: paths.length > 0 ? paths : NO_PATHS, trustedBy: trustedByOf(cx, holder, principal), unknown: holder.unknown };
}

/** The direct analysis of `role`, kept in its state. */
function direct(cx: Context, role: RoleView): Direct {
  const s = cx.state(role);
  return (s.direct ??= analyse(cx, role));
}

/**
 * The roles of the input a role-ARN pattern names, and for a passed role the
 * ones the path's service may run as: independent of the principal, so read
 * once per model, pattern and service (thousands of CI roles passing
 * `role/*` ask the same question).
 */
const patternRoles = perKey((model: TfModel) => {
  const cache = new Map<string, readonly RoleView[]>();
  return (pattern: string, service: string | undefined): readonly RoleView[] => {
    const key = `${pattern}\u0000${service ?? ""}`;
    let found = cache.get(key);
    if (found === undefined) {
      const names = rolePatternMatcher(model, pattern);
      found = roles(model).filter((r) => r.name !== undefined && names(r) && (service === undefined || trustsService(model, r, service)));
      cache.set(key, found);
    }
    return found;
  };
});

function coveredRoles(model: TfModel, principal: RoleView, match: PathMatch, target: PathTarget): readonly RoleView[] {
  if (target.kind !== "passed-role" && target.kind !== "assumed-role") return [];
  const named = patternRoles(model)(target.resource, target.kind === "passed-role" ? match.path.passedToService : undefined);
  // A passed role needs no trust of the principal: the list is the pattern's, shared by every principal passing it.
  return target.kind === "passed-role" ? named : named.filter((r) => r.resource !== principal.resource && trustsPrincipal(model, r, principal));
}

/** A role `principal` can become in one hop: a target of a completed path that resolves to a role it can actually use. */
interface Hop {
  readonly path: string;
  readonly role: RoleView;
}

/**
 * The roles a `*` or pattern target covers, as one entry (the list is shared
 * by every principal holding the same pattern): listed, never followed
 * further (see {@link escalationOf}). `except` is the hop's own principal,
 * which it does not reach through them.
 */
interface OpenHops {
  readonly path: string;
  readonly roles: readonly RoleView[];
  readonly except: TfResource;
}

const NO_HOPS: ReadonlyArray<Hop | OpenHops> = [];

function hopsOf(cx: Context, principal: RoleView): ReadonlyArray<Hop | OpenHops> {
  const d = direct(cx, principal);
  if (d.trustedBy.length === 0 && d.paths.length === 0) return NO_HOPS; // most roles complete nothing
  const out: Array<Hop | OpenHops> = [];
  for (const t of d.trustedBy) if (t.role) out.push({ path: "sts-001", role: t.role });
  for (const p of d.paths) {
    for (const t of p.targets) {
      const usable = t.role !== undefined && t.role.resource !== principal.resource && !t.why.includes("does not trust");
      if (usable && t.role) out.push({ path: p.match.path.id, role: t.role });
      if (t.target.wildcard) {
        const roles = coveredRoles(cx.model, principal, p.match, t.target);
        if (roles.length > 0) out.push({ path: p.match.path.id, roles, except: principal.resource });
      }
    }
  }
  return out.length > 0 ? out : NO_HOPS;
}

/** The hops of `role`, kept in its state. */
function hops(cx: Context, role: RoleView): ReadonlyArray<Hop | OpenHops> {
  const s = cx.state(role);
  return (s.hops ??= hopsOf(cx, role));
}

/** The resources of a shared role list, as a set (built once per list). */
const membersOf = perKey((roles: readonly RoleView[]): ReadonlySet<TfResource> => new Set(roles.map((r) => r.resource)));

/** A reached role; whether it holds more than the principal is compared only when asked (chain findings, the access map). */
class LazyReach implements Reach {
  #more: boolean | undefined;
  readonly #cx: Context;
  readonly #principal: RoleView;
  constructor(cx: Context, principal: RoleView, readonly role: RoleView, readonly chain: Reach["chain"]) {
    this.#cx = cx;
    this.#principal = principal;
  }
  get morePrivileged(): boolean {
    return (this.#more ??= !holds(holderOf(this.#cx, this.#principal), grantsOf(this.#cx, this.role)));
  }
}

/** One step of a principal's reach, in the order found: one role, or the roles one of its own `*`/pattern targets covers. */
type ReachStep = { readonly kind: "one"; readonly reach: Reach } | { readonly kind: "open"; readonly hops: OpenHops };

/**
 * Breadth-first over hops: A may assume B, B may pass C to Lambda, so A
 * reaches C. A role reached through a `*` or pattern is not followed: the hop
 * that opened it is already an error for whoever holds it (it covers whatever
 * exists), and following every role it covers makes the reach of every
 * principal upstream the whole input. The principal's own open hops stay one
 * step each (a shared list, tested by set membership), so a principal passing
 * `role/*` costs one entry, not one per role of the input.
 */
function walk(cx: Context, principal: RoleView): ReachStep[] {
  if (hops(cx, principal).length === 0) return []; // most roles become no other
  const steps: ReachStep[] = [];
  const seen = new Set([principal.resource]);
  const open: Array<ReadonlySet<TfResource>> = [];
  const reached = (r: TfResource): boolean => seen.has(r) || open.some((members) => members.has(r));
  let frontier: Array<{ role: RoleView; chain: Reach["chain"] }> = [{ role: principal, chain: [] }];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const h of hops(cx, f.role)) {
        if ("roles" in h) {
          if (f.chain.length === 0) {
            open.push(membersOf(h.roles));
            steps.push({ kind: "open", hops: h });
            continue;
          }
          for (const role of h.roles) {
            if (role.resource === h.except || reached(role.resource)) continue;
            seen.add(role.resource);
            steps.push({ kind: "one", reach: new LazyReach(cx, principal, role, [...f.chain, { path: h.path, role }]) });
          }
          continue;
        }
        if (reached(h.role.resource)) continue;
        seen.add(h.role.resource);
        const chain = [...f.chain, { path: h.path, role: h.role }];
        steps.push({ kind: "one", reach: new LazyReach(cx, principal, h.role, chain) });
        next.push({ role: h.role, chain });
      }
    }
    frontier = next;
  }
  return steps;
}

/** Every role the steps reach, one entry each, in the order found. */
function expand(cx: Context, principal: RoleView, steps: readonly ReachStep[]): Reach[] {
  const out: Reach[] = [];
  const seen = new Set([principal.resource]);
  for (const s of steps) {
    if (s.kind === "one") {
      seen.add(s.reach.role.resource);
      out.push(s.reach);
      continue;
    }
    for (const role of s.hops.roles) {
      if (seen.has(role.resource)) continue;
      seen.add(role.resource);
      out.push(new LazyReach(cx, principal, role, [{ path: s.hops.path, role }]));
    }
  }
  return out;
}

const NO_REACHES: readonly Reach[] = [];

/** An analysis whose `reaches` are listed role by role on first read. */
class Analysis implements EscalationAnalysis {
  readonly principal: RoleView;
  readonly paths: readonly JudgedPath[];
  readonly trustedBy: readonly JudgedTarget[];
  readonly unknown: readonly string[];
  #reaches: readonly Reach[] | undefined;
  readonly #cx: Context;
  #steps: readonly ReachStep[] | undefined;
  /** `steps`: the walk, when it was needed for `chained`; otherwise walked on first read of `reaches`. */
  constructor(cx: Context, base: Direct, steps: readonly ReachStep[] | undefined, readonly chained: readonly Reach[]) {
    this.principal = base.principal;
    this.paths = base.paths;
    this.trustedBy = base.trustedBy;
    this.unknown = base.unknown;
    this.#cx = cx;
    this.#steps = steps;
  }
  get reaches(): readonly Reach[] {
    return (this.#reaches ??= expand(this.#cx, this.principal, (this.#steps ??= walk(this.#cx, this.principal))));
  }
}

function analysisOf(cx: Context, role: RoleView): EscalationAnalysis {
  // A chain needs a first hop (not through `*` or a pattern: those are not followed) to a role with hops of its own.
  const first = hops(cx, role);
  const chains = first.length > 0 && first.some((h) => !("roles" in h) && hops(cx, h.role).length > 0);
  if (!chains) return new Analysis(cx, direct(cx, role), undefined, NO_REACHES);
  const steps = walk(cx, role);
  const chained: Reach[] = [];
  for (const s of steps) if (s.kind === "one" && s.reach.chain.length >= 2) chained.push(s.reach);
  return new Analysis(cx, direct(cx, role), steps, chained);
}

/**
 * The escalation analysis of `principal` (read once per model and role): the
 * paths it completes, each target judged, and every role it can become
 * through chains of them (A may assume B, B may pass C to Lambda: A reaches C).
 * `reaches` is listed role by role only when asked (the access map);
 * `chained` holds the reaches of two or more hops.
 */
export function escalationOf(model: TfModel, principal: RoleView): EscalationAnalysis {
  const cx = contextOf(model);
  const s = cx.state(principal);
  return (s.analysis ??= analysisOf(cx, principal));
}
