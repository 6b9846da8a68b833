import { expandActionPattern } from "../iam/action-pattern";
import { arnPatternCovers } from "../iam/arn-pattern";
import type { PermissionQuery, PermissionScope } from "../iam/escalation";
import type { ConditionTest } from "../iam/policy-document";
import { ScopeStatement, permissionQuery } from "../iam/permission-scopes";
import { lastOnly } from "./memo";
import type { RolePermissions } from "./principal-permissions";

/** What a principal gains through an escalation target: another principal's grants, or whatever it writes (within a boundary, if any). */
export type Gain =
  | { readonly kind: "grants"; readonly statements: readonly ScopeStatement[]; readonly boundary?: readonly ScopeStatement[] }
  | { readonly kind: "unbounded"; readonly boundary?: readonly ScopeStatement[] };

/**
 * The scope query of a holder. The last holder's query is kept (its answers
 * per action with it): a holder is matched and judged back to back, then not
 * asked again, so keeping every holder's query only adds to what a large
 * input holds in memory.
 */
export const queryOf: (holder: RolePermissions) => PermissionQuery = lastOnly((holder: RolePermissions) => permissionQuery(holder));

/** Operators whose test passes when the value is any one of the listed values: a grant listing fewer values is narrower. */
const ANY_OF = new Set(["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "IpAddress", "NumericEquals"]);

/** Whether the holder's condition `c` passes whenever the grant's conditions pass (the grant repeats it, with the same or fewer values). */
const implied = (c: ConditionTest, grant: readonly ConditionTest[]): boolean =>
  grant.some((g) => g.operator === c.operator && g.key.toLowerCase() === c.key.toLowerCase() && g.values.every((v) => c.values.includes(v)) && (ANY_OF.has(c.operator) || c.values.every((v) => g.values.includes(v))));

/** Whether every condition of the holder's scope also constrains the grant (then the holder's grant is at least as wide). */
const conditionsWithin = (scope: readonly ConditionTest[], grant: readonly ConditionTest[]): boolean => scope.every((c) => implied(c, grant));

/**
 * Whether `holder` may already do everything the Allow statements `grants`
 * allow: every action they name (wildcards expanded against the action
 * catalogue) on every resource they name, under no condition the grant does
 * not also carry (a holder allowed only in `eu-west-1` is less privileged than
 * a grant without that condition; a condition on the grant only narrows it).
 * Sound, not complete: `*`, `NotAction`, `NotResource` and unknown services
 * are covered only by an admin holder, and conditions are compared as
 * written, so "no more privileged" is never overstated.
 */
function grantsCovered(holder: RolePermissions, grants: readonly ScopeStatement[]): boolean {
  if (holder.admin) return true;
  const q = queryOf(holder);
  for (const s of grants) {
    if (s.effect !== "Allow") continue;
    if (s.notActions !== undefined || s.notResources !== undefined) return false;
    for (const pattern of s.actions ?? []) {
      if (pattern === "*") return false;
      const expansion = expandActionPattern(pattern);
      if (!expansion.known) return false;
      for (const action of expansion.actions) {
        const scopes = q.scopes(action.name);
        for (const resource of s.resources ?? []) {
          const covered = (sc: PermissionScope): boolean => (sc.resource === resource || arnPatternCovers(sc.resource, resource)) && conditionsWithin(sc.conditions, s.conditions);
          if (!scopes.some(covered)) return false;
        }
      }
    }
  }
  return true;
}

/** Whether `holder` already has everything `gain` would give it (then the target is no escalation). */
export function covers(holder: RolePermissions, gain: Gain): boolean {
  if (holder.admin) return true;
  if (gain.kind === "unbounded") return gain.boundary !== undefined && grantsCovered(holder, gain.boundary);
  return grantsCovered(holder, gain.statements) || (gain.boundary !== undefined && grantsCovered(holder, gain.boundary));
}
