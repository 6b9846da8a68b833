import { ROLE_PATHS } from "../iam/role-paths";
import { bareModule, ofType, referencedResource } from "./index-model";
import { perKey } from "./memo";
import { TfModel, TfResource, blocks, isExpression } from "./model";
import { PolicyResult, readPolicy } from "./policy";


/** An `aws_iam_role` and what the rules need to know about it. */
export interface RoleView {
  /** The role resource. */
  readonly resource: TfResource;
  /** Its name when known. */
  readonly name?: string;
  /** Its path (`/` by default). */
  readonly path: string;
  /** Whether its path puts it under `/zsp/break-glass/`. */
  readonly breakGlass: boolean;
}

/** A permission policy and the roles it applies to. */
export interface PolicyUse {
  /** The resource the finding sits on (role, role policy, managed policy). */
  readonly at: TfResource;
  /** The policy. */
  readonly policy: PolicyResult;
  /** Roles it is known to apply to (empty: none known). */
  readonly roles: readonly RoleView[];
}

/** A managed policy attachment (by ARN) and the roles it applies to. */
export interface ManagedAttachment {
  /** The resource carrying the attachment. */
  readonly at: TfResource;
  /** Policy ARN as known (may be an expression). */
  readonly arn: string;
  /** The configuration view of the ARN (a reference, when it is one). */
  readonly configArn?: string;
  /** The `aws_iam_policy` it refers to, when it is one of this stack's. */
  readonly policy?: TfResource;
  /** Roles it applies to (empty when it attaches to users or groups). */
  readonly roles: readonly RoleView[];
  /** Whether the roles it applies to could not all be resolved. */
  readonly unresolvedRole: boolean;
}

/** Every role in the model. */
export function roles(model: TfModel): readonly RoleView[] {
  return roleIndex(model).list;
}

const roleIndex = perKey((model: TfModel): { list: RoleView[]; byName: Map<string, RoleView>; byAddress: Map<string, RoleView> } => {
  const list = ofType(model, "aws_iam_role").map((resource): RoleView => {
    const name = typeof resource.values.name === "string" && !isExpression(resource.values.name) ? resource.values.name : undefined;
    const path = typeof resource.values.path === "string" ? resource.values.path : "/";
    return { resource, path, breakGlass: path.startsWith(ROLE_PATHS.breakGlass), ...(name !== undefined ? { name } : {}) };
  });
  const index = { list, byName: new Map<string, RoleView>(), byAddress: new Map<string, RoleView>() };
  for (const r of list) {
    if (r.name !== undefined) index.byName.set(r.name, r);
    index.byAddress.set(r.resource.address, r);
  }
  return index;
});

/**
 * The role that `from`'s argument `attr` names: by reference in the
 * configuration view, else by literal name or ARN in the values.
 */
export function roleRef(model: TfModel, from: TfResource, attr: string, value?: unknown, configValue?: unknown): RoleView | undefined {
  const index = roleIndex(model);
  const c = configValue !== undefined ? configValue : from.config?.[attr];
  const byRef = referencedResource(model, from, c, "aws_iam_role") ?? referencedResource(model, from, value ?? from.values[attr], "aws_iam_role");
  if (byRef) return index.byAddress.get(byRef.address);
  const v = value !== undefined ? value : from.values[attr];
  if (typeof v !== "string" || isExpression(v)) return undefined;
  const name = v.startsWith("arn:") ? v.slice(v.lastIndexOf("/") + 1) : v;
  const found = index.byName.get(name);
  return found && bareModule(found.resource.module) === bareModule(from.module) ? found : undefined;
}

/** Every permission policy that applies (or may apply) to roles, with the resource a finding sits on (read once per model). */
export const permissionPolicies: (model: TfModel) => readonly PolicyUse[] = perKey(readPermissionPolicies);

