import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";
import { Principal, principalRef, principals } from "./principals";

/** An `aws_iam_role` and what the rules need to know about it (a {@link Principal} of kind `role`). */
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

const roleList = perKey((model: TfModel): readonly Principal[] => principals(model).filter((p) => p.kind === "role"));

/** Every role in the model. */
export function roles(model: TfModel): readonly RoleView[] {
  return roleList(model);
}

/**
 * The role that `from`'s argument `attr` names: by reference in the
 * configuration view, else by literal name or ARN in the values.
 */
export function roleRef(model: TfModel, from: TfResource, attr: string, value?: unknown, configValue?: unknown): RoleView | undefined {
  return principalRef(model, from, "role", attr, value, configValue);
}
