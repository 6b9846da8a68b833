import { ManagedAttachment, managedAttachments } from "../iam";
import { isExpression } from "../model";
import { Rule, RuleContext } from "../rule";

const ADMIN_POLICIES = /^arn:aws[\w-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

/** ZSP006: admin managed policies attached outside /zsp/break-glass/. */
export const adminRule = {
  ids: ["ZSP006", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const a of managedAttachments(ctx.model)) {
      const m = ADMIN_POLICIES.exec(a.arn) ?? ADMIN_POLICIES.exec(lookedUpArn(ctx, a) ?? "");
      if (!m) {
        // A reference to one of this input's own aws_iam_policy resources is checked by ZSP005 on its content.
        if (isExpression(a.arn) && !a.policy && lookedUpArn(ctx, a) === undefined) {
          ctx.report("ZSP000", a.at, `policy ARN ${a.arn} is an expression the engine cannot evaluate; it could be an admin policy (ZSP006 not checked).`);
        }
        continue;
      }
      if (isAllowedAdmin(a)) continue;
      ctx.report("ZSP006", a.at, `attaches ${m[1]} ${describe(a)}, outside /zsp/break-glass/. Fix: grant the exact actions instead, or use a BreakGlassRole.`);
    }
  },
} as const satisfies Rule;

const DATA_POLICY_REF = /^\$\{data\.aws_iam_policy\.([\w-]+)\.(arn|id)\}$/;

/** The ARN a `data.aws_iam_policy` lookup resolves to (from its arn, or its name as an AWS managed policy). */
function lookedUpArn(ctx: RuleContext, a: ManagedAttachment): string | undefined {
  const m = DATA_POLICY_REF.exec(a.arn) ?? DATA_POLICY_REF.exec(a.configArn ?? "");
  if (!m) return undefined;
  const data = ctx.model.resources.find((r) => r.mode === "data" && r.type === "aws_iam_policy" && r.name === m[1] && r.module === a.at.module);
  if (!data) return undefined;
  const arn = data.values.arn;
  if (typeof arn === "string" && !isExpression(arn)) return arn;
  const name = data.values.name;
  return typeof name === "string" && !isExpression(name) ? `arn:aws:iam::aws:policy/${name}` : undefined;
}

function isAllowedAdmin(a: ManagedAttachment): boolean {
  return a.roles.length > 0 && !a.unresolvedRole && a.roles.every((r) => r.breakGlass);
}

function describe(a: ManagedAttachment): string {
  if (a.roles.length > 0) return `to role ${a.roles.map((r) => r.name ?? r.resource.address).join(", ")}`;
  if (a.unresolvedRole) return "to a role the engine cannot resolve";
  return "to a user or group";
}

