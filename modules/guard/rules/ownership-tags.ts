import { isExpression, isRecord } from "../model";
import { Rule, RuleContext } from "../rule";
import { effectiveTags, isTaggable } from "../tags";

/** ZSP012: taggable resources without every required tag (resource tags plus provider default_tags, or a plan's tags_all). */
export const ownershipTagRule = {
  ids: ["ZSP012", "ZSP000"],
  run(ctx: RuleContext): void {
    const required = ctx.profile.requiredTags;
    for (const r of ctx.model.resources) {
      if (r.mode !== "managed" || !isTaggable(r.type)) continue;
      const { tags: effective, unknown } = effectiveTags(ctx.model, r);
      const missing = required.filter((k) => {
        const v = effective[k];
        return !(typeof v === "string" && (v.trim() !== "" || isExpression(v)));
      });
      if (missing.length === 0) continue;
      if (unknown) {
        ctx.report("ZSP000", r, `tags cannot be evaluated (an expression); ownership tags ${missing.join(", ")} not confirmed (ZSP012).`);
      } else {
        ctx.report("ZSP012", r, `missing ownership tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. Fix: set them on the resource or in the provider's default_tags (awsProvider does).`);
      }
    }
  },
} as const satisfies Rule;
