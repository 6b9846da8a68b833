import { anyActionMatches } from "./action-pattern";
import { arnPatternCovers } from "./arn-pattern";
import type { PermissionQuery, PermissionScope } from "./escalation";
import type { ConditionTest, PolicyStatementProps } from "./policy-document";

/** A statement as the scope query reads it (the guard's `Statement` has this shape). */
export interface ScopeStatement {
  /** Allow or Deny. */
  readonly effect: "Allow" | "Deny";
  /** `Action`. */
  readonly actions?: readonly string[];
  /** `NotAction`. */
  readonly notActions?: readonly string[];
  /** `Resource`. */
  readonly resources?: readonly string[];
  /** `NotResource`. */
  readonly notResources?: readonly string[];
  /** Conditions. */
  readonly conditions: readonly ConditionTest[];
}

/** A principal's policies as the scope query reads them. */
export interface ScopeInput {
  /** Identity-based statements (Allow and Deny) from every policy that applies. */
  readonly statements: readonly ScopeStatement[];
  /** The permissions boundary's statements; undefined when the principal has none. */
  readonly boundary?: readonly ScopeStatement[];
}

function coversAction(s: ScopeStatement, action: string): boolean {
  if (s.actions !== undefined) return anyActionMatches(s.actions, action);
  if (s.notActions !== undefined) return !anyActionMatches(s.notActions, action);
  return false;
}

function allowScopes(statements: readonly ScopeStatement[], action: string): PermissionScope[] {
  const out: PermissionScope[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow" || !coversAction(s, action)) continue;
    // NotResource grants everything but the listed: read as "*" (the safe side for escalation).
    for (const resource of s.resources ?? (s.notResources !== undefined ? ["*"] : [])) out.push({ resource, conditions: s.conditions });
  }
  return out;
}

/** The unconditional Denies of an input: identity statements, then the boundary's (most inputs have none). */
function hardDenies(input: ScopeInput): ScopeStatement[] {
  const found: ScopeStatement[] = [];
  for (const list of [input.statements, input.boundary ?? []]) for (const s of list) if (s.effect === "Deny" && s.conditions.length === 0) found.push(s);
  return found;
}

const covers = (general: string, specific: string): boolean => general === specific || arnPatternCovers(general, specific);

/**
 * The resources `action` is allowed on: identity Allows, intersected with the
 * boundary's Allows (when there is one), minus unconditional Denies (a Deny
 * with conditions may not apply, so it removes nothing: the safe side for
 * escalation). `Deny` + `NotResource` leaves only the listed resources.
 */
export function scopesOf(input: ScopeInput, action: string): PermissionScope[] {
  return scopesWithin(input, hardDenies(input), action);
}

function scopesWithin(input: ScopeInput, denies: readonly ScopeStatement[], action: string): PermissionScope[] {
  let scopes = allowScopes(input.statements, action);
  if (input.boundary !== undefined) {
    const ceiling = allowScopes(input.boundary, action);
    scopes = scopes.flatMap((q) => ceiling.flatMap((b) => {
      if (covers(b.resource, q.resource)) return [{ resource: q.resource, conditions: [...q.conditions, ...b.conditions] }];
      if (covers(q.resource, b.resource)) return [{ resource: b.resource, conditions: [...q.conditions, ...b.conditions] }];
      return [];
    }));
  }
  for (const d of denies) {
    if (!coversAction(d, action)) continue;
    if (d.resources !== undefined) {
      scopes = scopes.filter((q) => !d.resources?.some((r) => covers(r, q.resource)));
    } else if (d.notResources !== undefined) {
      const kept = d.notResources;
      scopes = scopes.flatMap((q) => {
        if (kept.some((n) => covers(n, q.resource))) return [q];
        return kept.filter((n) => covers(q.resource, n)).map((n) => ({ resource: n, conditions: q.conditions }));
      });
    }
  }
  if (scopes.length < 2) return scopes;
  const seen = new Set<string>();
  return scopes.filter((s) => {
    const key = `${s.resource}\u0000${JSON.stringify(s.conditions)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A {@link PermissionQuery} over `input`, memoized per action. */
export function permissionQuery(input: ScopeInput): PermissionQuery {
  const cache = new Map<string, readonly PermissionScope[]>();
  const denies = hardDenies(input);
  return {
    scopes(action: string): readonly PermissionScope[] {
      let s = cache.get(action);
      if (s === undefined) cache.set(action, (s = scopesWithin(input, denies, action)));
      return s;
    },
  };
}

/** A policy statement as the scope query reads it (conditions flattened, single values listed). */
export function scopeStatement(s: PolicyStatementProps): ScopeStatement {
  const conditions: ConditionTest[] = [];
  for (const [operator, keys] of Object.entries(s.conditions ?? {})) {
    for (const [key, value] of Object.entries(keys)) conditions.push({ operator, key, values: (Array.isArray(value) ? value : [value]).map(String) });
  }
  return {
    effect: s.effect ?? "Allow",
    ...(s.actions !== undefined ? { actions: s.actions } : {}), ...(s.notActions !== undefined ? { notActions: s.notActions } : {}),
    ...(s.resources !== undefined ? { resources: s.resources } : {}), ...(s.notResources !== undefined ? { notResources: s.notResources } : {}),
    conditions,
  };
}
