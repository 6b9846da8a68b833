import { PropContext, ZspError } from "../core/errors";
import { PathTarget, matchPaths } from "../iam/escalation";
import { ESCALATION_PATHS } from "../iam/escalation-paths";
import { permissionQuery, scopeStatement } from "../iam/permission-scopes";
import type { PolicyStatement } from "../iam/policy-document";
import type { ValidatedGrant } from "./grant";

/** The catalogue paths that need `action` (for messages: which paths a refused action opens). */
export function pathsNeeding(actions: readonly string[]): string[] {
  const wanted = new Set(actions.map((a) => a.toLowerCase()));
  return ESCALATION_PATHS.filter((p) => p.permissions.some((x) => wanted.has(x.action.toLowerCase()))).map((p) => p.id);
}

/**
 * Refuses a grant set that completes a privilege-escalation path of the
 * catalogue on `*` or a pattern: what the guard (ZSP016, the same matcher)
 * would report as an error. A path onto a named resource is left to the
 * guard, which judges it against the input (no more privileged: clean;
 * outside the input: a warning).
 *
 * @param grants - the validated grants (for naming the one that completes the path)
 * @param statements - the role's permission statements (grants with their conditions, Denies)
 * @param boundary - the boundary's statements, when the role's boundary is known
 * @throws ZspError naming the grant, the path id and what to do instead
 */
export function refuseEscalation(grants: readonly ValidatedGrant[], statements: readonly PolicyStatement[], boundary: readonly PolicyStatement[] | undefined, ctx: PropContext): void {
  const q = permissionQuery({ statements: statements.map((s) => scopeStatement(s.props)), ...(boundary !== undefined ? { boundary: boundary.map((s) => scopeStatement(s.props)) } : {}) });
  const open = matchPaths(q).flatMap((match) => {
    const target = match.targets.find((t) => t.wildcard);
    return target === undefined ? [] : [{ match, target }];
  });
  const [first, ...more] = open;
  if (first === undefined) return;
  const { match, target } = first;
  const i = grantIndex(grants, target);
  const also = more.length > 0 ? ` (and ${more.map((o) => o.match.path.id).join(", ")})` : "";
  throw new ZspError({
    path: ctx.path, prop: `${ctx.prop}[${i}]`,
    problem: `completes privilege-escalation path ${match.path.id}${also} (${match.actions.join(" + ")}): ${target.action} on "${target.resource}" covers whatever ${target.kind === "existing-resource" ? "resource" : "role or principal"} exists, so the role could become any of them (guard rule ZSP016)`,
    fix: `${match.path.instead} See ${match.path.url}`,
  });
}

function grantIndex(grants: readonly ValidatedGrant[], target: PathTarget): number {
  const i = grants.findIndex((g) => g.actions.some((a) => a.toLowerCase() === target.action.toLowerCase()) && g.resources.includes(target.resource));
  return i < 0 ? 0 : i;
}
