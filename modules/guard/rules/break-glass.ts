import { RoleView, roles } from "../iam";
import { Statement } from "../policy";
import { Rule, RuleContext } from "../rule";
import { positive, trustOf } from "../trust";
import { useAlert } from "../use-alert";

/** ZSP011: break-glass role without MFA, source identity or an alert on use. */
export const breakGlassRule = {
  ids: ["ZSP011", "ZSP000"],
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
  const alert = useAlert(ctx.model, role, allows);
  if (alert.kind === "unknown") {
    ctx.report("ZSP000", at, `whether a use of ${role.name ?? at.address} raises an alert cannot be evaluated: ${alert.rule}: ${alert.why}. ZSP011's alert check was not made. Fix: give the pattern literally (or check the plan once the values are known).`);
  } else if (alert.kind === "missing") {
    ctx.report("ZSP011", at, `no alert on use of ${role.name ?? at.address}: ${alert.why}. Fix: in each region where the role's AssumeRole events arrive (us-east-1 for the STS global endpoint; limit the others with aws:RequestedRegion in the trust), an enabled EventBridge rule on the default bus whose pattern matches CloudTrail AssumeRole events with requestParameters.roleArn of this role (and no other), with a target that exists (e.g. an SNS topic); BreakGlassRole builds them.`);
  }
}
