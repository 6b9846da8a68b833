import { Rule, RuleContext } from "../rule";

/** Resource types that are (or give) a standing IAM user credential. */
export const STANDING_CREDENTIAL_TYPES: readonly string[] = [
  "aws_iam_user", "aws_iam_access_key", "aws_iam_user_login_profile", "aws_iam_user_policy",
  "aws_iam_user_policy_attachment", "aws_iam_user_policies_exclusive", "aws_iam_user_policy_attachments_exclusive",
  "aws_iam_user_group_membership", "aws_iam_user_ssh_key", "aws_iam_service_specific_credential", "aws_iam_signing_certificate",
];

/** ZSP001: IAM users and their credentials. */
export const standingCredentialRule = {
  ids: ["ZSP001"],
  run(ctx: RuleContext): void {
    const types = new Set(STANDING_CREDENTIAL_TYPES);
    for (const r of ctx.model.resources) {
      if (r.mode === "managed" && types.has(r.type)) {
        ctx.report("ZSP001", r, `${r.type} is a standing credential (an IAM user or what it holds). Fix: remove it; give the workload a role it assumes with a verified identity (OIDC, SPIFFE, Vault).`);
      }
    }
  },
} as const satisfies Rule;
