import { ofType } from "../index-model";
import { Rule, RuleContext } from "../rule";

/** Vault static roles: each hands out the credential of one long-lived account, rotated on a schedule. */
const STATIC_ROLES: Readonly<Record<string, string>> = {
  vault_aws_secret_backend_static_role: "the access keys of one long-lived IAM user",
  vault_database_secret_backend_static_role: "the password of one long-lived database account",
  vault_ldap_secret_backend_static_role: "the password of one long-lived LDAP account",
};

/** ZSP008: Vault secrets roles that hand out standing credentials. */
export const vaultStandingSecretRule = {
  ids: ["ZSP008"],
  run(ctx: RuleContext): void {
    for (const r of ofType(ctx.model, "vault_aws_secret_backend_role")) {
      if (r.values.credential_type === "iam_user") {
        ctx.report("ZSP008", r, 'credential_type "iam_user" makes Vault create IAM users with access keys: standing credentials. Fix: use credential_type "assumed_role" with default_sts_ttl/max_sts_ttl.');
      }
    }
    for (const [type, what] of Object.entries(STATIC_ROLES)) {
      for (const r of ofType(ctx.model, type)) {
        ctx.report("ZSP008", r, `${type} hands out ${what}, rotated at most every rotation_period: a standing credential every reader shares. Fix: use a dynamic role (${type.startsWith("vault_aws") ? 'vault_aws_secret_backend_role with credential_type "assumed_role"' : "vault_database_secret_backend_role with creation and revocation statements"}) so each task gets its own short-lived credential.`);
      }
    }
  },
} as const satisfies Rule;
