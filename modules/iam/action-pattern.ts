import { ACCESS_LEVELS, AccessLevel, CatalogueAction, allServices, serviceActions } from "./catalogue";
import { globRegExp, hasWildcard } from "./glob";
import { perList } from "./list-memo";

/**
 * Action patterns as IAM reads them: `*` (every action of every service),
 * `service:Name`, or `service:` followed by a glob (`iam:Put*`,
 * `s3:Get?bject`). The service prefix and the action name are matched
 * case-insensitively, as IAM does.
 */

/**
 * Whether the action pattern `pattern` (from `Action` / `NotAction`) covers
 * `action` (`service:Name`), the way IAM matches them: `*` covers everything;
 * otherwise the service prefixes must be equal and the name must match the
 * glob, ignoring case. A pattern with a wildcard in the service prefix
 * (`s3*:Get*`) is matched as a glob over the whole `service:name` (IAM's
 * policy validator rejects such patterns; matching more is the safe side).
 *
 * @param pattern - e.g. `iam:Put*`
 * @param action - e.g. `iam:PutRolePolicy`
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  const p = pattern.indexOf(":");
  const a = action.indexOf(":");
  if (p <= 0 || a <= 0) return false;
  const service = pattern.slice(0, p);
  if (hasWildcard(service)) return globRegExp(pattern, true).test(action);
  if (service.toLowerCase() !== action.slice(0, a).toLowerCase()) return false;
  const name = pattern.slice(p + 1);
  if (name.length === 0 || /\s/.test(name)) return false;
  return globRegExp(name, true).test(action.slice(a + 1));
}

/** A list of action patterns indexed by service, so that asking whether it covers one action costs no scan of the list. */
interface ActionPatternIndex {
  /** `*` is in the list. */
  readonly all: boolean;
  /** Exact `service:name` patterns, lower-cased. */
  readonly exact: ReadonlySet<string>;
  /** Patterns with a wildcard in the name, by lower-cased service. */
  readonly globs: ReadonlyMap<string, readonly string[]>;
  /** Patterns with a wildcard in the service prefix (matched one by one). */
  readonly odd: readonly string[];
  /** Answers given so far, by action as asked (a list shared by thousands of principals is asked the same actions). */
  readonly answers: Map<string, boolean>;
}

/** The index of a list of patterns (lists of the same content share one index and its answers). */
const indexOf = perList(indexPatterns);

function indexPatterns(patterns: readonly string[]): ActionPatternIndex {
  let all = false;
  const exact = new Set<string>();
  const globs = new Map<string, string[]>();
  const odd: string[] = [];
  for (const pattern of patterns) {
    if (pattern === "*") { all = true; continue; }
    const p = pattern.indexOf(":");
    if (p <= 0) continue; // matches nothing (actionMatches says the same)
    const service = pattern.slice(0, p);
    if (hasWildcard(service)) { odd.push(pattern); continue; }
    const name = pattern.slice(p + 1);
    if (name.length === 0 || /\s/.test(name)) continue;
    if (hasWildcard(name)) {
      const key = service.toLowerCase();
      const list = globs.get(key);
      if (list === undefined) globs.set(key, [pattern]);
      else list.push(pattern);
    } else {
      exact.add(pattern.toLowerCase());
    }
  }
  return { all, exact, globs, odd, answers: new Map() };
}

/**
 * Whether any pattern of `patterns` covers `action`: the same answer as
 * `patterns.some((p) => actionMatches(p, action))`, from an index built once
 * per list (kept while the list lives), so a statement of an AWS-managed
 * policy with hundreds of patterns is not scanned for every action asked.
 */
export function anyActionMatches(patterns: readonly string[], action: string): boolean {
  const index = indexOf(patterns);
  if (index.all) return true;
  let answer = index.answers.get(action);
  if (answer === undefined) index.answers.set(action, (answer = matchIndexed(index, action)));
  return answer;
}

function matchIndexed(index: ActionPatternIndex, action: string): boolean {
  const a = action.indexOf(":");
  if (a <= 0) return false;
  if (index.exact.has(action.toLowerCase())) return true;
  const globs = index.globs.get(action.slice(0, a).toLowerCase());
  if (globs !== undefined && globs.some((p) => actionMatches(p, action))) return true;
  return index.odd.length > 0 && index.odd.some((p) => actionMatches(p, action));
}

