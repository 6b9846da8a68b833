import { Token, isTerraformProvider } from "../../provider-shim/core";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { PropContext, ZspError, notLiteral } from "./errors";

/**
 * The one home of shape checks for props given from plain JavaScript or JSON,
 * where no compiler catches a string in place of a list: a wrong shape is a
 * {@link ZspError} with code `E_SHAPE` naming the prop and what it expected,
 * never a `TypeError` later or a misleading "needs at least one".
 */

/** How a value reads in an error: `the string "s3:GetObject"`, `a number (3)`, `null`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (undefined)";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `a ${typeof value} (${String(value)})`;
  if (typeof value === "function") return "a function";
  return "an object";
}

/** Options of {@link requireList}. */
export interface ListShape {
  /** A literal example of a valid list, shown in the fix, e.g. `["s3:GetObject"]`. */
  readonly example: string;
  /** The problem when the list is empty: what an empty list would mean. */
  readonly empty: string;
}

/**
 * `value` as a non-empty list.
 * @throws ZspError `E_SHAPE` when `value` is not an array; `E_INVALID` when it is empty.
 */
export function requireList(value: unknown, ctx: PropContext, shape: ListShape): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new ZspError({ ...ctx, code: "E_SHAPE", problem: `expected a list (array), got ${describeValue(value)}`, fix: `give a list, e.g. ${shape.example}` });
  }
  if (value.length === 0) {
    throw new ZspError({ ...ctx, problem: shape.empty, fix: `give at least one, e.g. ${shape.example}` });
  }
  return value;
}

/**
 * `value` as a list: `[]` when undefined.
 * @throws ZspError `E_SHAPE` when `value` is given and not an array.
 */
export function optionalList(value: unknown, ctx: PropContext, example: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ZspError({ ...ctx, code: "E_SHAPE", problem: `expected a list (array), got ${describeValue(value)}`, fix: `give a list, e.g. ${example}, or leave it out` });
  }
  return value;
}

/**
 * Refuses anything but a plain object (arrays and null included).
 * @throws ZspError `E_SHAPE`
 */
export function requireObject<T>(value: T, ctx: PropContext, fix: string): asserts value is NonNullable<T> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ZspError({ ...ctx, code: "E_SHAPE", problem: `expected an object, got ${describeValue(value)}`, fix });
  }
}

/**
 * `props` when it is a plain object (a construct's props given from JavaScript).
 * @throws ZspError `E_SHAPE`
 */
export function requireProps<T>(props: T, ctx: PropContext, fix: string): NonNullable<T> {
  requireObject(props, ctx, fix);
  return props;
}

/**
 * Refuses a Terraform token (a variable, local or resource attribute: an
 * unresolved cdktf token) where the value must be checked at synth: its value
 * exists only at plan or apply, so a bound, a glob or a comma in it would pass unseen.
 * @throws ZspError `E_NOT_LITERAL`
 */
export function requireLiteral(value: unknown, ctx: PropContext): void {
  if ((typeof value === "string" || typeof value === "number" || Array.isArray(value)) && Token.isUnresolved(value)) {
    throw new ZspError(notLiteral(ctx, value));
  }
}

/** The kinds of provider block the constructs create resources of, by the provider's Terraform name. */
export type ProviderKind = "aws" | "vault";

const PROVIDER_FACTORY: Readonly<Record<ProviderKind, string>> = { aws: "awsProvider(stack, { alias, ... })", vault: "vaultProvider(stack, { alias, ... })" };
const PROVIDER_NAME: Readonly<Record<ProviderKind, string>> = { aws: "an AWS", vault: "a Vault" };

/**
 * `value` as a provider block of `kind` (`aws`, `vault`): a `provider` prop.
 * Recognised by the providers' brand symbol, so a provider of either core
 * flavour or of another copy of the package fits.
 * @throws ZspError `E_SHAPE` when `value` is not a provider block; `E_INVALID` when it is a provider of another kind.
 */
export function requireProvider(value: unknown, kind: ProviderKind, ctx: PropContext): TerraformProviderLike {
  if (!isTerraformProvider(value)) {
    throw new ZspError({ ...ctx, code: "E_SHAPE", problem: `expected ${PROVIDER_NAME[kind]} provider block, got ${describeValue(value)}`, fix: `pass the provider ${PROVIDER_FACTORY[kind]} returns, or leave ${ctx.prop} out for the stack's default ${kind} provider` });
  }
  if (value.terraformResourceType !== kind) {
    throw new ZspError({ ...ctx, problem: `is the ${value.terraformResourceType} provider ${value.node.path}, but these resources are ${kind} resources`, fix: `pass ${PROVIDER_NAME[kind]} provider, e.g. the one ${PROVIDER_FACTORY[kind]} returns` });
  }
  return value;
}
