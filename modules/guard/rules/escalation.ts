import { escalationOf } from "../escalation";
import { roles } from "../iam";
import { Rule, RuleContext } from "../rule";

const nameOf = (r: { name?: string; resource: { address: string } }): string => r.name ?? r.resource.address;

/** ZSP016: a role whose effective permissions complete a privilege-escalation path (pathfinding.cloud), judged target by target, and chains. */
export const escalationRule = {
  ids: ["ZSP016"],
  run(ctx: RuleContext): void {
    for (const role of roles(ctx.model)) {
      const analysis = escalationOf(ctx.model, role);
      if (analysis.paths.length === 0 && analysis.trustedBy.length === 0 && analysis.chained.length === 0) continue; // most roles
      const direct = new Set<unknown>();
      for (const p of analysis.paths) {
        if (p.verdict === "clean") continue;
        const shown = p.targets.filter((t) => t.verdict === p.verdict);
        for (const t of shown) if (t.role) direct.add(t.role.resource);
        const targets = shown.map((t) => `${t.target.action} on ${t.target.resource}: ${t.why}`).join("; ");
        ctx.report("ZSP016", role.resource,
          `role ${nameOf(role)} completes escalation path ${p.match.path.id} (${p.match.actions.join(" + ")}): ${targets}. Fix: ${p.match.path.instead} See ${p.match.path.url}`,
          p.verdict);
      }
      for (const t of analysis.trustedBy) {
        if (t.verdict === "clean" || (t.role && direct.has(t.role.resource))) continue;
        if (t.role) direct.add(t.role.resource);
        ctx.report("ZSP016", role.resource,
          `role ${nameOf(role)} can assume role ${t.role ? nameOf(t.role) : t.target.resource} without any grant of its own: that role's trust policy names ${nameOf(role)}, and in one account such a trust needs no sts:AssumeRole permission; ${t.why}. Fix: name in that trust policy only principals that may hold what the role holds, or narrow the role. See https://pathfinding.cloud/paths/sts-001`,
          t.verdict);
      }
      for (const reach of analysis.chained) {
        if (!reach.morePrivileged || direct.has(reach.role.resource)) continue;
        const hops = reach.chain.map((h) => `-[${h.path}]-> ${nameOf(h.role)}`).join(" ");
        const last = reach.chain[reach.chain.length - 1];
        ctx.report("ZSP016", role.resource,
          `role ${nameOf(role)} can become role ${nameOf(reach.role)} through a chain: ${nameOf(role)} ${hops}, and ${nameOf(reach.role)} holds permissions ${nameOf(role)} does not. Fix: break a link of the chain (narrow the iam:PassRole / sts:AssumeRole grants or the trust of an intermediate role). See https://pathfinding.cloud/paths/${last?.path ?? ""}`);
      }
    }
  },
} as const satisfies Rule;
