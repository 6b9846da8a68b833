import { templateResources } from "../cloudformation";
import { listWithConfig } from "../principals";
import { Rule, RuleContext } from "../rule";

/** Resource types that are (or give) a standing IAM user credential. */
export const STANDING_CREDENTIAL_TYPES: readonly string[] = [
  "aws_iam_user", "aws_iam_access_key", "aws_iam_user_login_profile", "aws_iam_user_policy",
  "aws_iam_user_policy_attachment", "aws_iam_user_policies_exclusive", "aws_iam_user_policy_attachments_exclusive",
  "aws_iam_user_group_membership", "aws_iam_group_membership", "aws_iam_user_ssh_key", "aws_iam_service_specific_credential",
  "aws_iam_signing_certificate",
];

/** CloudFormation resource types that are (or give) a standing IAM user credential. */
export const CLOUDFORMATION_CREDENTIAL_TYPES: readonly string[] = [
  "AWS::IAM::User", "AWS::IAM::AccessKey", "AWS::IAM::UserPolicy", "AWS::IAM::UserToGroupAddition",
];

const FIX = "Fix: remove it; give the workload a role it assumes with a verified identity (OIDC, SPIFFE, Vault).";

/**
 * ZSP001: IAM users and what they hold (keys, login profiles, SSH keys,
 * service-specific credentials, signing certificates, user policies and
 * attachments, group memberships), also through `aws_iam_policy_attachment`
 * `users` and inside CloudFormation templates Terraform deploys; ZSP000 for a
 * template the engine cannot read.
 */
export const standingCredentialRule = {
  ids: ["ZSP001", "ZSP000"],
  run(ctx: RuleContext): void {
    const types = new Set(STANDING_CREDENTIAL_TYPES);
    const cfnTypes = new Set(CLOUDFORMATION_CREDENTIAL_TYPES.map((t) => t.toLowerCase()));
    for (const r of ctx.model.resources) {
      if (r.mode !== "managed") continue;
      if (types.has(r.type)) {
        ctx.report("ZSP001", r, `${r.type} is a standing credential (an IAM user or what it holds). ${FIX}`);
      } else if (r.type === "aws_iam_policy_attachment" && listWithConfig(r, "users").length > 0) {
        ctx.report("ZSP001", r, `aws_iam_policy_attachment gives a policy to IAM users (users = [...]): standing credentials hold it. ${FIX}`);
      } else if (r.type === "aws_cloudformation_stack" || r.type === "aws_cloudformation_stack_set") {
        const body = r.values.template_body;
        if (body === undefined || body === null || body === "") {
          if (r.values.template_url !== undefined && r.values.template_url !== null) {
            ctx.report("ZSP000", r, "the CloudFormation template (template_url) is outside this input; the IAM users or keys it may create were not checked (ZSP001).");
          }
          continue;
        }
        const read = templateResources(body);
        if (read.kind === "unknown") {
          ctx.report("ZSP000", r, `CloudFormation template cannot be read: ${read.reason}. ZSP001 was not checked inside it.`);
          continue;
        }
        const found = read.resources.filter((x) => cfnTypes.has(x.type.toLowerCase()));
        if (found.length > 0) {
          ctx.report("ZSP001", r, `the CloudFormation template it deploys creates standing credentials: ${found.map((x) => `${x.logicalId} (${x.type})`).join(", ")}. ${FIX}`);
        }
      }
    }
  },
} as const satisfies Rule;
