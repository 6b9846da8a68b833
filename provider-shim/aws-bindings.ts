/**
 * AWS provider bindings, loaded by deep path on first use from the bindings
 * package of the installed core flavour (`@cdktf/provider-aws` 21.x on cdktf,
 * `@cdktn/provider-aws` 25.x on CDK Terrain: same module paths and classes).
 * The types below are cdktf's and stay internal to the library.
 *
 * Each getter `require`s one deep module the first time it is read, so
 * importing the library costs no binding at all (see bench/).
 */
import { awsModule } from "./bindings-loader";
import type * as providerModule from "@cdktf/provider-aws/lib/provider";
import type * as iamRoleModule from "@cdktf/provider-aws/lib/iam-role";
import type * as iamRolePolicyModule from "@cdktf/provider-aws/lib/iam-role-policy";
import type * as iamPolicyModule from "@cdktf/provider-aws/lib/iam-policy";
import type * as iamRolePolicyAttachmentModule from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type * as iamRolePoliciesExclusiveModule from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
import type * as iamRolePolicyAttachmentsExclusiveModule from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
import type * as eventRuleModule from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import type * as eventTargetModule from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import type * as snsTopicModule from "@cdktf/provider-aws/lib/sns-topic";
import type * as snsTopicPolicyModule from "@cdktf/provider-aws/lib/sns-topic-policy";
import type * as snsTopicSubscriptionModule from "@cdktf/provider-aws/lib/sns-topic-subscription";
import type * as logGroupModule from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type * as logResourcePolicyModule from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import type * as cloudtrailModule from "@cdktf/provider-aws/lib/cloudtrail";
import type * as kmsKeyModule from "@cdktf/provider-aws/lib/kms-key";
import type * as kmsAliasModule from "@cdktf/provider-aws/lib/kms-alias";
import type * as callerIdentityModule from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type * as partitionModule from "@cdktf/provider-aws/lib/data-aws-partition";

export type { AwsProviderConfig, AwsProviderAssumeRole } from "@cdktf/provider-aws/lib/provider";
export type { IamRoleConfig } from "@cdktf/provider-aws/lib/iam-role";
export type { IamRolePolicyConfig } from "@cdktf/provider-aws/lib/iam-role-policy";
export type { IamPolicyConfig } from "@cdktf/provider-aws/lib/iam-policy";
export type { IamRolePolicyAttachmentConfig } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
export type { IamRolePoliciesExclusiveConfig } from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
export type { IamRolePolicyAttachmentsExclusiveConfig } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";
export type { CloudwatchEventRuleConfig } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
export type { SnsTopicConfig } from "@cdktf/provider-aws/lib/sns-topic";
export type { CloudwatchLogGroupConfig } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
export type { CloudtrailConfig } from "@cdktf/provider-aws/lib/cloudtrail";
export type { KmsKeyConfig } from "@cdktf/provider-aws/lib/kms-key";

