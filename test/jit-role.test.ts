import { TerraformStack, Testing } from "../provider-shim/core";
import { GithubDeployStack } from "../examples/github-deploy";
import { JitRole, WorkloadIdentity, ZspError, ZspProfile, grant } from "../modules";
import type { JitRoleProps } from "../modules";
import { NOW, jitApp, oneResource, policyOf, resourcesOf, synthStack } from "./helpers/jit";
import { refusalOf } from "./helpers/refusal";

const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const gh = WorkloadIdentity.githubActions({ providerArn: PROVIDER, repo: "acme/payments", environment: "production" });
const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };
const base: JitRoleProps = {
  roleName: "r",
  ownership: owner,
  identities: [gh],
  grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
};

/** Builds a JitRole in a fresh stack; returns the error it throws (or undefined). */
function refusal(props: Partial<JitRoleProps> | Record<string, unknown>, zsp?: unknown): ZspError {
  return refusalOf(() => new JitRole(new TerraformStack(jitApp(zsp), "s"), "role", { ...base, ...props } as JitRoleProps));
}

describe("example github-deploy: synthesized roles", () => {
  const json = synthStack(new GithubDeployStack(jitApp(), "github-deploy"));
  const deployRole = oneResource(json, "aws_iam_role", "payments-deploy_");
  const migrationRole = oneResource(json, "aws_iam_role", "payments-db-migration_");

  it("creates exactly the two JIT roles at /zsp/jit/ with 1 h sessions", () => {
    expect(resourcesOf(json, "aws_iam_role").map((r) => [r.name, r.path, r.max_session_duration])).toEqual([
      ["payments-db-migration", "/zsp/jit/", 3600],
      ["payments-deploy", "/zsp/jit/", 3600],
    ]);
  });

  it("payments-deploy trusts only repo:acme/payments:environment:production with aud sts.amazonaws.com", () => {
    expect(policyOf(deployRole, "assume_role_policy")).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Sid: "TrustGithubActions",
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } },
      }],
    });
  });

  it("payments-deploy may only put releases and update payments-api's code", () => {
    const policy = policyOf(oneResource(json, "aws_iam_role_policy", "payments-deploy_"), "policy");
    expect(policy.Statement).toEqual([
      { Sid: "Grant0", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-payments-artifacts/releases/*" },
      { Sid: "Grant1", Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:lambda:eu-west-1:111122223333:function:payments-api" },
    ]);
  });

  it("payments-db-migration: migration environment, window on trust and permissions, ticket tag", () => {
    const window = { DateGreaterThan: { "aws:CurrentTime": "2026-12-01T02:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2026-12-01T06:00:00Z" } };
    const trust = policyOf(migrationRole, "assume_role_policy");
    expect(trust.Statement[0]?.Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:migration" },
      ...window,
    });
    const permissions = policyOf(oneResource(json, "aws_iam_role_policy", "payments-db-migration_"), "policy");
    expect(permissions.Statement).toEqual([{
      Sid: "Grant0", Effect: "Allow", Action: "rds-db:connect",
      Resource: "arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/migrator",
      Condition: window,
    }]);
    expect(migrationRole.tags).toMatchObject({ "zsp:ticket": "CHG-4821" });
  });

  it("tags every role and boundary with the owner", () => {
    for (const r of [...resourcesOf(json, "aws_iam_role"), ...resourcesOf(json, "aws_iam_policy")]) {
      expect(r.tags).toMatchObject({ "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:access": "jit" });
    }
  });

  it("attaches each role's own boundary and pins inline policies and managed attachments", () => {
    expect(deployRole.permissions_boundary).toMatch(/^\$\{aws_iam_policy\.payments-deploy_Boundary_Policy_[0-9A-F]+\.arn\}$/);
    expect(migrationRole.permissions_boundary).toMatch(/^\$\{aws_iam_policy\.payments-db-migration_Boundary_Policy_[0-9A-F]+\.arn\}$/);
    expect(resourcesOf(json, "aws_iam_role_policies_exclusive").map((r) => r.policy_names)).toEqual([["zsp-permissions"], ["zsp-permissions"]]);
    expect(resourcesOf(json, "aws_iam_role_policy_attachments_exclusive").map((r) => r.policy_arns)).toEqual([[], []]);
  });
});

describe("JitRole contract (IZspRole)", () => {
  const stack = new TerraformStack(jitApp(), "s");
  const role = new JitRole(stack, "role", {
    ...base,
    roleName: "nightly-report",
    identities: [WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server" })],
    account: "111122223333",
  });

  it("exposes ARN, path, literal ARN, trusted roles, session and grants", () => {
    expect(role.roleName).toBe("nightly-report");
    expect(role.rolePath).toBe("/zsp/jit/");
    expect(role.literalArn).toBe("arn:aws:iam::111122223333:role/zsp/jit/nightly-report");
    expect(role.trustedAwsRoleArns).toEqual(["arn:aws:iam::111122223333:role/vault-server"]);
    expect(role.maxSessionSeconds).toBe(3600);
    expect(role.grantStatements.map((s) => s.toJSON())).toEqual([{ Sid: "Grant0", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/nightly/*" }]);
    expect(Testing.synth(stack)).toContain("arn:aws:iam::111122223333:role/vault-server");
  });

  it("reads the account from a federated provider when not given", () => {
    const s = new TerraformStack(jitApp(), "s2");
    expect(new JitRole(s, "r", base).literalArn).toBe("arn:aws:iam::111122223333:role/zsp/jit/r");
  });
});

describe("JitRole options", () => {
  it("denyUnless: one network Deny (IP, VPC, VPCE are alternatives) and one region Deny, both excepting AWS services", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", { ...base, denyUnless: { sourceIp: ["203.0.113.0/24"], sourceVpce: ["vpce-0abc12345"], regions: ["eu-west-1"] } });
    const policy = policyOf(oneResource(synthStack(stack), "aws_iam_role_policy"), "policy");
    expect(policy.Statement.slice(1)).toEqual([
      {
        Sid: "DenyOutsideNetwork", Effect: "Deny", Action: "*", Resource: "*",
        Condition: { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] }, StringNotEquals: { "aws:SourceVpce": ["vpce-0abc12345"] }, BoolIfExists: { "aws:ViaAWSService": "false" } },
      },
      {
        Sid: "DenyOtherRegions", Effect: "Deny", Action: "*", Resource: "*",
        Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] }, BoolIfExists: { "aws:ViaAWSService": "false" } },
      },
    ]);
  });

  it("kill switch: deny-all for tokens issued before the instant", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", { ...base, revokeSessionsIssuedBefore: "2026-11-25T10:00:00Z" });
    const policy = policyOf(oneResource(synthStack(stack), "aws_iam_role_policy"), "policy");
    expect(policy.Statement.at(-1)).toEqual({ Sid: "ZspRevokeOlderSessions", Effect: "Deny", Action: "*", Resource: "*", Condition: { DateLessThan: { "aws:TokenIssueTime": "2026-11-25T10:00:00Z" } } });
  });

  it("uses the profile's boundaryArn instead of creating a boundary", () => {
    const stack = new TerraformStack(jitApp({ boundaryArn: "arn:aws:iam::111122223333:policy/org-boundary" }), "s");
    new JitRole(stack, "role", base);
    const json = synthStack(stack);
    expect(oneResource(json, "aws_iam_role").permissions_boundary).toBe("arn:aws:iam::111122223333:policy/org-boundary");
    expect(resourcesOf(json, "aws_iam_policy")).toEqual([]);
  });

  it("Resource * is accepted for an action without resource-level permissions", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", { ...base, grants: [grant(["ec2:DescribeInstances"], ["*"])] });
    expect(policyOf(oneResource(synthStack(stack), "aws_iam_role_policy"), "policy").Statement[0]).toMatchObject({ Action: "ec2:DescribeInstances", Resource: "*" });
  });

  it("keeps a grant's own conditions and adds the window to them", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", {
      ...base,
      window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" },
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"], { StringEquals: { "s3:ExistingObjectTag/env": "prod" } })],
    });
    expect(policyOf(oneResource(synthStack(stack), "aws_iam_role_policy"), "policy").Statement[0]?.Condition).toEqual({
      StringEquals: { "s3:ExistingObjectTag/env": "prod" },
      DateGreaterThan: { "aws:CurrentTime": "2026-12-01T02:00:00Z" },
      DateLessThan: { "aws:CurrentTime": "2026-12-01T06:00:00Z" },
    });
  });

  it("canonicalizes action spelling from the catalogue", () => {
    const stack = new TerraformStack(jitApp(), "s");
    const role = new JitRole(stack, "role", { ...base, grants: [grant(["S3:getobject"], ["arn:aws:s3:::b/*"])] });
    expect(role.grantStatements[0]?.toJSON().Action).toBe("s3:GetObject");
  });

  it("an expired window is a warning (ZSP013) when the profile says so", () => {
    const stack = new TerraformStack(jitApp({ expiredWindow: "warning" }), "s");
    new JitRole(stack, "role", { ...base, window: { notBefore: "2026-11-01T00:00:00Z", notAfter: "2026-11-02T00:00:00Z" } });
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining("ZSP013 s/role: the window ended at 2026-11-02T00:00:00Z, before now (2026-11-25T12:00:00.000Z)")]);
  });

  it("several identities: one trust statement each, with distinct Sids, all under the window", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", {
      ...base,
      identities: [
        gh,
        WorkloadIdentity.rolesAnywhere({ trustAnchorArn: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f0e0d0c-0b0a-0908-0706-050403020100", spiffeId: "spiffe://acme.example/batch" }),
        WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server" }),
      ],
      window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" },
    });
    const trust = policyOf(oneResource(synthStack(stack), "aws_iam_role"), "assume_role_policy");
    expect(trust.Statement.map((s) => s.Sid)).toEqual(["TrustGithubActions0", "TrustRolesAnywhere1", "TrustAwsRole2"]);
    for (const s of trust.Statement) {
      expect(s.Condition).toMatchObject({ DateGreaterThan: { "aws:CurrentTime": "2026-12-01T02:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2026-12-01T06:00:00Z" } });
    }
  });

  it("the now prop overrides the context clock", () => {
    const stack = new TerraformStack(jitApp(), "s");
    expect(() => new JitRole(stack, "role", { ...base, now: "2026-10-01T00:00:00Z", window: { notBefore: "2026-11-01T00:00:00Z", notAfter: "2026-11-02T00:00:00Z" } })).not.toThrow();
  });
});

describe("JitRole refusals name path, prop, problem and fix", () => {
  it.each<[string, Record<string, unknown>, RegExp, unknown?]>([
    ["bad role name", { roleName: "a b" }, /^s\/role: invalid roleName: "a b" is not an IAM role name\. Fix: use 1-64 characters/],
    ["no ownership", { ownership: undefined }, /invalid ownership: ownership is required/],
    ["ticket mismatch", { ownership: { ...owner, ticket: "CHG-1" }, ticket: "CHG-2" }, /invalid ticket: "CHG-2" differs from ownership.ticket "CHG-1"\. Fix: give the ticket once/],
    ["ticket pattern", { ticket: "chg 1" }, /invalid ownership\.ticket: .*(ticket pattern|characters)/],
    ["session over profile", { maxSession: "2h" }, /invalid maxSession: 2h exceeds the profile's maxSession of 1h/],
    ["session under IAM minimum", { maxSession: "15m" }, /invalid maxSession: 15m is below IAM's minimum max_session_duration of 1h .*sts:DurationSeconds is not a condition key.*Fix: .*role-duration-seconds/],
    ["no identities", { identities: [] }, /invalid identities: no identity may assume the role\. Fix: give at least one, e.g\. \[WorkloadIdentity\.githubActions/],
    ["not an identity", { identities: [{ kind: "github-actions" }] }, /invalid identities\[0\]: is not a WorkloadIdentity/],
    ["no grants", { grants: [] }, /invalid grants: a JIT role without grants has nothing to do/],
    ["wildcard action", { grants: [grant(["*"], ["arn:aws:s3:::b/*"])] }, /invalid grants\[0\]\.actions\[0\]: "\*" is a wildcard action/],
    ["service wildcard", { grants: [grant(["s3:*"], ["arn:aws:s3:::b/*"])] }, /invalid grants\[0\]\.actions\[0\]: "s3:\*" is a wildcard action.*Fix: list the exact actions/],
    ["partial wildcard", { grants: [grant(["s3:Get*"], ["arn:aws:s3:::b/*"])] }, /"s3:Get\*" is a wildcard action/],
    ["unknown action", { grants: [grant(["s3:GetObjekt"], ["arn:aws:s3:::b/*"])] }, /invalid grants\[0\]\.actions\[0\]: "s3:GetObjekt" is not an action in the IAM action catalogue\. Fix: check the spelling; nearest: s3:GetObject/],
    ["unknown service", { grants: [grant(["nosuch:Get"], ["arn:aws:s3:::b/*"])] }, /"nosuch" is not an AWS service prefix in the IAM action catalogue/],
    ["bad action shape", { grants: [grant(["GetObject"], ["arn:aws:s3:::b/*"])] }, /"GetObject" is not of the form service:Action/],
    ["no actions", { grants: [grant([], ["arn:aws:s3:::b/*"])] }, /invalid grants\[0\]\.actions: a grant needs at least one action/],
    ["no resources", { grants: [grant(["s3:GetObject"], [])] }, /invalid grants\[0\]\.resources: a grant needs at least one resource/],
    ["Resource * for scoped action", { grants: [grant(["s3:GetObject"], ["*"])] }, /invalid grants\[0\]\.resources\[0\]: "\*" grants every resource, but s3:GetObject supports resource-level permissions/],
    ["service-wide ARN", { grants: [grant(["s3:GetObject"], ["arn:aws:s3:::*"])] }, /"arn:aws:s3:::\*" grants every resource/],
    ["every object of every bucket", { grants: [grant(["s3:GetObject"], ["arn:aws:s3:::*/*"])] }, /"arn:aws:s3:::\*\/\*" grants every resource, but s3:GetObject supports resource-level permissions/],
    ["every account", { grants: [grant(["lambda:UpdateFunctionCode"], ["arn:aws:lambda:eu-west-1:*:function:payments-api"])] }, /invalid grants\[0\]\.resources\[0\]: "arn:aws:lambda:eu-west-1:\*:function:payments-api" matches resources in every account \(wildcard in the account field\)\. Fix: name the 12-digit account/],
    ["action not a string", { grants: [grant([42 as never], ["arn:aws:s3:::b/*"])] }, /invalid grants\[0\]\.actions\[0\]: 42 is not an action name\. Fix: give "service:Action"/],
    ["empty resource", { grants: [grant(["s3:GetObject"], [""])] }, /invalid grants\[0\]\.resources\[0\]: "" is not a resource ARN\. Fix: give an ARN/],
    ["denyUnless not an object", { denyUnless: "vpc" }, /invalid denyUnless: must be an object\. Fix: give \{ sourceVpc\?, sourceVpce\?, sourceIp\?, regions\? \}/],
    ["not an ARN", { grants: [grant(["s3:GetObject"], ["acme-bucket/*"])] }, /"acme-bucket\/\*" is not an ARN/],
    ["ARN of another service", { grants: [grant(["lambda:UpdateFunctionCode"], ["arn:aws:s3:::b/*"])] }, /"arn:aws:s3:::b\/\*" is a s3 resource, but lambda:UpdateFunctionCode applies to lambda resources/],
    ["ARN for wildcard-only action", { grants: [grant(["ec2:DescribeInstances"], ["arn:aws:ec2:eu-west-1:111122223333:instance/i-1"])] }, /ec2:DescribeInstances support no resource-level permissions.*Fix: use "\*" for these actions/],
    ["escalation action", { grants: [grant(["iam:CreateAccessKey"], ["arn:aws:iam::111122223333:user/x"])] }, /invalid grants\[0\]\.actions: iam:CreateAccessKey create standing credentials or escalate privilege; the ZSP boundary denies them/],
    ["organizations", { grants: [grant(["organizations:LeaveOrganization"], ["*"])] }, /organizations:LeaveOrganization create standing credentials or escalate privilege/],
    ["window garbage", { window: { notBefore: "tomorrow", notAfter: "2026-12-01T06:00:00Z" } }, /invalid window\.notBefore: "tomorrow" is not a UTC timestamp/],
    ["window impossible date", { window: { notBefore: "2026-02-30T00:00:00Z", notAfter: "2026-12-01T06:00:00Z" } }, /invalid window\.notBefore: "2026-02-30T00:00:00Z" is not a UTC timestamp/],
    ["window reversed", { window: { notBefore: "2026-12-01T06:00:00Z", notAfter: "2026-12-01T02:00:00Z" } }, /invalid window\.notAfter: 2026-12-01T02:00:00Z is not after notBefore 2026-12-01T06:00:00Z/],
    ["window over", { window: { notBefore: "2026-11-01T00:00:00Z", notAfter: "2026-11-02T00:00:00Z" } }, /invalid window\.notAfter: the window ended at 2026-11-02T00:00:00Z, before now \(2026-11-25T12:00:00\.000Z\).*Fix: remove the role or give a window that is still to come/],
    ["kill switch garbage", { revokeSessionsIssuedBefore: "now" }, /invalid revokeSessionsIssuedBefore: "now" is not a UTC timestamp/],
    ["denyUnless empty", { denyUnless: {} }, /invalid denyUnless: is empty: it would deny nothing/],
    ["denyUnless bad vpc", { denyUnless: { sourceVpc: ["vpc-xyz"] } }, /invalid denyUnless\.sourceVpc\[0\]: "vpc-xyz" is not valid here\. Fix: give a value like "vpc-0abc1234"/],
    ["denyUnless bad cidr", { denyUnless: { sourceIp: ["10.0.0.0/33"] } }, /invalid denyUnless\.sourceIp\[0\]: "10\.0\.0\.0\/33" is not valid here/],
    ["denyUnless empty list", { denyUnless: { sourceVpce: [] } }, /invalid denyUnless\.sourceVpce: an empty list would deny everything; leave it out instead/],
    ["denyUnless region not allowed", { denyUnless: { regions: ["us-east-1"] } }, /invalid denyUnless\.regions\[0\]: region us-east-1 is not in the profile's allowedRegions \(eu-west-1\)/],
    ["bad account", { account: "123" }, /invalid account: "123" is not a 12-digit account id/],
    ["foreign provider", { account: "444455556666" }, /invalid identities: an OIDC provider or trust anchor in account 111122223333 cannot be trusted by a role in account 444455556666/],
    ["bad now", { now: "yesterday", window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" } }, /invalid now: "yesterday" is not a UTC timestamp/],
    ["bad now without a window", { now: "yesterday" }, /invalid now: "yesterday" is not a UTC timestamp/],
    ["misspelt condition operator", { grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"], { StringEqual: { "s3:ExistingObjectTag/env": "prod" } })] }, /invalid grants\[0\]\.conditions\.StringEqual: "StringEqual" is not an IAM condition operator/],
    ["condition without a value", { grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"], { StringEquals: { "s3:ExistingObjectTag/env": [] } })] }, /invalid grants\[0\]\.conditions\.StringEquals\.s3:ExistingObjectTag\/env: \[\] under "s3:ExistingObjectTag\/env" is not a condition key with a value/],
    ["conditions not a block", { grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"], "prod" as never)] }, /invalid grants\[0\]\.conditions: expected an object, got the string "prod"/],
    ["grant time bound beside a window", { window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" }, grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"], { DateLessThan: { "aws:CurrentTime": "2026-12-01T03:00:00Z" } })] }, /invalid grants\[0\]\.conditions: DateLessThan on aws:CurrentTime is also set by the role's window; two values under one operator and key are ORed by IAM, so the looser bound would win/],
  ])("%s", (_name, props, message) => {
    const error = refusal(props);
    expect(error.message).toMatch(message);
    expect(error.path).toBe("s/role");
  });

  it("no props at all", () => {
    expect(() => new JitRole(new TerraformStack(jitApp(), "s"), "role", undefined as never)).toThrow("s/role: invalid props: expected an object, got nothing (undefined). Fix: give JitRole its props: roleName, ownership, identities and grants");
  });

  it("a bad zsp:now context value is refused naming the context key", () => {
    const app = jitApp(undefined, "not a time");
    expect(() => new JitRole(new TerraformStack(app, "s"), "role", { ...base, window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" } }))
      .toThrow(/invalid context "zsp:now": "not a time" is not a UTC timestamp/);
  });

  it("the profile bounds maxSession set in code", () => {
    const stack = new TerraformStack(jitApp(), "s");
    ZspProfile.apply(stack, { maxSession: "1h" });
    expect(() => new JitRole(stack, "role", { ...base, maxSession: 7200 })).toThrow(/2h exceeds the profile's maxSession of 1h/);
    expect(NOW).toBe("2026-11-25T12:00:00Z");
  });
});
