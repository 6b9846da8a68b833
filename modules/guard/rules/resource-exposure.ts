import { awsPrincipalKind, ownAccounts } from "../accounts";
import { ofType } from "../index-model";
import { TfResource, isExpression, show } from "../model";
import { ConditionTest, Statement } from "../policy";
import { resourcePolicies } from "../resource-policies";
import { Rule, RuleContext } from "../rule";
import { positive } from "../trust";

/** Condition keys that confine a grant to an organisation, an account, a named principal or a source resource/network. */
const NARROWING_KEYS: ReadonlySet<string> = new Set([
  "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:principalarn",
  "aws:sourceaccount", "aws:sourcearn", "aws:sourceorgid", "aws:sourceorgpaths", "aws:sourceowner",
  "aws:sourcevpc", "aws:sourcevpce", "kms:calleraccount",
]);
const ARN_KEYS: ReadonlySet<string> = new Set(["aws:principalarn", "aws:sourcearn"]);

/** Whether `value` confines a narrowing key (not only wildcards; for ARNs, no wildcard in the account field). */
function confines(key: string, value: string): boolean {
  if (value === "" || /^[*?]+$/.test(value)) return false;
  if (ARN_KEYS.has(key) && !isExpression(value)) {
    const account = value.split(":")[4];
    // An ARN with a service-owned empty account (an S3 bucket) confines by its name; a wildcard account does not.
    return account === undefined ? !/^arn:[^:]*\*/.test(value) : !/[*?]/.test(account);
  }
  return true;
}

/** The conditions of `conditions` that confine who may use the grant. */
export function narrowingConditions(conditions: readonly ConditionTest[]): ConditionTest[] {
  return positive(conditions, (k) => NARROWING_KEYS.has(k)).filter((c) => c.values.length > 0 && c.values.every((v) => confines(c.key.toLowerCase(), v)));
}

const NARROWING_HINT = "aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount or aws:PrincipalArn";

/** ZSP017 (resource policy open to everyone or another account), ZSP000 for what it cannot read. */
export const resourceExposureRule = {
  ids: ["ZSP017", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const use of resourcePolicies(ctx.model)) {
      if (use.policy.kind === "unknown") {
        ctx.report("ZSP000", use.at, `${use.what} policy cannot be evaluated: ${use.policy.reason}. ZSP017 was not checked.`);
        continue;
      }
      if (use.policy.kind !== "ok") continue;
      use.policy.statements.forEach((s, i) => {
        if (s.effect === "Allow") exposedStatement(ctx, use.at, use.what, s, i);
      });
    }
    for (const p of ofType(ctx.model, "aws_lambda_permission")) lambdaPermission(ctx, p);
  },
} as const satisfies Rule;

function exposedStatement(ctx: RuleContext, at: TfResource, what: string, s: Statement, index: number): void {
  const narrowed = narrowingConditions(s.conditions).length > 0;
  const actions = (s.actions ?? s.notActions?.map((a) => `everything but ${a}`) ?? []).join(", ") || "(no action)";
  const where = `${what} policy statement ${index + 1}`;
  if (s.notPrincipals && !narrowed) {
    ctx.report("ZSP017", at, `${where} allows ${actions} to every principal except ${s.notPrincipals.flatMap((p) => p.ids).join(", ")} (NotPrincipal in an Allow) with no narrowing condition. Fix: name the principals in Principal, or add a condition on ${NARROWING_HINT}.`);
  }
  for (const p of s.principals ?? []) {
    if (p.type !== "AWS" && p.type !== "*") continue;
    for (const id of p.ids) {
      const who = awsPrincipalKind(ctx.model, p.type === "*" ? "*" : id);
      if (who.kind === "unknown") {
        ctx.report("ZSP000", at, `${where}: principal ${id} is an expression the engine cannot evaluate; it could be "*" or another account. ZSP017 was not checked for it.`);
      } else if (who.kind === "everyone" && !narrowed) {
        ctx.report("ZSP017", at, `${where} allows ${actions} to Principal "*" with no narrowing condition: anyone (any AWS account, or anonymous callers where the service allows them) can use the ${what}. Fix: name the principals (role ARNs), or add a condition on ${NARROWING_HINT}.`);
      } else if (who.kind === "account" && who.own === false && !narrowed) {
        ctx.report("ZSP017", at, `${where} allows ${actions} to account ${who.account} (its root: every principal that account lets act) with no narrowing condition; this input deploys to ${[...ownAccounts(ctx.model).ids].join(", ")}. Fix: name the role ARNs of account ${who.account} that need it, or add a condition on ${NARROWING_HINT}.`);
      } else if (who.kind === "account" && who.own === undefined && !narrowed) {
        ctx.report("ZSP000", at, `${where} allows ${actions} to account ${who.account}, and the input does not say which account it deploys to (set the AWS provider's allowed_account_ids), so the engine cannot tell whether that is another account. ZSP017 was not checked for it.`);
      }
    }
  }
}

/** A service principal (`s3.amazonaws.com`): not an exposure to accounts (its confused-deputy risk is out of ZSP017's scope). */
const SERVICE = /\.amazonaws\.com(?:\.cn)?$/;

/** `aws_lambda_permission`: `principal` is `*`, an account id or a service; `source_arn`, `source_account`, `principal_org_id` narrow it. */
function lambdaPermission(ctx: RuleContext, p: TfResource): void {
  const principal = p.values.principal;
  if (typeof principal !== "string") return;
  const narrowed = ["source_arn", "source_account", "principal_org_id"].some((k) => {
    const v = p.values[k];
    return typeof v === "string" && v !== "" && confines(k === "source_arn" ? "aws:sourcearn" : k, v);
  });
  if (narrowed || SERVICE.test(principal)) return;
  const action = show(p.values.action ?? "lambda:InvokeFunction");
  const fn = show(p.values.function_name ?? "?");
  const who = awsPrincipalKind(ctx.model, principal);
  const fix = "Fix: set principal to the calling role's ARN, or set source_arn / source_account / principal_org_id.";
  if (who.kind === "everyone") {
    ctx.report("ZSP017", p, `Lambda permission lets principal "*" call ${action} on ${fn} with no source_arn, source_account or principal_org_id: anyone can invoke the function. ${fix}`);
  } else if (who.kind === "account" && who.own === false) {
    ctx.report("ZSP017", p, `Lambda permission lets account ${who.account} (every principal it lets act) call ${action} on ${fn} with no source_arn, source_account or principal_org_id. ${fix}`);
  } else if (who.kind === "unknown" || (who.kind === "account" && who.own === undefined)) {
    ctx.report("ZSP000", p, `Lambda permission principal ${principal} cannot be judged (an expression, or an account while the input does not say which account it deploys to). ZSP017 was not checked.`);
  }
}
