import { Rule, RuleContext } from "../rule";

/** ZSP000: module calls whose contents the input does not show. */
export const opaqueModuleRule = {
  ids: ["ZSP000"],
  run(ctx: RuleContext): void {
    for (const m of ctx.model.moduleCalls) {
      if (!m.opaque) continue;
      ctx.report("ZSP000", m, "module contents are not in this input, so no rule checked them. Fix: run zsp check on the plan (terraform show -json), which includes module resources.");
    }
  },
} as const satisfies Rule;
