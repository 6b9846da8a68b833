import { namesEveryAction } from "../iam/action-pattern";
import type { ScopeInput, ScopeStatement } from "../iam/permission-scopes";
import { effectivePermissions, principalOf } from "./effective";
import type { RoleView } from "./iam";
import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";

/**
 * A role's permissions as ZSP016 and the access map query them: the
 * statements of its effective permissions (every document that applies,
 * Allows and Denies), its permissions boundary, what could not be read, and
 * whether it may do everything. Read from the guard's effective-permissions
 * layer (`effective.ts`), once per model and role.
 */
export interface RolePermissions extends ScopeInput {
  /** Policies that apply but could not be read (their grants are unknown). */
  readonly unknown: readonly string[];
  /** Whether the role may do everything (`*` on `*`, no boundary, no unconditional Deny): nothing is more privileged. */
  readonly admin: boolean;
}

const byModel = perKey((model: TfModel) => perKey((role: TfResource): RolePermissions => read(model, role)));

/** The permissions of `role`, read once per model and role. */
export function rolePermissions(model: TfModel, role: RoleView): RolePermissions {
  return byModel(model)(role.resource);
}

function read(model: TfModel, role: TfResource): RolePermissions {
  const principal = principalOf(model, role);
  if (principal === undefined) return { statements: [], unknown: [], admin: false };
  const eff = effectivePermissions(model, principal);
  const statements: ScopeStatement[] = [];
  for (const s of eff.allows) statements.push(s.statement);
  for (const s of eff.denies) statements.push(s.statement);
  const unknown = eff.unknown.length === 0 ? NONE : eff.unknown.map((u) => `${u.at.address}: ${u.reason}`);
  const boundary = eff.boundary?.policy.kind === "ok" ? eff.boundary.policy.statements : undefined;
  const admin = allowsAll(statements) && (boundary === undefined || allowsAll(boundary)) && !hardDeny(statements) && (boundary === undefined || !hardDeny(boundary));
  return boundary !== undefined ? { statements, unknown, admin, boundary } : { statements, unknown, admin };
}

const NONE: readonly string[] = [];

/** Whether a statement allows `*` on `*` unconditionally (cheap tests first: a large AWS-managed action list is asked last, from its index). */
const allowsAll = (list: readonly ScopeStatement[]): boolean =>
  list.some((s) => s.effect === "Allow" && s.conditions.length === 0 && s.actions !== undefined && (s.resources ?? []).includes("*") && namesEveryAction(s.actions));

const hardDeny = (list: readonly ScopeStatement[]): boolean => list.some((s) => s.effect === "Deny" && s.conditions.length === 0);
