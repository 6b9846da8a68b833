import { namesEveryAction } from "../iam/action-pattern";
import type { ScopeInput, ScopeStatement } from "../iam/permission-scopes";
import { documentsOf, permissionDocuments, principalOf } from "./effective";
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

/**
 * The permissions of `role`, read now and not cached here: for a caller
 * that keeps them itself (ZSP016 keeps one state per role), so a large
 * input does not hold a second cache entry per role.
 */
export function readRolePermissions(model: TfModel, role: RoleView): RolePermissions {
  return read(model, role.resource);
}

function read(model: TfModel, role: TfResource): RolePermissions {
  const principal = principalOf(model, role);
  if (principal === undefined) return { statements: [], unknown: [], admin: false };
  // The effective permissions' statements (Allows, then Denies, in document order), unknowns and boundary, read from the documents directly.
  const documents = documentsOf(model, principal);
  const statements: ScopeStatement[] = [];
  let unknown: string[] | undefined;
  for (const d of documents) {
    if (d.policy.kind === "unknown") (unknown ??= []).push(`${d.at.address}: ${d.policy.reason}`);
    if (d.policy.kind === "ok") for (const s of d.policy.statements) if (s.effect === "Allow") statements.push(s);
  }
  for (const d of documents) if (d.policy.kind === "ok") for (const s of d.policy.statements) if (s.effect !== "Allow") statements.push(s);
  const b = permissionDocuments(model).boundaries.get(principal);
  if (b?.policy.kind === "unknown") (unknown ??= []).push(`${b.at.address}: permissions boundary: ${b.policy.reason}`);
  const boundary = b?.policy.kind === "ok" ? b.policy.statements : undefined;
  const admin = allowsAll(statements) && (boundary === undefined || allowsAll(boundary)) && !hardDeny(statements) && (boundary === undefined || !hardDeny(boundary));
  return boundary !== undefined ? { statements, unknown: unknown ?? NONE, admin, boundary } : { statements, unknown: unknown ?? NONE, admin };
}

const NONE: readonly string[] = [];

/** Whether a statement allows `*` on `*` unconditionally (cheap tests first: a large AWS-managed action list is asked last, from its index). */
const allowsAll = (list: readonly ScopeStatement[]): boolean =>
  list.some((s) => s.effect === "Allow" && s.conditions.length === 0 && s.actions !== undefined && (s.resources ?? []).includes("*") && namesEveryAction(s.actions));

const hardDeny = (list: readonly ScopeStatement[]): boolean => list.some((s) => s.effect === "Deny" && s.conditions.length === 0);
