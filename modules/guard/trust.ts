import { RoleView } from "./iam";
import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";
import { ConditionTest, PolicyResult, readPolicy } from "./policy";

const trustCache = perKey((model: TfModel) => perKey((role: TfResource): PolicyResult => readPolicy(model, role, "assume_role_policy")));

/** A role's trust policy (`assume_role_policy`), read once per model and role. */
export function trustOf(model: TfModel, role: RoleView): PolicyResult {
  return trustCache(model)(role.resource);
}

/** Conditions that test `key` positively and exactly enough to count (no negation, no IfExists, no ForAllValues). */
export function positive(conditions: readonly ConditionTest[], matches: (key: string) => boolean): ConditionTest[] {
  return conditions.filter((c) => matches(c.key.toLowerCase()) && !/Not|IfExists$|^ForAllValues:/.test(c.operator));
}

const VAR_REF = /^\$\{var\.([\w-]+)\}$/;

/**
 * `c` with each value that is exactly `${var.name}` replaced by the
 * variable's value as the model knows it (its default; a plan's value):
 * DESIGN "values from variables are judged by their defaults". A variable
 * without a known value stays an expression (unknown, never exact).
 */
export function withVariableValues(model: TfModel, at: TfResource, c: ConditionTest): ConditionTest {
  if (!c.values.some((v) => VAR_REF.test(v))) return c;
  const values = c.values.flatMap((v): string[] => {
    const m = VAR_REF.exec(v);
    if (!m) return [v];
    const address = `${at.module ? `${at.module}.` : ""}var.${m[1]}`;
    const d = model.variables.find((x) => x.address === address)?.default;
    if (typeof d === "string") return [d];
    if (Array.isArray(d) && d.every((x) => typeof x === "string")) return d as string[];
    return [v];
  });
  return { ...c, values };
}
