import { roles } from "../iam";
import { TfResource, isExpression } from "../model";
import { Statement } from "../policy";
import { Rule, RuleContext } from "../rule";
import { positive, trustOf } from "../trust";

const ROOT = /^(?:arn:aws[\w-]*:iam::)?(\d{12})(?::root)?$/;
const IAM_USER = /^arn:[^:]+:iam::(\d{12}|\$\{[^}]*\}):user\//;
const USER_REF = /^\$\{(?:module\.[\w-]+\.)*aws_iam_user\.[\w-]+(?:\[[^\]]*\])?\.arn\}$/;
/** Condition keys that pin a Roles Anywhere session to one certificate (subject or SAN, e.g. a SPIFFE URI), not just the trust anchor. */
const CERTIFICATE_KEY = /^aws:principaltag\/x509(subject|san)\//;
const RESOURCE_ARN_REF = /^\$\{(?:module\.[\w-]+\.)*(?:data\.)?[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?\.arn\}$/;

/** ZSP002 (open role trust), and ZSP000 for a trust policy the engine cannot read. */
export const openTrustRule = {
  ids: ["ZSP002", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const role of roles(ctx.model)) {
      const trust = trustOf(ctx.model, role);
      if (trust.kind === "unknown") {
        ctx.report("ZSP000", role.resource, `trust policy (assume_role_policy) cannot be evaluated: ${trust.reason}. ZSP002/ZSP003${role.breakGlass ? "/ZSP011" : ""} were not checked.`);
      }
      if (trust.kind !== "ok") continue;
      for (const s of trust.statements) if (s.effect === "Allow") openTrust(ctx, role.resource, s);
    }
  },
} as const satisfies Rule;

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
      if (p.type === "AWS" && (IAM_USER.test(id) || USER_REF.test(id))) {
        ctx.report("ZSP002", at, `trust allows the IAM user ${id}: an IAM user signs in with long-lived access keys, so the role is one leaked key away. Fix: trust a role the workload assumes with a verified identity (OIDC, SPIFFE, Vault).`);
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
    if (p.type === "Service" && p.ids.includes("rolesanywhere.amazonaws.com")) {
      if (s.conditions.length === 0) {
        ctx.report("ZSP002", at, "trust allows rolesanywhere.amazonaws.com with no condition: any certificate from any trust anchor of the account can assume the role. Fix: add conditions on aws:SourceArn (the trust anchor) and the certificate subject (aws:PrincipalTag/x509Subject/CN or the SPIFFE URI).");
      } else if (positive(s.conditions, (key) => CERTIFICATE_KEY.test(key)).length === 0) {
        ctx.report("ZSP002", at, "trust allows rolesanywhere.amazonaws.com pinned only to the trust anchor: every certificate that CA issues can assume the role. Fix: add a condition on the certificate subject (aws:PrincipalTag/x509Subject/CN) or its SAN (aws:PrincipalTag/x509SAN/URI, the SPIFFE ID).");
      }
    }
    if (p.type === "Federated" && s.conditions.length === 0) {
      ctx.report("ZSP002", at, `trust allows federated principal ${p.ids.join(", ")} with no condition: every identity that issuer vouches for can assume the role. Fix: add exact conditions on the token's claims (aud, sub).`);
    }
  }
}
