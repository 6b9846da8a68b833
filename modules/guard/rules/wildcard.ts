import { onlyStarResource } from "../../iam/catalogue";
import { permissionPolicies } from "../iam";
import { isExpression } from "../model";
import { Statement } from "../policy";
import { Locatable, Rule, RuleContext } from "../rule";

const WILDCARD_ACTION = /^(\*|[\w-]+:\*)$/;

/** ZSP005 (wildcards in policies of non-break-glass roles), ZSP000 for unreadable policies. */
export const wildcardRule = {
  ids: ["ZSP005", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const use of permissionPolicies(ctx.model)) {
      if (use.policy.kind === "unknown") {
        ctx.report("ZSP000", use.at, `permission policy cannot be evaluated: ${use.policy.reason}. ZSP005/ZSP013 were not checked.`);
        continue;
      }
      if (use.policy.kind !== "ok") continue;
      // Break-glass roles hold admin by design; a policy used only by them is theirs.
      if (use.roles.length > 0 && use.roles.every((r) => r.breakGlass)) continue;
      for (const s of use.policy.statements) checkStatement(ctx, use.at, s);
    }
  },
} as const satisfies Rule;

function checkStatement(ctx: RuleContext, at: Locatable, s: Statement): void {
  if (s.effect !== "Allow") return;
  if (s.notActions) {
    ctx.report("ZSP005", at, `Allow with NotAction (${s.notActions.join(", ")}) grants every other action, including ones AWS adds later. Fix: list the exact actions in Action.`);
  }
  const wild = (s.actions ?? []).filter((a) => WILDCARD_ACTION.test(a));
  if (wild.length > 0) {
    ctx.report("ZSP005", at, `Allow grants wildcard action ${wild.map((a) => `"${a}"`).join(", ")}. Fix: list the exact actions the task needs.`);
  }
  const dynamic = (s.actions ?? []).filter(isExpression);
  if (dynamic.length > 0) {
    ctx.report("ZSP000", at, `Allow action ${dynamic.join(", ")} is an expression the engine cannot evaluate; it could be a wildcard.`);
  }
  // Actions without resource-level permissions (AWS service authorization reference) can only be granted on "*".
  const needsStar = (s.actions ?? []).length > 0 && (s.actions ?? []).every(onlyStarResource);
  if ((s.resources ?? []).includes("*") && !needsStar) {
    ctx.report("ZSP005", at, `Allow on Resource "*" for ${(s.actions ?? s.notActions ?? []).join(", ")}. Fix: name the resource ARNs (only actions without resource-level permissions need "*").`, "warning");
  }
  if (s.notResources) {
    ctx.report("ZSP005", at, `Allow with NotResource (${s.notResources.join(", ")}) applies to every other resource. Fix: list the resource ARNs in Resource.`, "warning");
  }
}
