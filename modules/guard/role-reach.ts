import { expandActionPattern } from "../iam/action-pattern";
import type { AccessLevel } from "../iam/catalogue";
import { escalationOf } from "./escalation";
import { RoleView } from "./iam";
import { TfModel } from "./model";
import { rolePermissions } from "./principal-permissions";
import { queryOf } from "./privilege";

/** One action a role may perform, on which resources (after boundary and Denies). */
export interface AllowedPermission {
  /** Catalogue action, e.g. `s3:PutObject`. */
  readonly action: string;
  /** Its access level. */
  readonly accessLevel: AccessLevel;
  /** Resources (ARNs, patterns or references) it is allowed on. */
  readonly resources: readonly string[];
}

/** A role another role can become, and how. */
export interface Becoming {
  /** The role's name (or address). */
  readonly role: string;
  /** Its Terraform address. */
  readonly address: string;
  /** The escalation path ids of each hop (`sts-001` for AssumeRole). */
  readonly via: readonly string[];
  /** Whether it holds more than the role that can become it. */
  readonly morePrivileged: boolean;
}

/** An escalation path a role completes onto `*`, a pattern or a target outside the input. */
export interface OpenPath {
  /** Path id. */
  readonly path: string;
  /** `error` or `warning`, as ZSP016 reports it. */
  readonly verdict: "error" | "warning";
  /** The targets, as the policy names them. */
  readonly targets: readonly string[];
}

/**
 * What a role may do: every catalogue action its Allow statements name
 * (wildcards expanded), with the resources it stays allowed on after the
 * boundary and unconditional Denies. Sorted by action.
 */
export function allowedPermissions(model: TfModel, role: RoleView): AllowedPermission[] {
  const holder = rolePermissions(model, role);
  // An admin role may do everything: one entry, not the ~22,000 actions of the catalogue.
  if (holder.admin) return [{ action: "*", accessLevel: "Permissions management", resources: ["*"] }];
  const q = queryOf(holder);
  const names = new Map<string, AccessLevel>();
  for (const s of holder.statements) {
    if (s.effect !== "Allow") continue;
    for (const p of s.actions ?? (s.notActions !== undefined ? ["*"] : [])) for (const a of expandActionPattern(p).actions) names.set(a.name, a.accessLevel);
  }
  const out: AllowedPermission[] = [];
  for (const [action, accessLevel] of names) {
    const resources = [...new Set(q.scopes(action).map((s) => s.resource))];
    if (resources.length > 0) out.push({ action, accessLevel, resources });
  }
  return out.sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
}

/** The roles `role` can become (AssumeRole chains and escalation paths), and the paths it completes onto targets the input cannot bound. */
export function reachOf(model: TfModel, role: RoleView): { canBecome: Becoming[]; openPaths: OpenPath[] } {
  const analysis = escalationOf(model, role);
  const canBecome = analysis.reaches.map((r): Becoming => ({
    role: r.role.name ?? r.role.resource.address, address: r.role.resource.address, via: r.chain.map((h) => h.path), morePrivileged: r.morePrivileged,
  }));
  const openPaths: OpenPath[] = [];
  for (const p of analysis.paths) {
    const open = p.targets.filter((t) => t.verdict !== "clean" && t.role === undefined);
    if (open.length === 0) continue;
    openPaths.push({ path: p.match.path.id, verdict: open.some((t) => t.verdict === "error") ? "error" : "warning", targets: [...new Set(open.map((t) => t.target.resource))] });
  }
  return { canBecome, openPaths };
}
