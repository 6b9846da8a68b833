import { referencedResource } from "../index-model";
import { roles } from "../iam";
import { TfResource, isExpression } from "../model";
import { ConditionTest, Statement } from "../policy";
import { Rule, RuleContext } from "../rule";
import { positive, trustOf, withVariableValues } from "../trust";
import { GITHUB_ONE_REPO } from "../workload-subject";

const GITHUB = "token.actions.githubusercontent.com";

/** ZSP003: OIDC trust without exact aud and sub. */
export const oidcTrustRule = {
  ids: ["ZSP003", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const role of roles(ctx.model)) {
      const trust = trustOf(ctx.model, role);
      if (trust.kind !== "ok") continue;
      for (const s of trust.statements) if (s.effect === "Allow") oidcTrust(ctx, role.resource, s);
    }
  },
} as const satisfies Rule;

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

function oidcTrust(ctx: RuleContext, at: TfResource, written: Statement): void {
  const { oidc, hosts } = oidcIssuers(ctx, at, written);
  if (!oidc) return;
  const s: Statement = { ...written, conditions: written.conditions.map((c) => withVariableValues(ctx.model, at, c)) };
  const unknown = s.conditions.filter((c) => /:(aud|sub)$/i.test(c.key) && c.values.some(isExpression));
  for (const c of unknown) ctx.report("ZSP000", at, `OIDC trust condition ${c.key} is ${c.values.join(", ")}, an expression the engine cannot evaluate: whether it is exact was not checked (ZSP003).`);
  const keyMatch = (claim: string): ((key: string) => boolean) => {
    const keys = hosts.map((h) => `${h.toLowerCase()}:${claim}`);
    const suffix = `:${claim}`;
    return (key) => (keys.length > 0 ? keys.includes(key) : key.endsWith(suffix));
  };
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
    ctx.report("ZSP003", at, `OIDC trust for ${issuer} has no sub condition: every workload of the issuer can assume the role. Fix: add StringEquals on ${hosts[0] ?? "<issuer>"}:sub with the exact subject${github ? " (repo:<owner>/<repo>:environment:<env>, or the immutable repo:<owner>@<owner-id>/<repo>@<repo-id>:environment:<env>)" : ""}.`);
  } else if (!sub.some(narrow)) {
    const values = sub.flatMap((c) => c.values).join(", ");
    ctx.report("ZSP003", at, `OIDC trust for ${issuer} matches sub ${values}, wider than ${github ? "one repository" : "one exact subject"}. Fix: use StringEquals with the exact subject${github ? ", or StringLike within one repo (repo:<owner>/<repo>:...)" : ""}.`);
  }
}
