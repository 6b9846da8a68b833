import { ROLE_PATHS } from "../iam/role-paths";
import { bareModule, ofType, referencedResource } from "./index-model";
import { perKey } from "./memo";
import { TfModel, TfResource, isExpression } from "./model";

/**
 * The IAM principals of a model: roles, users and groups, with lookups from
 * the references and names other resources use, and group memberships.
 * Built once per model.
 */

/** Which kind of IAM principal. */
export type PrincipalKind = "role" | "user" | "group";

/** Resource type of each principal kind. */
export const PRINCIPAL_TYPES: Readonly<Record<PrincipalKind, string>> = { role: "aws_iam_role", user: "aws_iam_user", group: "aws_iam_group" };

/** An `aws_iam_role`, `aws_iam_user` or `aws_iam_group` of the input. */
export interface Principal {
  /** Role, user or group. */
  readonly kind: PrincipalKind;
  /** The resource. */
  readonly resource: TfResource;
  /** Its name when known (a literal, or the plan's value). */
  readonly name?: string;
  /** Its path (`/` by default). */
  readonly path: string;
  /** Whether its path puts it under `/zsp/break-glass/` (only roles are break-glass). */
  readonly breakGlass: boolean;
}

interface PrincipalIndex {
  readonly list: readonly Principal[];
  readonly byResource: ReadonlyMap<TfResource, Principal>;
  /** By kind, bare module and literal name (nested: a lookup hashes the strings it is given, and builds no key). */
  readonly byName: ReadonlyMap<PrincipalKind, ReadonlyMap<string, ReadonlyMap<string, Principal>>>;
  /** User → groups it is a member of; group → its users. */
  readonly groupsOfUser: ReadonlyMap<Principal, readonly Principal[]>;
  readonly usersOfGroup: ReadonlyMap<Principal, readonly Principal[]>;
}

const principalIndex = perKey((model: TfModel): PrincipalIndex => {
  const list: Principal[] = [];
  const byResource = new Map<TfResource, Principal>();
  const byName = new Map<PrincipalKind, Map<string, Map<string, Principal>>>();
  for (const kind of ["role", "user", "group"] as const) {
    const byModule = new Map<string, Map<string, Principal>>();
    byName.set(kind, byModule);
    for (const resource of ofType(model, PRINCIPAL_TYPES[kind])) {
      const name = literal(resource.values.name);
      const path = literal(resource.values.path) ?? "/";
      const p: Principal = { kind, resource, path, breakGlass: kind === "role" && path.startsWith(ROLE_PATHS.breakGlass), ...(name !== undefined ? { name } : {}) };
      list.push(p);
      byResource.set(resource, p);
      if (name !== undefined) {
        const module = bareModule(resource.module);
        let names = byModule.get(module);
        if (names === undefined) byModule.set(module, (names = new Map()));
        names.set(name, p);
      }
    }
  }
  const index = { list, byResource, byName, groupsOfUser: new Map<Principal, Principal[]>(), usersOfGroup: new Map<Principal, Principal[]>() };
  const link = (user: Principal | undefined, group: Principal | undefined): void => {
    if (!user || !group) return;
    const gs = index.groupsOfUser.get(user) ?? [];
    if (!gs.includes(group)) gs.push(group);
    index.groupsOfUser.set(user, gs);
    const us = index.usersOfGroup.get(group) ?? [];
    if (!us.includes(user)) us.push(user);
    index.usersOfGroup.set(group, us);
  };
  for (const m of ofType(model, "aws_iam_group_membership")) {
    const group = refIn(model, index, m, "group", "group");
    for (const [v, c] of listWithConfig(m, "users")) link(refIn(model, index, m, "user", "users", v, c), group);
  }
  for (const m of ofType(model, "aws_iam_user_group_membership")) {
    const user = refIn(model, index, m, "user", "user");
    for (const [v, c] of listWithConfig(m, "groups")) link(user, refIn(model, index, m, "group", "groups", v, c));
  }
  return index;
});

function literal(value: unknown): string | undefined {
  return typeof value === "string" && !isExpression(value) ? value : undefined;
}

/**
 * The elements of list argument `attr` of `r`, each with its
 * configuration-view counterpart. Where a plan knows the list only after
 * apply, its configuration view is the references it depends on
 * (`${aws_iam_policy.a.arn}${aws_iam_policy.b.arn}`): each reference is taken
 * as one element, with an unknown value.
 */
export function listWithConfig(r: TfResource, attr: string): Array<[unknown, unknown]> {
  const v = r.values[attr];
  const c = r.config?.[attr];
  if (Array.isArray(v)) return v.map((x, i) => [x, Array.isArray(c) ? c[i] : undefined]);
  if (Array.isArray(c)) return c.map((x) => [x, x]);
  if (typeof c === "string" && /^(\$\{[^}]+\})+$/.test(c)) return (c.match(/\$\{[^}]+\}/g) ?? []).map((ref) => [v ?? ref, ref]);
  return [];
}

function refIn(model: TfModel, index: PrincipalIndex, from: TfResource, kind: PrincipalKind, attr: string, value?: unknown, configValue?: unknown): Principal | undefined {
  const v = value !== undefined ? value : from.values[attr];
  const c = configValue !== undefined ? configValue : from.config?.[attr];
  const type = PRINCIPAL_TYPES[kind];
  const byRef = referencedResource(model, from, c, type) ?? referencedResource(model, from, v, type);
  if (byRef) return index.byResource.get(byRef);
  const text = literal(v);
  if (text === undefined) return undefined;
  const name = text.startsWith("arn:") ? text.slice(text.lastIndexOf("/") + 1) : text;
  return index.byName.get(kind)?.get(bareModule(from.module))?.get(name);
}

/** Every role, user and group of the model, in that order. */
export function principals(model: TfModel): readonly Principal[] {
  return principalIndex(model).list;
}

/** The principal a role/user/group resource is, or undefined for other resources. */
export function principalOf(model: TfModel, resource: TfResource): Principal | undefined {
  return principalIndex(model).byResource.get(resource);
}

/**
 * The principal of `kind` that `from`'s argument `attr` names: by reference in
 * the configuration view (`${aws_iam_user.ci.name}`), else by literal name or
 * ARN in the same module. Pass `value`/`configValue` for one element of a list.
 */
export function principalRef(model: TfModel, from: TfResource, kind: PrincipalKind, attr: string, value?: unknown, configValue?: unknown): Principal | undefined {
  return refIn(model, principalIndex(model), from, kind, attr, value, configValue);
}

/** The groups `user` is a member of (through `aws_iam_group_membership` and `aws_iam_user_group_membership`). */
export function groupsOf(model: TfModel, user: Principal): readonly Principal[] {
  return principalIndex(model).groupsOfUser.get(user) ?? [];
}

/** The users that are members of `group`. */
export function membersOf(model: TfModel, group: Principal): readonly Principal[] {
  return principalIndex(model).usersOfGroup.get(group) ?? [];
}
