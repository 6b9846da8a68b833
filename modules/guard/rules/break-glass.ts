import { ofType, referencedResource } from "../index-model";
import { RoleView, roles } from "../iam";
import { Statement } from "../policy";
import { Rule, RuleContext } from "../rule";
import { positive, trustOf } from "../trust";

/** ZSP011: break-glass role without MFA, source identity or an alert on use. */
export const breakGlassRule = {
  ids: ["ZSP011"],
  run(ctx: RuleContext): void {
    for (const role of roles(ctx.model)) {
      if (!role.breakGlass) continue;
      const trust = trustOf(ctx.model, role);
      if (trust.kind === "absent") {
        ctx.report("ZSP011", role.resource, "break-glass role has no readable trust policy, so no MFA or source identity condition");
      }
      breakGlass(ctx, role, trust.kind === "ok" ? trust.statements.filter((s) => s.effect === "Allow") : []);
    }
  },
} as const satisfies Rule;

function breakGlass(ctx: RuleContext, role: RoleView, allows: readonly Statement[]): void {
  const at = role.resource;
  for (const s of allows) {
    const mfa = s.conditions.some((c) =>
      (c.key.toLowerCase() === "aws:multifactorauthpresent" && c.operator === "Bool" && c.values.length > 0 && c.values.every((v) => v === "true")) ||
      (c.key.toLowerCase() === "aws:multifactorauthage" && /^NumericLessThan(Equals)?$/.test(c.operator)));
    if (!mfa) {
      ctx.report("ZSP011", at, 'break-glass trust does not require MFA. Fix: add Bool { "aws:MultiFactorAuthPresent": "true" } to every Allow statement of the trust.');
    }
    if (positive(s.conditions, (k) => k === "sts:sourceidentity").length === 0) {
      ctx.report("ZSP011", at, 'break-glass trust does not require a source identity, so CloudTrail cannot name who used it. Fix: add a condition on "sts:SourceIdentity" (and allow sts:SetSourceIdentity).');
    }
  }
  if (!hasUseAlert(ctx, role)) {
    ctx.report("ZSP011", at, `no alert on use: no aws_cloudwatch_event_rule with a target matches AssumeRole of ${role.name ?? at.address}. Fix: add an EventBridge rule on CloudTrail AssumeRole events whose requestParameters.roleArn names the role, with a target (e.g. an SNS topic).`);
  }
}

function hasUseAlert(ctx: RuleContext, role: RoleView): boolean {
  const refPrefix = `aws_iam_role.${role.resource.name}`;
  const targets = ofType(ctx.model, "aws_cloudwatch_event_target");
  return ofType(ctx.model, "aws_cloudwatch_event_rule").some((rule) => {
    const pattern = [rule.values.event_pattern, rule.config?.event_pattern].filter((v): v is string => typeof v === "string").join(" ");
    if (!/AssumeRole/.test(pattern)) return false;
    const names = pattern.includes(refPrefix) || (role.name !== undefined && pattern.includes(role.name)) || pattern.includes(`role${role.path}`) && role.path !== "/";
    if (!names) return false;
    return targets.some((t) => referencedResource(ctx.model, t, t.config?.rule, "aws_cloudwatch_event_rule") === rule ||
      (typeof t.values.rule === "string" && t.values.rule === rule.values.name));
  });
}