/** The AWS binding classes modules/ may instantiate. */
export const aws = {
  /** `provider "aws"`. */
  get AwsProvider(): typeof providerModule.AwsProvider {
    return awsModule<typeof providerModule>("provider").AwsProvider;
  },
  /** `aws_iam_role`. */
  get IamRole(): typeof iamRoleModule.IamRole {
    return awsModule<typeof iamRoleModule>("iam-role").IamRole;
  },
  /** `aws_iam_role_policy` (inline policy). */
  get IamRolePolicy(): typeof iamRolePolicyModule.IamRolePolicy {
    return awsModule<typeof iamRolePolicyModule>("iam-role-policy").IamRolePolicy;
  },
  /** `aws_iam_policy` (managed policy). */
  get IamPolicy(): typeof iamPolicyModule.IamPolicy {
    return awsModule<typeof iamPolicyModule>("iam-policy").IamPolicy;
  },
  /** `aws_iam_role_policy_attachment`. */
  get IamRolePolicyAttachment(): typeof iamRolePolicyAttachmentModule.IamRolePolicyAttachment {
    return awsModule<typeof iamRolePolicyAttachmentModule>("iam-role-policy-attachment").IamRolePolicyAttachment;
  },
  /** `aws_iam_role_policies_exclusive`: removes inline policies Terraform does not declare. */
  get IamRolePoliciesExclusive(): typeof iamRolePoliciesExclusiveModule.IamRolePoliciesExclusive {
    return awsModule<typeof iamRolePoliciesExclusiveModule>("iam-role-policies-exclusive").IamRolePoliciesExclusive;
  },
  /** `aws_iam_role_policy_attachments_exclusive`: detaches managed policies Terraform does not declare. */
  get IamRolePolicyAttachmentsExclusive(): typeof iamRolePolicyAttachmentsExclusiveModule.IamRolePolicyAttachmentsExclusive {
    return awsModule<typeof iamRolePolicyAttachmentsExclusiveModule>("iam-role-policy-attachments-exclusive").IamRolePolicyAttachmentsExclusive;
  },
  /** `aws_cloudwatch_event_rule` (EventBridge rule). */
  get CloudwatchEventRule(): typeof eventRuleModule.CloudwatchEventRule {
    return awsModule<typeof eventRuleModule>("cloudwatch-event-rule").CloudwatchEventRule;
  },
  /** `aws_cloudwatch_event_target` (EventBridge target). */
  get CloudwatchEventTarget(): typeof eventTargetModule.CloudwatchEventTarget {
    return awsModule<typeof eventTargetModule>("cloudwatch-event-target").CloudwatchEventTarget;
  },
  /** `aws_sns_topic`. */
  get SnsTopic(): typeof snsTopicModule.SnsTopic {
    return awsModule<typeof snsTopicModule>("sns-topic").SnsTopic;
  },
  /** `aws_sns_topic_policy`. */
  get SnsTopicPolicy(): typeof snsTopicPolicyModule.SnsTopicPolicy {
    return awsModule<typeof snsTopicPolicyModule>("sns-topic-policy").SnsTopicPolicy;
  },
  /** `aws_sns_topic_subscription`. */
  get SnsTopicSubscription(): typeof snsTopicSubscriptionModule.SnsTopicSubscription {
    return awsModule<typeof snsTopicSubscriptionModule>("sns-topic-subscription").SnsTopicSubscription;
  },
  /** `aws_cloudwatch_log_group`. */
  get CloudwatchLogGroup(): typeof logGroupModule.CloudwatchLogGroup {
    return awsModule<typeof logGroupModule>("cloudwatch-log-group").CloudwatchLogGroup;
  },
  /** `aws_cloudwatch_log_resource_policy`. */
  get CloudwatchLogResourcePolicy(): typeof logResourcePolicyModule.CloudwatchLogResourcePolicy {
    return awsModule<typeof logResourcePolicyModule>("cloudwatch-log-resource-policy").CloudwatchLogResourcePolicy;
  },
  /** `aws_cloudtrail`. */
  get Cloudtrail(): typeof cloudtrailModule.Cloudtrail {
    return awsModule<typeof cloudtrailModule>("cloudtrail").Cloudtrail;
  },
  /** `aws_kms_key`. */
  get KmsKey(): typeof kmsKeyModule.KmsKey {
    return awsModule<typeof kmsKeyModule>("kms-key").KmsKey;
  },
  /** `aws_kms_alias`. */
  get KmsAlias(): typeof kmsAliasModule.KmsAlias {
    return awsModule<typeof kmsAliasModule>("kms-alias").KmsAlias;
  },
  /** `data "aws_caller_identity"`. */
  get DataAwsCallerIdentity(): typeof callerIdentityModule.DataAwsCallerIdentity {
    return awsModule<typeof callerIdentityModule>("data-aws-caller-identity").DataAwsCallerIdentity;
  },
  /** `data "aws_partition"`. */
  get DataAwsPartition(): typeof partitionModule.DataAwsPartition {
    return awsModule<typeof partitionModule>("data-aws-partition").DataAwsPartition;
  },
};
