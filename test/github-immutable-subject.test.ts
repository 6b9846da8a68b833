/**
 * GitHub's immutable subject (`repo:OWNER@OWNER_ID/REPO@REPO_ID:<context>`, the default for
 * repositories created or renamed since 2026-07-15): a JitRole given both ids admits it, keeps the id
 * claims pinned, and still refuses recycled names, other ids, pull requests and other environments;
 * without ids, the name form as before. Evaluated with iam-simulate against synthesized trust.
 */
import { TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, grant } from "../modules";
import type { GithubActionsIdentityProps, PolicyDocumentJson } from "../modules";
import { accessMap } from "../modules/guard/access-map";
import { check, loadDocument } from "../modules/guard/engine";
import { Decision, evaluateTrust } from "./helpers/iam";
import { jitApp, oneResource, policyOf, synthStack } from "./helpers/jit";

const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const ROLE_ARN = "arn:aws:iam::111122223333:role/zsp/jit/payments-deploy";
const ISS = "token.actions.githubusercontent.com";
const OWNER_ID = "4242";
const REPO_ID = "777001";

function trustOf(identity: Omit<GithubActionsIdentityProps, "providerArn" | "repo">): PolicyDocumentJson {
  const stack = new TerraformStack(jitApp(), "s");
  new JitRole(stack, "deploy", {
    roleName: "payments-deploy",
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy" },
    identities: [WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", ...identity })],
    grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
  });
  return policyOf(oneResource(synthStack(stack), "aws_iam_role"), "assume_role_policy");
}

/** The claims of a GitHub token as STS exposes them to the trust policy. */
const token = (sub: string, ids: { owner?: string; repo?: string } = { owner: OWNER_ID, repo: REPO_ID }): Record<string, string> => ({
  [`${ISS}:sub`]: sub,
  [`${ISS}:aud`]: "sts.amazonaws.com",
  ...(ids.repo !== undefined ? { [`${ISS}:repository_id`]: ids.repo } : {}),
  ...(ids.owner !== undefined ? { [`${ISS}:repository_owner_id`]: ids.owner } : {}),
});
const assume = (trust: PolicyDocumentJson, context: Record<string, string>): Promise<Decision> =>
  evaluateTrust(trust, { principal: GH, action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE_ARN, context });

describe("githubActions with repositoryId and repositoryOwnerId (environment production)", () => {
  const trust = trustOf({ environment: "production", repositoryId: REPO_ID, repositoryOwnerId: OWNER_ID });

  it.each<[string, Record<string, string>, Decision]>([
    ["a job of a new repository (immutable subject)", token("repo:acme@4242/payments@777001:environment:production"), "Allowed"],
    ["a job of the same repository before it switched (name subject, same ids)", token("repo:acme/payments:environment:production"), "Allowed"],
    ["a recycled name: repository deleted and recreated (new repository id, immutable subject)", token("repo:acme@4242/payments@888002:environment:production", { owner: OWNER_ID, repo: "888002" }), "ImplicitlyDenied"],
    ["a recycled name: recreated repository still on the name subject", token("repo:acme/payments:environment:production", { owner: OWNER_ID, repo: "888002" }), "ImplicitlyDenied"],
    ["a recycled owner name: the login taken by another account", token("repo:acme@9999/payments@777001:environment:production", { owner: "9999", repo: REPO_ID }), "ImplicitlyDenied"],
    ["a forged subject with the right ids but claims of another repository", token("repo:acme@4242/payments@777001:environment:production", { owner: OWNER_ID, repo: "123" }), "ImplicitlyDenied"],
    ["another repository of the same owner", token("repo:acme@4242/billing@777002:environment:production", { owner: OWNER_ID, repo: "777002" }), "ImplicitlyDenied"],
    ["a pull request of the repository", token("repo:acme@4242/payments@777001:pull_request"), "ImplicitlyDenied"],
    ["another environment of the repository", token("repo:acme@4242/payments@777001:environment:staging"), "ImplicitlyDenied"],
    ["a branch of the repository", token("repo:acme@4242/payments@777001:ref:refs/heads/main"), "ImplicitlyDenied"],
    ["a token without the id claims", token("repo:acme@4242/payments@777001:environment:production", {}), "ImplicitlyDenied"],
  ])("%s → %s", async (_name, context, expected) => {
    expect(await assume(trust, context)).toBe(expected);
  });
});

describe("githubActions with ids, ref and pull request contexts", () => {
  it("ref refs/heads/main admits the immutable subject of that ref only", async () => {
    const trust = trustOf({ ref: "refs/heads/main", repositoryId: REPO_ID, repositoryOwnerId: OWNER_ID });
    expect(await assume(trust, token("repo:acme@4242/payments@777001:ref:refs/heads/main"))).toBe("Allowed");
    expect(await assume(trust, token("repo:acme@4242/payments@777001:ref:refs/heads/feature"))).toBe("ImplicitlyDenied");
    expect(await assume(trust, token("repo:acme@4242/payments@777001:environment:production"))).toBe("ImplicitlyDenied");
  });

  it("pullRequest admits the immutable pull_request subject and nothing else", async () => {
    const trust = trustOf({ pullRequest: true, repositoryId: REPO_ID, repositoryOwnerId: OWNER_ID });
    expect(await assume(trust, token("repo:acme@4242/payments@777001:pull_request"))).toBe("Allowed");
    expect(await assume(trust, token("repo:acme@4242/payments@777001:ref:refs/heads/main"))).toBe("ImplicitlyDenied");
    expect(await assume(trust, token("repo:acme@4242/payments@777002:pull_request", { owner: OWNER_ID, repo: "777002" }))).toBe("ImplicitlyDenied");
  });
});

describe("githubActions without ids: the name form as before", () => {
  const trust = trustOf({ environment: "production" });

  it.each<[string, Record<string, string>, Decision]>([
    ["a job of the repository (name subject)", token("repo:acme/payments:environment:production", {}), "Allowed"],
    ["an immutable subject (the repository switched)", token("repo:acme@4242/payments@777001:environment:production"), "ImplicitlyDenied"],
    ["a pull request", token("repo:acme/payments:pull_request", {}), "ImplicitlyDenied"],
    ["another environment", token("repo:acme/payments:environment:staging", {}), "ImplicitlyDenied"],
  ])("%s → %s", async (_name, context, expected) => {
    expect(await assume(trust, context)).toBe(expected);
  });

  it("with only one of the ids, pins it and keeps the name subject (the immutable subject needs both)", () => {
    const statement = trustOf({ environment: "production", repositoryId: REPO_ID }).Statement[0];
    expect(statement?.Condition?.StringEquals).toMatchObject({ [`${ISS}:sub`]: "repo:acme/payments:environment:production", [`${ISS}:repository_id`]: REPO_ID });
  });
});

describe("the guard reads both subject forms", () => {
  const roleDoc = (condition: Record<string, Record<string, unknown>>): unknown => ({
    resource: {
      aws_iam_role: {
        deploy: {
          name: "payments-deploy",
          path: "/zsp/jit/",
          assume_role_policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition }],
          }),
          tags: { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "deploy", "zsp:access": "jit" },
        },
      },
    },
  });
  const zsp003 = (condition: Record<string, Record<string, unknown>>): string[] =>
    check(loadDocument(roleDoc(condition), "input"), { now: new Date("2026-12-02T00:00:00Z") }).findings.filter((f) => f.rule === "ZSP003").map((f) => f.message);
  const aud = { [`${ISS}:aud`]: "sts.amazonaws.com" };

  it("ZSP003 accepts the synthesized trust with both ids (immutable and name subject, ids pinned)", () => {
    const statement = trustOf({ environment: "production", repositoryId: REPO_ID, repositoryOwnerId: OWNER_ID }).Statement[0];
    expect(zsp003(statement?.Condition as Record<string, Record<string, unknown>>)).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ["an immutable subject pattern within one repository", "repo:acme@4242/payments@777001:*", true],
    ["a name subject pattern within one repository", "repo:acme/payments:*", true],
    ["every repository of owner id 4242", "repo:acme@4242/*", false],
    ["any repository id under the repository name", "repo:acme@4242/payments@*:environment:production", false],
    ["any owner id", "repo:acme@*/payments@777001:environment:production", false],
    ["a name pattern over repository names", "repo:acme/pay*:environment:production", false],
  ])("ZSP003 on StringLike sub %s (%s): accepted=%s", (_name, pattern, accepted) => {
    const messages = zsp003({ StringEquals: aud, StringLike: { [`${ISS}:sub`]: pattern } });
    expect(messages.length === 0).toBe(accepted);
    if (!accepted) expect(messages[0]).toMatch(/wider than one repository/);
  });

  it("the access map names the repository and its ids for an immutable subject", () => {
    const map = accessMap(loadDocument(roleDoc({ StringEquals: { ...aud, [`${ISS}:sub`]: "repo:acme@4242/payments@777001:environment:production" } }), "input"));
    expect(map.flatMap((e) => e.grantees.flatMap((g) => g.conditions))).toContain(
      `${ISS}:sub = repo:acme@4242/payments@777001:environment:production [GitHub acme/payments (owner id 4242, repository id 777001), environment:production]`,
    );
  });
});
