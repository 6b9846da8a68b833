import { ofType } from "../index-model";
import { isExpression } from "../model";
import { Rule, RuleContext } from "../rule";
import { vaultPolicyRules } from "../vault-read";

const EVERYTHING = /^[+/]*\*$/;

/** ZSP015: Vault policies granting sudo or a `*` path. */
export const vaultPolicyRule = {
  ids: ["ZSP015", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const r of ofType(ctx.model, "vault_policy")) {
      const rules = vaultPolicyRules(ctx.model, r);
      if (rules === undefined) {
        ctx.report("ZSP000", r, `policy cannot be evaluated (${isExpression(r.values.policy) ? "an expression" : "not HCL or JSON the engine reads"}); ZSP015 not checked.`);
        continue;
      }
      for (const rule of rules) {
        const granting = rule.capabilities.filter((c) => c !== "deny");
        if (rule.capabilities.includes("deny") || granting.length === 0) continue;
        if (granting.includes("sudo")) {
          ctx.report("ZSP015", r, `grants sudo on "${rule.path}": root-protected endpoints. Fix: remove sudo; workloads never need it.`);
        }
        if (EVERYTHING.test(rule.path)) {
          ctx.report("ZSP015", r, `grants ${granting.join(", ")} on path "${rule.path}": every path in Vault. Fix: grant only the exact paths the workload needs, e.g. aws-jit/creds/<role>.`);
        }
      }
    }
  },
} as const satisfies Rule;
