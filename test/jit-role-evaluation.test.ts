/**
 * Policy evaluation of the synthesized trust, permission and boundary
 * policies: intended requests are allowed, attacker requests are denied.
 */
import { TerraformStack } from "../provider-shim/core";
import { GithubDeployStack } from "../examples/github-deploy";
import { JitRole, WorkloadIdentity, grant } from "../modules";
import type { PolicyDocumentJson } from "../modules";
import { jitApp, oneResource, policyOf, synthStack } from "./helpers/jit";
import { Decision, evaluateSession, evaluateTrust } from "./helpers/iam";

const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const DEPLOY_ARN = "arn:aws:iam::111122223333:role/zsp/jit/payments-deploy";
const MIGRATION_ARN = "arn:aws:iam::111122223333:role/zsp/jit/payments-db-migration";
const DEPLOY_SESSION = "arn:aws:sts::111122223333:assumed-role/payments-deploy/gh-run-42";
const MIGRATION_SESSION = "arn:aws:sts::111122223333:assumed-role/payments-db-migration/gh-run-43";
const IN_WINDOW = "2026-12-01T03:00:00Z";
const ADMIN: PolicyDocumentJson = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };

const json = synthStack(new GithubDeployStack(jitApp(), "github-deploy"));
const deployTrust = policyOf(oneResource(json, "aws_iam_role", "payments-deploy_"), "assume_role_policy");
const deployPermissions = policyOf(oneResource(json, "aws_iam_role_policy", "payments-deploy_"), "policy");
const deployBoundary = policyOf(oneResource(json, "aws_iam_policy", "payments-deploy_"), "policy");
const migrationTrust = policyOf(oneResource(json, "aws_iam_role", "payments-db-migration_"), "assume_role_policy");
const migrationPermissions = policyOf(oneResource(json, "aws_iam_role_policy", "payments-db-migration_"), "policy");
const migrationBoundary = policyOf(oneResource(json, "aws_iam_policy", "payments-db-migration_"), "policy");

/** A token's claims as STS exposes them: keyed by the issuer of the provider that is the caller. */
const claims = (sub: string, aud = "sts.amazonaws.com", time = "2026-11-25T12:00:00Z", issuer = "token.actions.githubusercontent.com"): Record<string, string> => ({
  [`${issuer}:sub`]: sub,
  [`${issuer}:aud`]: aud,
  "aws:CurrentTime": time,
});
const webIdentity = (roleArn: string, context: Record<string, string>, principal = GH) => ({ principal, action: "sts:AssumeRoleWithWebIdentity", roleArn, context });

