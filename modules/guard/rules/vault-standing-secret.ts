import { ofType } from "../index-model";
import { Rule, RuleContext } from "../rule";

/** ZSP008: Vault secrets roles that hand out standing credentials. */
export const vaultStandingSecretRule = {
  ids: ["ZSP008"],
  run(ctx: RuleContext): void {
    for (const r of ofType(ctx.model, "vault_aws_secret_backend_role")) {
      if (r.values.credential_type === "iam_user") {
        ctx.report("ZSP008", r, 'credential_type "iam_user" makes Vault create IAM users with access keys: standing credentials. Fix: use credential_type "assumed_role" with default_sts_ttl/max_sts_ttl.');
      }
    }
  },
} as const satisfies Rule;
