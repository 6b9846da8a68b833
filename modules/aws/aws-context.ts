import { IConstruct } from "constructs";
import { TerraformProvider, TerraformStack } from "../../provider-shim/core";
import { PropContext, ZspError } from "../core/errors";
import { ACCOUNT_ID, REGION, validateRegion } from "../core/aws-names";
import { ZspProfile } from "../core/profile-scope";
import { aws } from "../../provider-shim/aws-bindings";
import { requireList } from "../core/shape";
import { boundProvider, providerOf } from "../core/provider-scope";

/** Account and partition for ARNs the modules write: literals when known, otherwise Terraform references. */
export interface AwsAccountContext {
  /** 12-digit account id, or a reference to `data.aws_caller_identity`. */
  readonly account: string;
  /** Partition, or a reference to `data.aws_partition`. */
  readonly partition: string;
  /** True when both are literals known at synth. */
  readonly literal: boolean;
}

const CALLER_ID = "zsp-caller-identity";
/** Where IAM (global service) events are delivered; kept here so this file needs nothing from the pattern module. */
const GLOBAL_REGION = "us-east-1";
const PARTITION_ID = "zsp-partition";

/**
 * The account context of `scope`'s stack: `account` when given (validated),
 * else `data.aws_caller_identity` / `data.aws_partition`, created once per stack.
 */
export function accountContext(scope: IConstruct, account: string | undefined, ctx: PropContext): AwsAccountContext {
  if (account !== undefined) {
    if (typeof account !== "string" || !ACCOUNT_ID.test(account)) {
      throw new ZspError({ ...ctx, problem: `${JSON.stringify(account)} is not a 12-digit AWS account id`, fix: 'give e.g. "111122223333", or leave it out to read it from data.aws_caller_identity' });
    }
    return { account, partition: "aws", literal: true };
  }
  const stack = TerraformStack.of(scope);
  // One pair per provider: the account of an aliased provider is the account its assume_role lands in.
  const bound = providerOf(scope, "aws");
  const suffix = bound.provider?.alias !== undefined ? `-${bound.provider.alias}` : "";
  const caller = (stack.node.tryFindChild(CALLER_ID + suffix) as InstanceType<typeof aws.DataAwsCallerIdentity> | undefined) ?? new aws.DataAwsCallerIdentity(stack, CALLER_ID + suffix, { ...bound });
  const partition = (stack.node.tryFindChild(PARTITION_ID + suffix) as InstanceType<typeof aws.DataAwsPartition> | undefined) ?? new aws.DataAwsPartition(stack, PARTITION_ID + suffix, { ...bound });
  return { account: caller.accountId, partition: partition.partition, literal: false };
}

/**
 * The region of the AWS provider `scope`'s resources go to (the one a
 * construct's `provider` prop chose, else the stack's default, unaliased
 * provider), when it is a literal; undefined otherwise.
 */
export function homeRegion(scope: IConstruct): string | undefined {
  const chosen = boundProvider(scope, "aws") as { region?: unknown } | undefined;
  if (chosen !== undefined) return typeof chosen.region === "string" && REGION.test(chosen.region) ? chosen.region : undefined;
  const stack = TerraformStack.of(scope);
  for (const child of stack.node.findAll()) {
    const provider = child as Partial<TerraformProvider> & { region?: unknown };
    if (provider.terraformResourceType === "aws" && provider.alias === undefined && typeof provider.region === "string" && REGION.test(provider.region)) {
      return provider.region;
    }
  }
  return undefined;
}

/**
 * The regions an alert or audit path must cover: the given list, or the
 * stack's home region, each validated against the profile's
 * `allowedRegions`; plus `us-east-1` always (IAM events and STS
 * global-endpoint events are delivered only there), even when the profile
 * leaves it out: a documented exception. Refuses when no region is known.
 */
export function coveredRegions(scope: IConstruct, regions: readonly string[] | undefined, ctx: PropContext): string[] {
  const list = regions ?? (() => {
    const home = homeRegion(scope);
    if (home === undefined) {
      throw new ZspError({ ...ctx, problem: "the stack has no AWS provider with a literal region, so the regions to watch are unknown", fix: 'pass regions, e.g. ["eu-west-1", "us-east-1"], or create the provider with awsProvider(stack, { region })' });
    }
    return [home];
  })();
  requireList(list, ctx, { empty: "at least one region is required (us-east-1 is always added)", example: '["eu-west-1"]' });
  const allowed = ZspProfile.of(scope).allowedRegions;
  for (const region of list) {
    if (region !== GLOBAL_REGION) validateRegion(region, allowed, ctx);
  }
  return [...new Set([...list, GLOBAL_REGION])];
}
