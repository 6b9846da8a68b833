import { actionMatches } from "./action-pattern";
import { arnMatches } from "./arn-pattern";

/**
 * Which requests one identity-policy statement applies to, as IAM decides it
 * (conditions aside: callers say what an unevaluated condition means for them).
 * Works on any statement shape with these fields, such as the guard's `Statement`.
 */

/** The fields of a statement that decide which requests it applies to. */
export interface StatementScope {
  /** `Allow` or `Deny`. */
  readonly effect: "Allow" | "Deny";
  /** `Action` values. */
  readonly actions?: readonly string[];
  /** `NotAction` values. */
  readonly notActions?: readonly string[];
  /** `Resource` values. */
  readonly resources?: readonly string[];
  /** `NotResource` values. */
  readonly notResources?: readonly string[];
  /** Conditions (only their presence is read here). */
  readonly conditions: readonly unknown[];
}

/** Whether the statement's `Action` (or `NotAction`) covers `action` (`service:Name`). */
export function statementCoversAction(s: StatementScope, action: string): boolean {
  if (s.actions) return s.actions.some((p) => actionMatches(p, action));
  if (s.notActions) return !s.notActions.some((p) => actionMatches(p, action));
  return false;
}

/**
 * Whether the statement's `Resource` (or `NotResource`) covers `resource`:
 * a concrete ARN, or `undefined` for "some resource".
 *
 * For `undefined`, an Allow applies when it names any resource at all (or a
 * `NotResource` other than `*`); a Deny applies only when it covers every
 * resource (`Resource: "*"`), since a Deny on some resources leaves others
 * allowed. A statement without `Resource` / `NotResource` applies to none.
 *
 * @param s - the statement
 * @param resource - a concrete resource ARN, or undefined
 */
export function statementCoversResource(s: StatementScope, resource: string | undefined): boolean {
  if (resource === undefined) {
    if (s.effect === "Allow") return (s.resources !== undefined && s.resources.length > 0) || (s.notResources !== undefined && !s.notResources.includes("*"));
    return (s.resources ?? []).includes("*");
  }
  if (s.resources) return s.resources.some((p) => arnMatches(p, resource));
  if (s.notResources) return !s.notResources.some((p) => arnMatches(p, resource));
  return false;
}

/** Whether the statement applies to `action` on `resource` (see {@link statementCoversResource}). */
export function statementApplies(s: StatementScope, action: string, resource: string | undefined): boolean {
  return statementCoversAction(s, action) && statementCoversResource(s, resource);
}
