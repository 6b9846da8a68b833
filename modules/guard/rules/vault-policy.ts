import { ofType } from "../index-model";
import { TfResource, isExpression } from "../model";
import { Rule, RuleContext } from "../rule";
import { VaultPathRule, vaultPathsOverlap } from "../vault-policy-hcl";
import { endpointPolicy, vaultPolicyRules } from "../vault-read";

/** A path of only wildcards: every path in Vault. */
const EVERYTHING = /^[+/]*\*$|^\+(?:\/\+)*\/?\*?$/;

/** Capabilities that change what Vault authorizes when granted on its own paths. */
const WRITING = ["create", "update", "patch", "sudo"];

/** Vault's own authorization paths: whoever writes them decides who may do what. */
const AUTHORIZATION_PATHS: readonly { readonly pattern: string; readonly what: string }[] = [
  { pattern: "sys/policies/acl/*", what: "ACL policies (it can write itself a root-equivalent policy)" },
  { pattern: "sys/policy/*", what: "ACL policies (legacy endpoint)" },
  { pattern: "sys/auth/*", what: "auth methods (it can mount one it controls)" },
  { pattern: "sys/mounts/*", what: "secrets engines (mounts and their tuning)" },
  { pattern: "auth/+/role/*", what: "auth roles (it can bind its own identity to any policies)" },
  { pattern: "auth/token/roles/*", what: "token roles" },
  { pattern: "auth/+/users/*", what: "auth users" },
  { pattern: "identity/*", what: "identity entities, groups and aliases (group policies)" },
  { pattern: "sys/*", what: "Vault's system backend" },
];

/** ZSP015: Vault policies granting sudo, every path, or write on Vault's own authorization paths. */
export const vaultPolicyRule = {
  ids: ["ZSP015", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const r of ofType(ctx.model, "vault_policy")) {
      const rules = vaultPolicyRules(ctx.model, r);
      if (rules === undefined) {
        ctx.report("ZSP000", r, `policy cannot be evaluated (${isExpression(r.values.policy) ? "an expression" : "not HCL or JSON the engine reads"}); ZSP015 not checked.`);
        continue;
      }
      judge(ctx, r, rules);
    }
    for (const r of ofType(ctx.model, "vault_generic_endpoint")) {
      const policy = endpointPolicy(r);
      if (policy.kind === "unknown") ctx.report("ZSP000", r, `${policy.what} cannot be evaluated, so whether this endpoint writes a policy (and what it grants) is unknown; ZSP015 not checked.`);
      else if (policy.kind === "ok") judge(ctx, r, policy.rules);
    }
  },
} as const satisfies Rule;

function judge(ctx: RuleContext, r: TfResource, rules: readonly VaultPathRule[]): void {
  for (const rule of rules) {
    const granting = rule.capabilities.filter((c) => c !== "deny");
    if (rule.capabilities.includes("deny") || granting.length === 0) continue;
    if (granting.includes("sudo")) {
      ctx.report("ZSP015", r, `grants sudo on "${rule.path}": root-protected endpoints. Fix: remove sudo; workloads never need it.`);
    }
    if (EVERYTHING.test(rule.path)) {
      ctx.report("ZSP015", r, `grants ${granting.join(", ")} on path "${rule.path}": every path in Vault. Fix: grant only the exact paths the workload needs, e.g. aws-jit/creds/<role>.`);
      continue;
    }
    const writes = granting.filter((c) => WRITING.includes(c));
    if (writes.length === 0) continue;
    const area = AUTHORIZATION_PATHS.find((a) => vaultPathsOverlap(rule.path, a.pattern));
    if (area) {
      ctx.report("ZSP015", r, `grants ${writes.join(", ")} on "${rule.path}", which covers ${area.pattern}: ${area.what}. A workload holding it can raise its own privilege. Fix: leave Vault's authorization paths to the Terraform apply identity; grant workloads only the secret paths they read.`);
    }
  }
}
