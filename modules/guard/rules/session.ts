import { roles } from "../iam";
import { show } from "../model";
import { Rule, RuleContext } from "../rule";

/** ZSP004: role max_session_duration above the profile's maxSession. */
export const sessionRule = {
  ids: ["ZSP004", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const role of roles(ctx.model)) {
      const raw = role.resource.values.max_session_duration;
      if (raw === undefined || raw === null) continue;
      const seconds = typeof raw === "number" ? raw : typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : undefined;
      if (seconds === undefined) {
        ctx.report("ZSP000", role.resource, `max_session_duration ${show(raw)} cannot be evaluated; ZSP004 was not checked.`);
      } else if (seconds > ctx.profile.maxSession) {
        ctx.report("ZSP004", role.resource, `max_session_duration is ${seconds} s, above the profile maximum of ${ctx.profile.maxSession} s. Fix: set it to at most ${ctx.profile.maxSession}; shorter sessions are enforced by the issuer.`);
      }
    }
  },
} as const satisfies Rule;
