import { ofType } from "../index-model";
import { isExpression } from "../model";
import { Rule, RuleContext } from "../rule";

/** ZSP009: Vault database roles without revocation statements. */
export const vaultRevocationRule = {
  ids: ["ZSP009", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const r of ofType(ctx.model, "vault_database_secret_backend_role")) {
      const rev = r.values.revocation_statements;
      if (isExpression(rev)) {
        ctx.report("ZSP000", r, "revocation_statements is an expression the engine cannot evaluate; ZSP009 not checked.");
      } else if (!Array.isArray(rev) || rev.filter((s) => typeof s === "string" && s.trim() !== "").length === 0) {
        ctx.report("ZSP009", r, "no revocation_statements: when the lease ends the database user may stay behind. Fix: add statements that revoke the grants and drop the user, e.g. DROP ROLE IF EXISTS \"{{name}}\".");
      }
    }
  },
} as const satisfies Rule;
