import { Token } from "../provider-shim/core";
import { WorkloadIdentity } from "../modules";
import type { PolicyStatementJson } from "../modules";
import { refusalOf } from "./helpers/refusal";

const CTX = { path: "stack/role", prop: "identities[0]" };
const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
const ANCHOR = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f0e0d0c-0b0a-0908-0706-050403020100";

const json = (identity: WorkloadIdentity): PolicyStatementJson => identity.bind(CTX).statement.toJSON();
const message = (identity: WorkloadIdentity): string => {
  return refusalOf(() => identity.bind(CTX)).message;
};

describe("WorkloadIdentity.githubActions", () => {
  it("environment subject with exact aud and sub", () => {
    expect(json(WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" }))).toEqual({
      Sid: "TrustGithubActions",
      Effect: "Allow",
      Principal: { Federated: GH },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } },
    });
  });

  it("ref and pull_request subjects", () => {
    expect(json(WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", ref: "refs/heads/main" })).Condition?.StringEquals)
      .toMatchObject({ "token.actions.githubusercontent.com:sub": "repo:acme/payments:ref:refs/heads/main" });
    expect(json(WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", pullRequest: true })).Condition?.StringEquals)
      .toMatchObject({ "token.actions.githubusercontent.com:sub": "repo:acme/payments:pull_request" });
  });

  it("pins repository_id, repository_owner_id and job_workflow_ref next to sub and aud", () => {
    const statement = json(WorkloadIdentity.githubActions({
      providerArn: GH, repo: "acme/payments", environment: "production",
      repositoryId: "123456789", repositoryOwnerId: "987654",
      jobWorkflowRef: "acme/workflows/.github/workflows/deploy.yml@refs/heads/main",
    }));
    expect(statement.Condition).toEqual({
      StringEquals: {
        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
        "token.actions.githubusercontent.com:sub": ["repo:acme@987654/payments@123456789:environment:production", "repo:acme/payments:environment:production"],
        "token.actions.githubusercontent.com:repository_id": "123456789",
        "token.actions.githubusercontent.com:repository_owner_id": "987654",
        "token.actions.githubusercontent.com:job_workflow_ref": "acme/workflows/.github/workflows/deploy.yml@refs/heads/main",
      },
    });
  });

  it("reports the provider's account", () => {
    expect(WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" }).bind(CTX).account).toBe("111122223333");
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["owner wildcard", { repo: "acme/*", environment: "production" }, /^stack\/role: invalid identities\[0\]\.repo: "acme\/\*" is not one repository as OWNER\/NAME \(wildcards would trust every repository they match\)\. Fix: give exactly one repository/],
    ["no name", { repo: "acme", environment: "production" }, /invalid identities\[0\]\.repo: "acme" is not one repository/],
    ["extra path", { repo: "acme/payments/x", environment: "production" }, /invalid identities\[0\]\.repo/],
    ["no subject", { repo: "acme/payments" }, /invalid identities\[0\]: no subject: give environment, ref or pullRequest/],
    ["two subjects", { repo: "acme/payments", environment: "production", ref: "refs/heads/main" }, /environment, ref and pullRequest are alternatives; more than one was given/],
    ["env wildcard", { repo: "acme/payments", environment: "prod*" }, /invalid identities\[0\]\.environment: "prod\*" is not one GitHub environment name/],
    ["env colon", { repo: "acme/payments", environment: "a:b" }, /invalid identities\[0\]\.environment/],
    ["ref wildcard", { repo: "acme/payments", ref: "refs/heads/*" }, /invalid identities\[0\]\.ref: "refs\/heads\/\*" is not one exact git ref/],
    ["short ref", { repo: "acme/payments", ref: "main" }, /invalid identities\[0\]\.ref: "main" is not one exact git ref.*refs\/heads\/main/],
    ["pullRequest not boolean", { repo: "acme/payments", pullRequest: "yes" }, /invalid identities\[0\]\.pullRequest: "yes" is not a boolean/],
    ["other issuer", { providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.com", repo: "acme/payments", environment: "p" }, /invalid identities\[0\]\.providerArn: the OIDC provider is for gitlab.com, not GitHub Actions/],
    ["not a provider", { providerArn: "arn:aws:iam::111122223333:role/x", repo: "acme/payments", environment: "p" }, /invalid identities\[0\]\.providerArn: "arn:aws:iam::111122223333:role\/x" is not an IAM OIDC provider ARN/],
    ["repositoryId", { repo: "acme/payments", environment: "p", repositoryId: "12*" }, /invalid identities\[0\]\.repositoryId: "12\*" is not a valid repository_id claim value/],
    ["repositoryOwnerId", { repo: "acme/payments", environment: "p", repositoryOwnerId: 5 }, /invalid identities\[0\]\.repositoryOwnerId: 5 is not a valid repository_owner_id claim value/],
    ["jobWorkflowRef wildcard", { repo: "acme/payments", environment: "p", jobWorkflowRef: "acme/w/.github/workflows/*.yml@refs/heads/main" }, /invalid identities\[0\]\.jobWorkflowRef: .* is not a valid job_workflow_ref claim value/],
  ])("refuses %s", (_name, props, expected) => {
    expect(message(WorkloadIdentity.githubActions({ providerArn: GH, ...props } as never))).toMatch(expected);
  });

  it("accepts a provider reference and falls back to the github.com issuer", () => {
    const ref = Token.asString({ ref: "provider" });
    expect(Object.keys(json(WorkloadIdentity.githubActions({ providerArn: ref, repo: "acme/payments", environment: "p" })).Condition?.StringEquals ?? {}))
      .toEqual(["token.actions.githubusercontent.com:aud", "token.actions.githubusercontent.com:sub"]);
  });
});

describe("WorkloadIdentity.oidc / eksServiceAccount", () => {
  it("generic OIDC: exact aud and sub under the issuer host", () => {
    const s = json(WorkloadIdentity.oidc({ providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.example.com", issuerHost: "https://gitlab.example.com", audience: "aws", subject: "project_path:acme/payments:ref_type:branch:ref:main" }));
    expect(s.Condition).toEqual({ StringEquals: { "gitlab.example.com:aud": "aws", "gitlab.example.com:sub": "project_path:acme/payments:ref_type:branch:ref:main" } });
  });

  it("EKS service account: sub system:serviceaccount:NS:SA, aud sts.amazonaws.com", () => {
    const s = json(WorkloadIdentity.eksServiceAccount({ oidcProviderArn: EKS, namespace: "reporting", serviceAccount: "nightly-report" }));
    const host = "oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
    expect(s).toMatchObject({ Principal: { Federated: EKS }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { [`${host}:aud`]: "sts.amazonaws.com", [`${host}:sub`]: "system:serviceaccount:reporting:nightly-report" } } });
  });

  it.each<[string, WorkloadIdentity, RegExp]>([
    ["oidc subject wildcard", WorkloadIdentity.oidc({ providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.example.com", issuerHost: "gitlab.example.com", audience: "aws", subject: "project_path:acme/*" }), /invalid identities\[0\]\.subject: "project_path:acme\/\*" is not one exact value \(wildcards widen trust\)/],
    ["oidc empty audience", WorkloadIdentity.oidc({ providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.example.com", issuerHost: "gitlab.example.com", audience: "", subject: "s" }), /invalid identities\[0\]\.audience: "" is not one exact value/],
    ["oidc mismatched issuer", WorkloadIdentity.oidc({ providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.com", issuerHost: "gitlab.example.com", audience: "aws", subject: "s" }), /the OIDC provider is for gitlab.com, but issuerHost is gitlab.example.com/],
    ["oidc bad host", WorkloadIdentity.oidc({ providerArn: "arn:aws:iam::111122223333:oidc-provider/gitlab.com", issuerHost: "not a host", audience: "aws", subject: "s" }), /invalid identities\[0\]\.issuerHost: "not a host" is not an issuer host/],
    ["eks not an EKS issuer", WorkloadIdentity.eksServiceAccount({ oidcProviderArn: GH, namespace: "a", serviceAccount: "b" }), /invalid identities\[0\]\.oidcProviderArn: token.actions.githubusercontent.com is not an EKS cluster issuer/],
    ["eks namespace", WorkloadIdentity.eksServiceAccount({ oidcProviderArn: EKS, namespace: "*", serviceAccount: "b" }), /invalid identities\[0\]\.namespace: "\*" is not a Kubernetes namespace name/],
    ["eks service account", WorkloadIdentity.eksServiceAccount({ oidcProviderArn: EKS, namespace: "a", serviceAccount: "B_" }), /invalid identities\[0\]\.serviceAccount: "B_" is not a Kubernetes service account name/],
    ["eks reference without issuer", WorkloadIdentity.eksServiceAccount({ oidcProviderArn: Token.asString({ ref: 1 }), namespace: "a", serviceAccount: "b" }), /invalid identities\[0\]\.oidcProviderArn: is a reference, so the issuer host .* cannot be read from it\. Fix: also give issuerHost/],
  ])("refuses %s", (_name, identity, expected) => {
    expect(message(identity)).toMatch(expected);
  });
});

describe("WorkloadIdentity.rolesAnywhere / awsRole", () => {
  it("Roles Anywhere: service principal, trust anchor SourceArn, SPIFFE URI SAN", () => {
    expect(json(WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, spiffeId: "spiffe://acme.example/ns/batch/sa/report" }))).toEqual({
      Sid: "TrustRolesAnywhere",
      Effect: "Allow",
      Principal: { Service: "rolesanywhere.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
      Condition: { ArnEquals: { "aws:SourceArn": ANCHOR }, StringEquals: { "aws:PrincipalTag/x509SAN/URI": "spiffe://acme.example/ns/batch/sa/report" } },
    });
    expect(json(WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, subjectCN: "report.batch" })).Condition?.StringEquals).toEqual({ "aws:PrincipalTag/x509Subject/CN": "report.batch" });
  });

  it("awsRole: one named role, optional external id", () => {
    const bound = WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server", externalId: "vault-1" }).bind(CTX);
    expect(bound.statement.toJSON()).toEqual({ Sid: "TrustAwsRole", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/vault-server" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "vault-1" } } });
    expect(bound.trustedAwsRoleArn).toBe("arn:aws:iam::111122223333:role/vault-server");
    expect(json(WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server", tagSession: true })).Action).toEqual(["sts:AssumeRole", "sts:TagSession"]);
  });

  it.each<[string, WorkloadIdentity, RegExp]>([
    ["anchor not an anchor", WorkloadIdentity.rolesAnywhere({ trustAnchorArn: "arn:aws:iam::111122223333:role/x", spiffeId: "spiffe://a/b" }), /invalid identities\[0\]\.trustAnchorArn: .* is not a Roles Anywhere trust anchor ARN/],
    ["neither id", WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR }), /invalid identities\[0\]: give exactly one of spiffeId and subjectCN/],
    ["both ids", WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, spiffeId: "spiffe://a/b", subjectCN: "x" }), /give exactly one of spiffeId and subjectCN/],
    ["spiffe wildcard", WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, spiffeId: "spiffe://acme.example/*" }), /invalid identities\[0\]\.spiffeId: "spiffe:\/\/acme.example\/\*" is not one exact SPIFFE id/],
    ["CN wildcard", WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, subjectCN: "*.batch" }), /invalid identities\[0\]\.subjectCN: "\*\.batch" is not one exact value/],
    ["star", WorkloadIdentity.awsRole({ roleArn: "*" }), /invalid identities\[0\]\.roleArn: \* would trust every AWS principal\. Fix: trust one named role/],
    ["account root", WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:root" }), /invalid identities\[0\]\.roleArn: arn:aws:iam::111122223333:root is an account root: every principal the account allows/],
    ["bare account", WorkloadIdentity.awsRole({ roleArn: "111122223333" }), /111122223333 is an account root/],
    ["user", WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:user/bob" }), /"arn:aws:iam::111122223333:user\/bob" is not an IAM role ARN/],
    ["role wildcard", WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-*" }), /"arn:aws:iam::111122223333:role\/vault-\*" is not an IAM role ARN/],
    ["tagSession not boolean", WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server", tagSession: "yes" as never }), /invalid identities\[0\]\.tagSession: "yes" is not a boolean/],
    ["external id", WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server", externalId: "x" }), /invalid identities\[0\]\.externalId: "x" is not a valid external id/],
  ])("refuses %s", (_name, identity, expected) => {
    expect(message(identity)).toMatch(expected);
  });
});
