import { permissionDocuments } from "../effective";
import { roles } from "../iam";
import { PolicyResult } from "../policy";
import { Locatable, Rule, RuleContext } from "../rule";
import { trustOf } from "../trust";

const WINDOW_END = /^DateLessThan(Equals)?$/;

/** ZSP013 (windows): an aws:CurrentTime window in a trust or permission policy that is already over. */
export const windowRule = {
  ids: ["ZSP013"],
  run(ctx: RuleContext): void {
    const check = (at: Locatable, policy: PolicyResult, what: string): void => {
      if (policy.kind !== "ok") return;
      for (const s of policy.statements) {
        if (s.effect !== "Allow") continue;
        for (const c of s.conditions) {
          const m = WINDOW_END.exec(c.operator);
          if (!m || c.key.toLowerCase() !== "aws:currenttime") continue;
          for (const v of c.values) {
            const end = Date.parse(v);
            // DateLessThanEquals still grants at its end instant; DateLessThan does not.
            if (!Number.isNaN(end) && (m[1] ? end < ctx.now.getTime() : end <= ctx.now.getTime())) {
              ctx.report("ZSP013", at, `${what} access window ended at ${v}; it grants nothing now. Fix: remove the expired grant (or open a new window with a new ticket).`, ctx.profile.expiredWindow);
            }
          }
        }
      }
    };
    for (const role of roles(ctx.model)) check(role.resource, trustOf(ctx.model, role), "trust");
    for (const doc of permissionDocuments(ctx.model).documents) check(doc.at, doc.policy, "permission");
  },
} as const satisfies Rule;