/**
 * Whether `patterns` holds `*` itself (every action of every service): read
 * from the list's index, so a list of an AWS-managed policy shared by
 * thousands of holders is not scanned for each.
 */
export function namesEveryAction(patterns: readonly string[]): boolean {
  return indexOf(patterns).all;
}

/** Whether `pattern` is a whole-service or whole-IAM wildcard: `*` or `service:*`. */
export function isServiceWildcard(pattern: string): boolean {
  return pattern === "*" || /^[\w-]+:\*+$/.test(pattern);
}

/** What an action pattern covers in the catalogue. */
export interface ActionExpansion {
  /** The catalogue actions it covers (canonical spelling), sorted by name. */
  readonly actions: readonly CatalogueAction[];
  /**
   * False when the pattern names a service the catalogue does not know (then
   * `actions` is empty but the pattern may still grant something), or is not
   * an action pattern at all.
   */
  readonly known: boolean;
}

const expansions = new Map<string, ActionExpansion>();

/**
 * The catalogue actions an action pattern covers, each with its access level:
 * `iam:Put*` expands to `iam:PutGroupPolicy`, `iam:PutRolePolicy`, ... `*`
 * expands to every action of every service (about 22,000). Memoized per
 * pattern (case-insensitive), so a policy shared by 10,000 roles is expanded once.
 *
 * @param pattern - an `Action` / `NotAction` value
 */
export function expandActionPattern(pattern: string): ActionExpansion {
  const key = pattern.toLowerCase();
  const cached = expansions.get(key);
  if (cached) return cached;
  let result: ActionExpansion;
  const colon = key.indexOf(":");
  if (key === "*") {
    result = { actions: allServices().flatMap((s) => [...(serviceActions(s)?.values() ?? [])]), known: true };
  } else if (colon <= 0) {
    result = { actions: [], known: false };
  } else if (hasWildcard(key.slice(0, colon))) {
    const re = globRegExp(key.slice(0, colon), true);
    const services = allServices().filter((s) => re.test(s));
    result = { actions: services.flatMap((s) => [...(serviceActions(s)?.values() ?? [])].filter((a) => actionMatches(pattern, a.name))), known: services.length > 0 };
  } else {
    const actions = serviceActions(key.slice(0, colon));
    result = actions === undefined ? { actions: [], known: false } : { actions: actionsNamed(actions, key.slice(colon + 1)), known: true };
  }
  result = { known: result.known, actions: [...result.actions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
  expansions.set(key, result);
  return result;
}

/**
 * The actions of one service whose names the glob `name` (lower-case) matches,
 * as {@link actionMatches} decides it: one compiled pattern tested on the
 * catalogue's lower-case keys, not the whole pattern re-split per action (a
 * policy such as ReadOnlyAccess expands ~2,900 patterns over most services).
 */
function actionsNamed(actions: ReadonlyMap<string, CatalogueAction>, name: string): CatalogueAction[] {
  if (name.length === 0 || /\s/.test(name)) return [];
  const out: CatalogueAction[] = [];
  if (!hasWildcard(name)) {
    const hit = actions.get(name);
    if (hit !== undefined) out.push(hit);
    return out;
  }
  const prefix = name.slice(0, -1);
  if (name.endsWith("*") && !hasWildcard(prefix)) {
    // `Get*`, the usual form: a prefix test, no regular expression.
    for (const [lower, a] of actions) if (lower.startsWith(prefix)) out.push(a);
    return out;
  }
  const re = globRegExp(name, true);
  for (const [lower, a] of actions) if (re.test(lower)) out.push(a);
  return out;
}

/**
 * The most consequential access level among `actions` (`Permissions
 * management` over `Write` over `Tagging` over `Read` over `List`), or
 * undefined for none.
 */
export function worstAccessLevel(actions: Iterable<CatalogueAction>): AccessLevel | undefined {
  let worst = -1;
  for (const a of actions) worst = Math.max(worst, ACCESS_LEVELS.indexOf(a.accessLevel));
  return worst < 0 ? undefined : ACCESS_LEVELS[worst];
}