describe("trust of payments-deploy", () => {
  it.each<[string, Decision, ReturnType<typeof webIdentity> | { principal: string; action: string; roleArn: string; context: Record<string, string> }]>([
    ["the production job of acme/payments", "Allowed", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:environment:production"))],
    ["another repository", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/other:environment:production"))],
    ["a fork-like look-alike repository", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments-fork:environment:production"))],
    ["a pull_request subject", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:pull_request"))],
    ["another environment", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:environment:staging"))],
    ["a branch subject", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:ref:refs/heads/main"))],
    ["the wrong audience", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:environment:production", "https://github.com/acme"))],
    ["another OIDC provider with the same sub and aud", "ImplicitlyDenied", webIdentity(DEPLOY_ARN, claims("repo:acme/payments:environment:production", undefined, undefined, "gitlab.com"), "arn:aws:iam::111122223333:oidc-provider/gitlab.com")],
    ["plain AssumeRole from a role in the account", "ImplicitlyDenied", { principal: "arn:aws:iam::111122223333:role/admin", action: "sts:AssumeRole", roleArn: DEPLOY_ARN, context: {} }],
  ])("%s → %s", async (_name, expected, request) => {
    expect(await evaluateTrust(deployTrust, request)).toBe(expected);
  });
});

describe("trust of payments-db-migration (window 02:00-06:00Z on 2026-12-01)", () => {
  const sub = "repo:acme/payments:environment:migration";
  it.each<[string, Decision, ReturnType<typeof webIdentity> | { principal: string; action: string; roleArn: string; context: Record<string, string> }]>([
    ["the migration job inside the window", "Allowed", webIdentity(MIGRATION_ARN, claims(sub, undefined, IN_WINDOW))],
    ["the migration job before the window", "ImplicitlyDenied", webIdentity(MIGRATION_ARN, claims(sub, undefined, "2026-12-01T01:59:59Z"))],
    ["the migration job after the window", "ImplicitlyDenied", webIdentity(MIGRATION_ARN, claims(sub, undefined, "2026-12-01T06:00:01Z"))],
    ["the production job inside the window", "ImplicitlyDenied", webIdentity(MIGRATION_ARN, claims("repo:acme/payments:environment:production", undefined, IN_WINDOW))],
  ])("%s → %s", async (_name, expected, request) => {
    expect(await evaluateTrust(migrationTrust, request)).toBe(expected);
  });
});

describe("permissions of payments-deploy (with its boundary)", () => {
  const ctx = { "aws:CurrentTime": "2026-11-25T12:00:00Z" };
  it.each<[string, string, string, Decision, PolicyDocumentJson[]?]>([
    ["put a release artifact", "s3:PutObject", "arn:aws:s3:::acme-payments-artifacts/releases/v1.zip", "Allowed"],
    ["update payments-api", "lambda:UpdateFunctionCode", "arn:aws:lambda:eu-west-1:111122223333:function:payments-api", "Allowed"],
    ["put into another bucket", "s3:PutObject", "arn:aws:s3:::acme-other/releases/v1.zip", "ImplicitlyDenied"],
    ["put outside releases/", "s3:PutObject", "arn:aws:s3:::acme-payments-artifacts/config/v1.zip", "ImplicitlyDenied"],
    ["read an artifact (not granted)", "s3:GetObject", "arn:aws:s3:::acme-payments-artifacts/releases/v1.zip", "ImplicitlyDenied"],
    ["update another function", "lambda:UpdateFunctionCode", "arn:aws:lambda:eu-west-1:111122223333:function:billing-api", "ImplicitlyDenied"],
    ["create an access key (the boundary denies it)", "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/ci", "ExplicitlyDenied"],
    ["escalation with AdministratorAccess attached out of band: create access key", "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/ci", "ExplicitlyDenied", [ADMIN]],
    ["escalation with AdministratorAccess attached out of band: attach a policy to itself", "iam:AttachRolePolicy", DEPLOY_ARN, "ExplicitlyDenied", [ADMIN]],
    ["escalation with AdministratorAccess attached out of band: rewrite its trust", "iam:UpdateAssumeRolePolicy", DEPLOY_ARN, "ExplicitlyDenied", [ADMIN]],
    ["escalation with AdministratorAccess attached out of band: drop its boundary", "iam:DeleteRolePermissionsBoundary", DEPLOY_ARN, "ExplicitlyDenied", [ADMIN]],
    ["escalation with AdministratorAccess attached out of band: pass a role", "iam:PassRole", "arn:aws:iam::111122223333:role/admin", "ExplicitlyDenied", [ADMIN]],
    ["escalation with AdministratorAccess attached out of band: chain into another role", "sts:AssumeRole", "arn:aws:iam::111122223333:role/admin", "ExplicitlyDenied", [ADMIN]],
    ["AdministratorAccess attached out of band: anything beyond the grants", "s3:DeleteBucket", "arn:aws:s3:::acme-payments-artifacts", "ImplicitlyDenied", [ADMIN]],
  ])("%s: %s %s", async (_name, action, resource, expected, extra = []) => {
    expect(await evaluateSession([deployPermissions, ...extra], deployBoundary, { principal: DEPLOY_SESSION, action, resource, context: ctx })).toBe(expected);
  });
});

describe("permissions of payments-db-migration: a session from inside the window stops working at its end", () => {
  const resource = "arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/migrator";
  it.each<[string, string, Decision]>([
    ["connect inside the window", IN_WINDOW, "Allowed"],
    ["connect after the window (session obtained at 05:59)", "2026-12-01T06:30:00Z", "ImplicitlyDenied"],
    ["connect before the window", "2026-11-30T23:00:00Z", "ImplicitlyDenied"],
  ])("%s (at %s)", async (_name, time, expected) => {
    expect(await evaluateSession([migrationPermissions], migrationBoundary, { principal: MIGRATION_SESSION, action: "rds-db:connect", resource, context: { "aws:CurrentTime": time } })).toBe(expected);
  });

  it("connect as another database user → ImplicitlyDenied", async () => {
    expect(await evaluateSession([migrationPermissions], migrationBoundary, {
      principal: MIGRATION_SESSION, action: "rds-db:connect",
      resource: "arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/admin", context: { "aws:CurrentTime": IN_WINDOW },
    })).toBe("ImplicitlyDenied");
  });
});

describe("kill switch and deny conditions", () => {
  const stack = new TerraformStack(jitApp(), "s");
  new JitRole(stack, "role", {
    roleName: "report",
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "report" },
    identities: [WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" })],
    grants: [
      grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"]),
      grant(["iam:PassRole"], ["arn:aws:iam::111122223333:role/zsp/jit/report-worker"]),
    ],
    denyUnless: { sourceIp: ["203.0.113.0/24"], sourceVpce: ["vpce-0abc12345"], regions: ["eu-west-1"] },
    revokeSessionsIssuedBefore: "2026-11-25T10:00:00Z",
  });
  const out = synthStack(stack);
  const permissions = policyOf(oneResource(out, "aws_iam_role_policy"), "policy");
  const boundary = policyOf(oneResource(out, "aws_iam_policy"), "policy");
  const session = "arn:aws:sts::111122223333:assumed-role/report/run";
  const good = { "aws:CurrentTime": "2026-11-25T12:00:00Z", "aws:TokenIssueTime": "2026-11-25T11:00:00Z", "aws:SourceIp": "203.0.113.7", "aws:RequestedRegion": "eu-west-1", "aws:ViaAWSService": "false" };
  const get = (context: Record<string, string>, action = "s3:GetObject", resource = "arn:aws:s3:::acme-reports/nightly/r.csv") =>
    evaluateSession([permissions], boundary, { principal: session, action, resource, context });

  it.each<[string, Record<string, string | undefined>, Decision]>([
    ["a fresh session from the allowed network and region", {}, "Allowed"],
    ["a session issued before the kill switch", { "aws:TokenIssueTime": "2026-11-25T09:59:59Z" }, "ExplicitlyDenied"],
    ["another source IP", { "aws:SourceIp": "198.51.100.9" }, "ExplicitlyDenied"],
    ["another source IP, aws:ViaAWSService absent from the request", { "aws:SourceIp": "198.51.100.9", "aws:ViaAWSService": undefined }, "ExplicitlyDenied"],
    ["through the allowed VPC endpoint (no public IP)", { "aws:SourceIp": "10.0.0.5", "aws:SourceVpce": "vpce-0abc12345" }, "Allowed"],
    ["through another VPC endpoint", { "aws:SourceIp": "10.0.0.5", "aws:SourceVpce": "vpce-0fff99999" }, "ExplicitlyDenied"],
    ["an AWS service acting for the role from AWS's network", { "aws:SourceIp": "52.95.1.1", "aws:ViaAWSService": "true" }, "Allowed"],
    ["another region", { "aws:RequestedRegion": "us-east-1" }, "ExplicitlyDenied"],
  ])("%s", async (_name, override, expected) => {
    const context = Object.fromEntries(Object.entries({ ...good, ...override }).filter((e): e is [string, string] => e[1] !== undefined));
    expect(await get(context)).toBe(expected);
  });

  it("iam:PassRole granted explicitly passes the boundary for that role only", async () => {
    expect(await get(good, "iam:PassRole", "arn:aws:iam::111122223333:role/zsp/jit/report-worker")).toBe("Allowed");
    expect(await evaluateSession([permissions, ADMIN], boundary, { principal: session, action: "iam:PassRole", resource: "arn:aws:iam::111122223333:role/admin", context: good })).toBe("ExplicitlyDenied");
  });
});

describe("GitHub pins (repositoryId, repositoryOwnerId, jobWorkflowRef), evaluated", () => {
  const stack = new TerraformStack(jitApp(), "pins");
  new JitRole(stack, "role", {
    roleName: "payments-deploy",
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy" },
    identities: [WorkloadIdentity.githubActions({
      providerArn: GH, repo: "acme/payments", environment: "production",
      repositoryId: "123456789", repositoryOwnerId: "987654",
      jobWorkflowRef: "acme/workflows/.github/workflows/deploy.yml@refs/heads/main",
    })],
    grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
  });
  const trust = policyOf(oneResource(synthStack(stack), "aws_iam_role"), "assume_role_policy");
  const pinned = {
    ...claims("repo:acme/payments:environment:production"),
    "token.actions.githubusercontent.com:repository_id": "123456789",
    "token.actions.githubusercontent.com:repository_owner_id": "987654",
    "token.actions.githubusercontent.com:job_workflow_ref": "acme/workflows/.github/workflows/deploy.yml@refs/heads/main",
  };
  it.each<[string, Record<string, string>, Decision]>([
    ["the reviewed workflow of the pinned repository", {}, "Allowed"],
    ["a recreated repository with the same name (new repository_id)", { "token.actions.githubusercontent.com:repository_id": "555000111" }, "ImplicitlyDenied"],
    ["the same name under a new owner (new repository_owner_id)", { "token.actions.githubusercontent.com:repository_owner_id": "111" }, "ImplicitlyDenied"],
    ["another workflow file", { "token.actions.githubusercontent.com:job_workflow_ref": "acme/payments/.github/workflows/ad-hoc.yml@refs/heads/main" }, "ImplicitlyDenied"],
    ["the reviewed workflow from an unreviewed branch", { "token.actions.githubusercontent.com:job_workflow_ref": "acme/workflows/.github/workflows/deploy.yml@refs/heads/feature" }, "ImplicitlyDenied"],
  ])("%s → %s", async (_name, override, expected) => {
    expect(await evaluateTrust(trust, webIdentity(DEPLOY_ARN, { ...pinned, ...override }))).toBe(expected);
  });

  it("a token without the pinned claims → ImplicitlyDenied", async () => {
    expect(await evaluateTrust(trust, webIdentity(DEPLOY_ARN, claims("repo:acme/payments:environment:production")))).toBe("ImplicitlyDenied");
  });
});

describe("trust of the other workload identities, evaluated", () => {
  const EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
  const EKS_HOST = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
  const ANCHOR = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f0e0d0c-0b0a-0908-0706-050403020100";
  const ROLE = "arn:aws:iam::111122223333:role/zsp/jit/nightly-report";
  const trustOf = (identity: WorkloadIdentity): PolicyDocumentJson => {
    const stack = new TerraformStack(jitApp(), "other");
    new JitRole(stack, "role", {
      roleName: "nightly-report",
      ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "report" },
      identities: [identity],
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
    });
    return policyOf(oneResource(synthStack(stack), "aws_iam_role"), "assume_role_policy");
  };
  const eks = trustOf(WorkloadIdentity.eksServiceAccount({ oidcProviderArn: EKS, namespace: "reporting", serviceAccount: "nightly-report" }));
  const anywhere = trustOf(WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, spiffeId: "spiffe://acme.example/ns/reporting/sa/nightly-report" }));
  const sa = (sub: string, aud = "sts.amazonaws.com") => ({ principal: EKS, action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE, context: { [`${EKS_HOST}:sub`]: sub, [`${EKS_HOST}:aud`]: aud } });
  const cert = (uri: string, anchor = ANCHOR, action = "sts:AssumeRole") => ({
    principal: "rolesanywhere.amazonaws.com", action, roleArn: ROLE,
    context: { "aws:SourceArn": anchor, "aws:PrincipalTag/x509SAN/URI": uri },
  });

  it.each<[string, Decision, PolicyDocumentJson, Parameters<typeof evaluateTrust>[1]]>([
    ["EKS: the service account", "Allowed", eks, sa("system:serviceaccount:reporting:nightly-report")],
    ["EKS: another service account in the namespace", "ImplicitlyDenied", eks, sa("system:serviceaccount:reporting:default")],
    ["EKS: the same name in another namespace", "ImplicitlyDenied", eks, sa("system:serviceaccount:batch:nightly-report")],
    ["EKS: a token for another audience", "ImplicitlyDenied", eks, sa("system:serviceaccount:reporting:nightly-report", "vault")],
    ["Roles Anywhere: the certificate's SPIFFE id through the trust anchor", "Allowed", anywhere, cert("spiffe://acme.example/ns/reporting/sa/nightly-report")],
    ["Roles Anywhere: tagging the session, as the service does", "Allowed", anywhere, cert("spiffe://acme.example/ns/reporting/sa/nightly-report", ANCHOR, "sts:TagSession")],
    ["Roles Anywhere: another workload's certificate", "ImplicitlyDenied", anywhere, cert("spiffe://acme.example/ns/reporting/sa/other")],
    ["Roles Anywhere: the same SPIFFE id through another trust anchor", "ImplicitlyDenied", anywhere, cert("spiffe://acme.example/ns/reporting/sa/nightly-report", "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/11111111-2222-3333-4444-555555555555")],
  ])("%s → %s", async (_name, expected, trust, request) => {
    expect(await evaluateTrust(trust, request)).toBe(expected);
  });
});
