import { ADMIN_POLICY_NAMES } from "../../iam/aws-managed-policies";
import { ManagedAttachment, permissionDocuments } from "../effective";
import { Rule, RuleContext } from "../rule";

/**
 * ZSP006: admin AWS-managed policies (AdministratorAccess, PowerUserAccess,
 * IAMFullAccess) attached outside `/zsp/break-glass/`, however the ARN is
 * written (any partition, a `${...}` partition, a `data.aws_iam_policy`
 * lookup by name or ARN) and whoever holds them (roles, users, groups). An
 * ARN the engine cannot read is ZSP000 (reported by the wildcard rule with
 * the document).
 */
export const adminRule = {
  ids: ["ZSP006"],
  run(ctx: RuleContext): void {
    for (const a of permissionDocuments(ctx.model).attachments) {
      const name = a.document.awsManaged;
      if (name === undefined || !ADMIN_POLICY_NAMES.includes(name)) continue;
      if (a.principals.length > 0 && !a.unresolvedHolder && a.principals.every((p) => p.breakGlass)) continue;
      ctx.report("ZSP006", a.at, `attaches ${name} ${describe(a)}, outside /zsp/break-glass/. Fix: grant the exact actions instead, or use a BreakGlassRole.`);
    }
  },
} as const satisfies Rule;

function describe(a: ManagedAttachment): string {
  const named = a.principals.map((p) => `${p.kind} ${p.name ?? p.resource.address}`);
  if (a.unresolvedHolder) named.push("a principal the engine cannot resolve");
  return named.length > 0 ? `to ${named.join(", ")}` : "to no principal in this input";
}
