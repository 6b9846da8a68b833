import { roles } from "../iam";
import { Rule, RuleContext } from "../rule";

/**
 * ZSP019 (opt-in: only with usage evidence, `zsp check --usage`): a grant of
 * a role that no call used during the whole observed period.
 */
export const unusedGrantRule = {
  ids: ["ZSP019"],
  run(ctx: RuleContext): void {
    if (ctx.usage === undefined) return;
    const byAddress = new Map(ctx.usage.roles.filter((r) => r.stack === ctx.model.stack).map((r) => [r.address, r]));
    for (const role of roles(ctx.model)) {
      const record = byAddress.get(role.resource.address);
      if (record === undefined) continue;
      const period = record.events.first !== null ? `from ${record.events.first} to ${record.events.last ?? record.events.first}, ${record.events.calls} call(s) of the role observed` : "no call of the role in the period's logs";
      for (const u of record.unused) {
        ctx.report("ZSP019", role.resource, `grants ${u.action} on ${u.resource}, unused over the observed period (${period}). Fix: remove it; zsp tighten proposes a smaller grant set proved to grant nothing new.`);
      }
    }
  },
} as const satisfies Rule;
