import { ofType, referencedResource } from "../index-model";
import { RoleView, roles } from "../iam";
import { TfResource, isExpression } from "../model";
import { ConditionTest, PolicyResult, Statement, readPolicy } from "../policy";
import { RuleContext } from "../rule";

const ROOT = /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?$/;
const RESOURCE_ARN_REF = /^\$\{(?:module\.[\w-]+\.)*(?:data\.)?[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?\.arn\}$/;
const GITHUB = "token.actions.githubusercontent.com";
/** GitHub subject whose wildcard stays inside one repository: `repo:<owner>/<repo>:<anything>`. */
const GITHUB_ONE_REPO = /^repo:[^/*?]+\/[^/:*?]+:.+$/;

const trustCache = new WeakMap<TfResource, PolicyResult>();

/** A role's trust policy, read once per model. */
export function trustOf(ctx: RuleContext, role: RoleView): PolicyResult {
  let trust = trustCache.get(role.resource);
  if (!trust) {
    trust = readPolicy(ctx.model, role.resource, "assume_role_policy");
    trustCache.set(role.resource, trust);
  }
  return trust;
}

/** ZSP002, ZSP003, ZSP011 (trust conditions and use alert), and ZSP000 for trust the engine cannot read. */
export function trustRules(ctx: RuleContext): void {
  for (const role of roles(ctx.model)) {
    const trust = trustOf(ctx, role);
    const at = role.resource;
    if (trust.kind === "unknown") {
      ctx.report("ZSP000", at, `trust policy (assume_role_policy) cannot be evaluated: ${trust.reason}. ZSP002/ZSP003${role.breakGlass ? "/ZSP011" : ""} were not checked.`);
    }
    if (trust.kind === "absent" && role.breakGlass) {
      ctx.report("ZSP011", at, "break-glass role has no readable trust policy, so no MFA or source identity condition");
    }
    const allows = trust.kind === "ok" ? trust.statements.filter((s) => s.effect === "Allow") : [];
    for (const s of allows) {
      openTrust(ctx, at, s);
      oidcTrust(ctx, at, s);
    }
    if (role.breakGlass) breakGlass(ctx, role, allows);
  }
}

function openTrust(ctx: RuleContext, at: TfResource, s: Statement): void {
  if (s.notPrincipals) {
    ctx.report("ZSP002", at, "trust uses NotPrincipal in an Allow: it trusts every principal except the ones listed. Fix: name the trusted principals in Principal.");
  }
  for (const p of s.principals ?? []) {
    for (const id of p.ids) {
      if (p.type === "*" || id === "*") {
        ctx.report("ZSP002", at, `trust allows Principal ${p.type === "*" ? '"*"' : `${p.type}: "*"`}: anyone can assume the role. Fix: trust a named role ARN or a federated provider with exact conditions.`);
        continue;
      }
      if (p.type === "AWS" && ROOT.test(id)) {
        ctx.report("ZSP002", at, `trust allows the account root ${id}: every principal of account ${ROOT.exec(id)?.[1]} that has sts:AssumeRole can assume the role. Fix: trust the exact role ARN instead.`);
        continue;
      }
      if (isExpression(id) && !RESOURCE_ARN_REF.test(id)) {
        ctx.report("ZSP000", at, `trust principal ${p.type} ${id} is an expression the engine cannot evaluate; it could be "*" or an account root.`);
      }
    }
    if (p.type === "Service" && p.ids.includes("rolesanywhere.amazonaws.com") && s.conditions.length === 0) {
      ctx.report("ZSP002", at, "trust allows rolesanywhere.amazonaws.com with no condition: any certificate from any trust anchor of the account can assume the role. Fix: add conditions on aws:SourceArn (the trust anchor) and the certificate subject (aws:PrincipalTag/x509Subject/CN or the SPIFFE URI).");
    }
    if (p.type === "Federated" && s.conditions.length === 0) {
      ctx.report("ZSP002", at, `trust allows federated principal ${p.ids.join(", ")} with no condition: every identity that issuer vouches for can assume the role. Fix: add exact conditions on the token's claims (aud, sub).`);
    }
  }
}

function oidcIssuers(ctx: RuleContext, at: TfResource, s: Statement): { oidc: boolean; hosts: string[] } {
  const hosts: string[] = [];
  let oidc = (s.actions ?? []).some((a) => a.toLowerCase() === "sts:assumerolewithwebidentity");
  for (const p of s.principals ?? []) {
    if (p.type !== "Federated") continue;
    for (const id of p.ids) {
      const m = /:oidc-provider\/(.+)$/.exec(id);
      if (m?.[1]) {
        oidc = true;
        hosts.push(m[1]);
        continue;
      }
      const provider = referencedResource(ctx.model, at, id.replace(/\.arn\}$/, ".arn}"), "aws_iam_openid_connect_provider");
      if (provider) {
        oidc = true;
        const url = provider.values.url;
        if (typeof url === "string" && !isExpression(url)) hosts.push(url.replace(/^https:\/\//, ""));
      } else if (/^(cognito-identity\.amazonaws\.com|accounts\.google\.com|graph\.facebook\.com|www\.amazon\.com)$/.test(id)) {
        oidc = true;
        hosts.push(id);
      }
    }
  }
  return { oidc, hosts };
}

/** Conditions that test `key` positively and exactly enough to count (no negation, no IfExists, no ForAllValues). */
function positive(conditions: readonly ConditionTest[], matches: (key: string) => boolean): ConditionTest[] {
  return conditions.filter((c) => matches(c.key.toLowerCase()) && !/Not|IfExists$|^ForAllValues:/.test(c.operator));
}

function oidcTrust(ctx: RuleContext, at: TfResource, s: Statement): void {
  const { oidc, hosts } = oidcIssuers(ctx, at, s);
  if (!oidc) return;
  const keyMatch = (claim: string) => (key: string) =>
    hosts.length > 0 ? hosts.some((h) => key === `${h.toLowerCase()}:${claim}`) : key.endsWith(`:${claim}`);
  const exact = (c: ConditionTest): boolean =>
    /^(ForAnyValue:)?StringEquals$/.test(c.operator) || (/^(ForAnyValue:)?StringLike$/.test(c.operator) && c.values.every((v) => !/[*?]/.test(v)));
  const issuer = hosts.length > 0 ? hosts.join(", ") : "the OIDC issuer";
  const aud = positive(s.conditions, keyMatch("aud"));
  if (!aud.some(exact)) {
    ctx.report("ZSP003", at, `OIDC trust for ${issuer} has no exact aud condition: tokens minted for any audience are accepted. Fix: add StringEquals { "${hosts[0] ?? "<issuer>"}:aud": "<audience>" } (sts.amazonaws.com for GitHub Actions).`);
  }
  const sub = positive(s.conditions, keyMatch("sub"));
  const github = hosts.includes(GITHUB);
  const narrow = (c: ConditionTest): boolean =>
    exact(c) || (/^(ForAnyValue:)?StringLike$/.test(c.operator) && github && c.values.every((v) => GITHUB_ONE_REPO.test(v)));
  if (sub.length === 0) {
    ctx.report("ZSP003", at, `OIDC trust for ${issuer} has no sub condition: every workload of the issuer can assume the role. Fix: add StringEquals on ${hosts[0] ?? "<issuer>"}:sub with the exact subject${github ? " (repo:<owner>/<repo>:environment:<env>)" : ""}.`);
  } else if (!sub.some(narrow)) {
    const values = sub.flatMap((c) => c.values).join(", ");
    ctx.report("ZSP003", at, `OIDC trust for ${issuer} matches sub ${values}, wider than ${github ? "one repository" : "one exact subject"}. Fix: use StringEquals with the exact subject${github ? ", or StringLike within one repo (repo:<owner>/<repo>:...)" : ""}.`);
  }
}

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
