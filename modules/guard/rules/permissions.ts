import { onlyStarResource } from "../iam-actions";
import { ManagedAttachment, managedAttachments, permissionPolicies, roles } from "../iam";
import { isExpression, show } from "../model";
import { PolicyResult, Statement } from "../policy";
import { Locatable, RuleContext } from "../rule";
import { trustOf } from "./trust";

const ADMIN_POLICIES = /^arn:aws[\w-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;
const WILDCARD_ACTION = /^(\*|[\w-]+:\*)$/;

/** ZSP004: role max_session_duration above the profile's maxSession. */
export function sessionRule(ctx: RuleContext): void {
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
}

/** ZSP005 (wildcards in policies of non-break-glass roles), ZSP000 for unreadable policies. */
export function wildcardRule(ctx: RuleContext): void {
  for (const use of permissionPolicies(ctx.model)) {
    if (use.policy.kind === "unknown") {
      ctx.report("ZSP000", use.at, `permission policy cannot be evaluated: ${use.policy.reason}. ZSP005/ZSP013 were not checked.`);
      continue;
    }
    if (use.policy.kind !== "ok") continue;
    // Break-glass roles hold admin by design; a policy used only by them is theirs.
    if (use.roles.length > 0 && use.roles.every((r) => r.breakGlass)) continue;
    for (const s of use.policy.statements) checkStatement(ctx, use.at, s);
  }
}

function checkStatement(ctx: RuleContext, at: Locatable, s: Statement): void {
  if (s.effect !== "Allow") return;
  if (s.notActions) {
    ctx.report("ZSP005", at, `Allow with NotAction (${s.notActions.join(", ")}) grants every other action, including ones AWS adds later. Fix: list the exact actions in Action.`);
  }
  const wild = (s.actions ?? []).filter((a) => WILDCARD_ACTION.test(a));
  if (wild.length > 0) {
    ctx.report("ZSP005", at, `Allow grants wildcard action ${wild.map((a) => `"${a}"`).join(", ")}. Fix: list the exact actions the task needs.`);
  }
  const dynamic = (s.actions ?? []).filter(isExpression);
  if (dynamic.length > 0) {
    ctx.report("ZSP000", at, `Allow action ${dynamic.join(", ")} is an expression the engine cannot evaluate; it could be a wildcard.`);
  }
  // Actions without resource-level permissions (AWS service authorization reference) can only be granted on "*".
  const needsStar = (s.actions ?? []).length > 0 && (s.actions ?? []).every(onlyStarResource);
  if ((s.resources ?? []).includes("*") && !needsStar) {
    ctx.report("ZSP005", at, `Allow on Resource "*" for ${(s.actions ?? s.notActions ?? []).join(", ")}. Fix: name the resource ARNs (only actions without resource-level permissions need "*").`, "warning");
  }
  if (s.notResources) {
    ctx.report("ZSP005", at, `Allow with NotResource (${s.notResources.join(", ")}) applies to every other resource. Fix: list the resource ARNs in Resource.`, "warning");
  }
}

/** ZSP006: admin managed policies attached outside /zsp/break-glass/. */
export function adminRule(ctx: RuleContext): void {
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
}

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

const WINDOW_END = /^DateLessThan(Equals)?$/;

/** ZSP013 (windows): an aws:CurrentTime window in a trust or permission policy that is already over. */
export function windowRule(ctx: RuleContext): void {
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
  for (const role of roles(ctx.model)) check(role.resource, trustOf(ctx, role), "trust");
  for (const use of permissionPolicies(ctx.model)) check(use.at, use.policy, "permission");
}
