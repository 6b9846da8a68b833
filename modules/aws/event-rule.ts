import { Construct } from "constructs";
import { EventPatternJson } from "./cloudtrail-patterns";
import { aws } from "../../provider-shim/aws-bindings";
import type { EventRuleLike } from "../../provider-shim/core-types";
import { providerOf } from "../core/provider-scope";

/** Props of {@link cloudTrailRule}. */
export interface CloudTrailRuleProps {
  /** Rule name. */
  readonly name: string;
  /** What the rule is for. */
  readonly description: string;
  /** Region of the rule (and its targets). */
  readonly region: string;
  /** The event pattern. */
  readonly pattern: EventPatternJson;
  /** Rule state: `ENABLED`, or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` for read-only events such as AssumeRole. */
  readonly state: "ENABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
  /** Tags. */
  readonly tags: Record<string, string>;
  /** Target ARNs (SNS topics, CloudWatch log groups) in the same region. */
  readonly targetArns: readonly string[];
}

/** An EventBridge rule on the default bus with one target per ARN. Returns the rule. */
export function cloudTrailRule(scope: Construct, id: string, props: CloudTrailRuleProps): EventRuleLike {
  const rule = new aws.CloudwatchEventRule(scope, id, { ...providerOf(scope, "aws"),
    region: props.region,
    name: props.name,
    description: props.description,
    eventPattern: JSON.stringify(props.pattern),
    state: props.state,
    tags: props.tags,
  });
  props.targetArns.forEach((arn, i) => {
    new aws.CloudwatchEventTarget(scope, `${id}-target-${i}`, { ...providerOf(scope, "aws"), region: props.region, rule: rule.name, arn });
  });
  return rule;
}
