import { expandActionPattern } from "../iam/action-pattern";
import { arnPatternCovers } from "../iam/arn-pattern";
import type { PermissionQuery } from "../iam/escalation";
import { ScopeStatement, permissionQuery } from "../iam/permission-scopes";
import { perKey } from "./memo";
import type { RolePermissions } from "./principal-permissions";

/** What a principal gains through an escalation target: another principal's grants, or whatever it writes (within a boundary, if any). */
export type Gain =
  | { readonly kind: "grants"; readonly statements: readonly ScopeStatement[]; readonly boundary?: readonly ScopeStatement[] }
  | { readonly kind: "unbounded"; readonly boundary?: readonly ScopeStatement[] };

/** The scope query of a holder, built once per holder. */
export const queryOf: (holder: RolePermissions) => PermissionQuery = perKey((holder: RolePermissions) => permissionQuery(holder));

/**
 * Whether `holder` may already do everything the Allow statements `grants`
 * allow: every action they name (wildcards expanded against the action
 * catalogue) on every resource they name. Conditions are not compared (a
 * grant under a condition is read as the grant). Sound, not complete: `*`,
 * `NotAction`, `NotResource` and unknown services are covered only by an
 * admin holder, so "no more privileged" is never overstated.
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
          if (!scopes.some((sc) => sc.resource === resource || arnPatternCovers(sc.resource, resource))) return false;
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
