/**
 * Flavour-neutral types of CDK core objects, for the published API.
 *
 * cdktf's and cdktn's classes carry private members, so TypeScript treats a
 * cdktn `TerraformVariable` and a cdktf one as unrelated types. The public API
 * therefore names none of them: it takes and returns these interfaces, which
 * list only what the library reads, so a variable, stack or resource of either
 * flavour (or of a second copy of either) fits, and the published `.d.ts` files
 * import only `constructs`. A consumer that hands a returned resource or
 * provider back to its own core's API (`provider: p`) names its own class:
 * `awsProvider(...) as AwsProvider`.
 * @packageDocumentation
 */
import type { IConstruct } from "constructs";

/** A `TerraformVariable` of cdktf or cdktn. */
export interface TerraformVariableLike extends IConstruct {
  /** Whether Terraform hides the value in plans and output. */
  readonly sensitive?: boolean;
  /** `${var.<name>}` as a string token. */
  readonly stringValue: string;
  /** `var.<name>`. */
  readonly fqn: string;
  /** Sets a raw attribute of the variable block (e.g. `ephemeral`). */
  addOverride(path: string, value: unknown): void;
}

/** A `TerraformStack` of cdktf or cdktn. */
export interface TerraformStackLike extends IConstruct {
  /** The stack's Terraform JSON (tokens resolved). */
  toTerraform(): unknown;
}

/** A resource, data source or provider of cdktf or cdktn. */
export interface TerraformElementLike extends IConstruct {
  /** Terraform type, e.g. `aws_iam_role`. */
  readonly terraformResourceType: string;
  /** Terraform address as a token, e.g. `aws_iam_role.deploy_ABC123`. */
  readonly fqn: string;
  /** The unique logical id Terraform knows the element by. */
  readonly friendlyUniqueId: string;
}

/** A provider block of cdktf or cdktn (`awsProvider`, `vaultProvider`). */
export interface TerraformProviderLike extends TerraformElementLike {
  /** The provider alias, when it has one. */
  readonly alias?: string;
}

/** An `aws_iam_role` or `aws_iam_policy` resource: what other resources reference. */
export interface IamResourceLike extends TerraformElementLike {
  /** ARN (a Terraform reference). */
  readonly arn: string;
  /** Name (a Terraform reference). */
  readonly name: string;
  /** Terraform `id` (a Terraform reference). */
  readonly id: string;
}

/** An `aws_cloudwatch_event_rule` (EventBridge rule) resource. */
export interface EventRuleLike extends TerraformElementLike {
  /** ARN (a Terraform reference). */
  readonly arn: string;
  /** Name (a Terraform reference). */
  readonly name: string;
}
