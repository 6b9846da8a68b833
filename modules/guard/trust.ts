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