function readPermissionPolicies(model: TfModel): PolicyUse[] {
  const uses: PolicyUse[] = [];
  for (const role of roles(model)) {
    const inline = blocks(role.resource.values.inline_policy);
    const inlineConfig = blocks(role.resource.config?.inline_policy);
    inline.forEach((block, i) => {
      const policy = readPolicy(model, role.resource, "policy", block.policy, inlineConfig[i]?.policy);
      if (policy.kind !== "absent") uses.push({ at: role.resource, policy, roles: [role] });
    });
  }
  for (const rp of ofType(model, "aws_iam_role_policy")) {
    const role = roleRef(model, rp, "role");
    uses.push({ at: rp, policy: readPolicy(model, rp, "policy"), roles: role ? [role] : [] });
  }
  const attachments = managedAttachments(model);
  const boundaries = new Set<TfResource>();
  for (const role of roles(model)) {
    const b = referencedResource(model, role.resource, role.resource.config?.permissions_boundary, "aws_iam_policy");
    if (b) boundaries.add(b);
  }
  for (const p of ofType(model, "aws_iam_policy")) {
    const used = attachments.filter((a) => a.policy === p);
    // A permissions boundary limits what a role may do; it grants nothing unless it is also attached.
    if (boundaries.has(p) && used.length === 0) continue;
    uses.push({ at: p, policy: readPolicy(model, p, "policy"), roles: used.flatMap((a) => a.roles) });
  }
  return uses;
}

/** Every attachment of a managed policy to a role (and to users/groups, with no roles), read once per model. */
export const managedAttachments: (model: TfModel) => readonly ManagedAttachment[] = perKey(readManagedAttachments);

function readManagedAttachments(model: TfModel): ManagedAttachment[] {
  const out: ManagedAttachment[] = [];
  const policyOf = (from: TfResource, value: unknown, configValue: unknown): TfResource | undefined =>
    referencedResource(model, from, configValue, "aws_iam_policy") ?? referencedResource(model, from, value, "aws_iam_policy") ??
    (typeof value === "string" ? ofType(model, "aws_iam_policy").find((p) => p.values.arn === value) : undefined);
  const push = (at: TfResource, value: unknown, configValue: unknown, roleList: readonly (RoleView | undefined)[]): void => {
    const arn = typeof value === "string" ? value : typeof configValue === "string" ? configValue : "";
    const policy = policyOf(at, value, configValue);
    const known = roleList.filter((r): r is RoleView => r !== undefined);
    out.push({
      at, arn, roles: known, unresolvedRole: known.length !== roleList.length,
      ...(typeof configValue === "string" ? { configArn: configValue } : {}), ...(policy ? { policy } : {}),
    });
  };
  for (const a of ofType(model, "aws_iam_role_policy_attachment")) {
    push(a, a.values.policy_arn, a.config?.policy_arn, [roleRef(model, a, "role")]);
  }
  for (const a of ofType(model, "aws_iam_policy_attachment")) {
    const list = Array.isArray(a.values.roles) ? a.values.roles : [];
    const cfg = Array.isArray(a.config?.roles) ? (a.config?.roles as unknown[]) : [];
    push(a, a.values.policy_arn, a.config?.policy_arn, list.map((v, i) => roleRef(model, a, "roles", v, cfg[i])));
  }
  for (const type of ["aws_iam_group_policy_attachment", "aws_iam_user_policy_attachment"]) {
    for (const a of ofType(model, type)) push(a, a.values.policy_arn, a.config?.policy_arn, []);
  }
  for (const role of roles(model)) {
    for (const key of ["managed_policy_arns"]) {
      const list = role.resource.values[key];
      const cfg = role.resource.config?.[key];
      if (Array.isArray(list)) list.forEach((v, i) => push(role.resource, v, Array.isArray(cfg) ? cfg[i] : undefined, [role]));
    }
  }
  for (const a of ofType(model, "aws_iam_role_policy_attachments_exclusive")) {
    const list = a.values.policy_arns;
    const cfg = a.config?.policy_arns;
    const role = roleRef(model, a, "role_name");
    if (Array.isArray(list)) list.forEach((v, i) => push(a, v, Array.isArray(cfg) ? cfg[i] : undefined, [role]));
  }
  return out;
}
