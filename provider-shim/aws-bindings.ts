/**
 * AWS provider bindings, loaded by deep path on first use. This file and its
 * Vault twin are the only places that name `@cdktf/provider-aws`; a move to
 * regenerated bindings or to the community fork of CDKTF changes only these.
 *
 * Each getter `require`s one deep module the first time it is read, so
 * importing the library costs no binding at all (see bench/).
 */
import type * as providerModule from "@cdktf/provider-aws/lib/provider";
import type * as iamRoleModule from "@cdktf/provider-aws/lib/iam-role";
import type * as iamRolePolicyModule from "@cdktf/provider-aws/lib/iam-role-policy";
import type * as iamPolicyModule from "@cdktf/provider-aws/lib/iam-policy";
import type * as iamRolePolicyAttachmentModule from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type * as iamRolePoliciesExclusiveModule from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
import type * as iamRolePolicyAttachmentsExclusiveModule from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";

export type { AwsProviderConfig, AwsProviderAssumeRole } from "@cdktf/provider-aws/lib/provider";
export type { IamRoleConfig } from "@cdktf/provider-aws/lib/iam-role";
export type { IamRolePolicyConfig } from "@cdktf/provider-aws/lib/iam-role-policy";
export type { IamPolicyConfig } from "@cdktf/provider-aws/lib/iam-policy";
export type { IamRolePolicyAttachmentConfig } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
export type { IamRolePoliciesExclusiveConfig } from "@cdktf/provider-aws/lib/iam-role-policies-exclusive";
export type { IamRolePolicyAttachmentsExclusiveConfig } from "@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive";

/** The AWS binding classes modules/ may instantiate. */
export const aws = {
  /** `provider "aws"`. */
  get AwsProvider(): typeof providerModule.AwsProvider {
    return (require("@cdktf/provider-aws/lib/provider") as typeof providerModule).AwsProvider;
  },
  /** `aws_iam_role`. */
  get IamRole(): typeof iamRoleModule.IamRole {
    return (require("@cdktf/provider-aws/lib/iam-role") as typeof iamRoleModule).IamRole;
  },
  /** `aws_iam_role_policy` (inline policy). */
  get IamRolePolicy(): typeof iamRolePolicyModule.IamRolePolicy {
    return (require("@cdktf/provider-aws/lib/iam-role-policy") as typeof iamRolePolicyModule).IamRolePolicy;
  },
  /** `aws_iam_policy` (managed policy). */
  get IamPolicy(): typeof iamPolicyModule.IamPolicy {
    return (require("@cdktf/provider-aws/lib/iam-policy") as typeof iamPolicyModule).IamPolicy;
  },
  /** `aws_iam_role_policy_attachment`. */
  get IamRolePolicyAttachment(): typeof iamRolePolicyAttachmentModule.IamRolePolicyAttachment {
    return (require("@cdktf/provider-aws/lib/iam-role-policy-attachment") as typeof iamRolePolicyAttachmentModule).IamRolePolicyAttachment;
  },
  /** `aws_iam_role_policies_exclusive`: removes inline policies Terraform does not declare. */
  get IamRolePoliciesExclusive(): typeof iamRolePoliciesExclusiveModule.IamRolePoliciesExclusive {
    return (require("@cdktf/provider-aws/lib/iam-role-policies-exclusive") as typeof iamRolePoliciesExclusiveModule).IamRolePoliciesExclusive;
  },
  /** `aws_iam_role_policy_attachments_exclusive`: detaches managed policies Terraform does not declare. */
  get IamRolePolicyAttachmentsExclusive(): typeof iamRolePolicyAttachmentsExclusiveModule.IamRolePolicyAttachmentsExclusive {
    return (require("@cdktf/provider-aws/lib/iam-role-policy-attachments-exclusive") as typeof iamRolePolicyAttachmentsExclusiveModule).IamRolePolicyAttachmentsExclusive;
  },
};
