import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, grant } from "../modules";
import { BreakGlassRole, PolicyStatement } from "../modules";
import type { BreakGlassRoleProps, JitRoleProps } from "../modules";
import { awsStack } from "./helpers/aws";
import { globsIntersect } from "../modules/iam/arn-format";
import { jitApp } from "./helpers/jit";
import { refusalOf } from "./helpers/refusal";
import { supportAgent } from "./helpers/agent";
import { evaluateSession } from "./helpers/iam";

const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const gh = WorkloadIdentity.githubActions({ providerArn: PROVIDER, repo: "acme/payments", environment: "production" });
const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };

function role(actions: string[], resources: string[]): JitRole {
  const props: JitRoleProps = { roleName: "r", ownership: owner, identities: [gh], grants: [grant(actions, resources)] };
  return new JitRole(new TerraformStack(jitApp(), "s"), "role", props);
}

describe("grant: resource ARNs are checked against the ARN formats of the IAM catalogue (E_ARN)", () => {
  it("refuses an S3 object ARN with a region and an account, naming the format and the ARN to write instead", () => {
    const e = refusalOf(() => role(["s3:GetObject"], ["arn:aws:s3:eu-west-1:111122223333:acme-reports/nightly/*"]));
    expect(e.code).toBe("E_ARN");
    expect(e.path).toBe("s/role");
    expect(e.prop).toBe("grants[0].resources[0]");
    expect(e.problem).toContain('"arn:aws:s3:eu-west-1:111122223333:acme-reports/nightly/*"');
    expect(e.problem).toContain("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    expect(e.problem).toMatch(/region field must be empty.*account field must be empty/);
    expect(e.fix).toBe("write it as arn:aws:s3:::acme-reports/nightly/*");
  });

  it("refuses an account id that is not exactly 12 digits", () => {
    for (const account of ["11112222333", "1111222233334", "11112222333x"]) {
      const e = refusalOf(() => role(["lambda:UpdateFunctionCode"], [`arn:aws:lambda:eu-west-1:${account}:function:payments-api`]));
      expect(e.code).toBe("E_ARN");
      expect(e.problem).toContain(`the account must be exactly 12 digits, got "${account}"`);
      expect(e.problem).toContain("arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}");
      expect(e.fix).toContain("12-digit account id");
    }
  });

  it("refuses a region or account missing where the resource type takes them, and one given where it takes none", () => {
    expect(refusalOf(() => role(["lambda:UpdateFunctionCode"], ["arn:aws:lambda::111122223333:function:payments-api"])).problem).toContain("the region field is empty");
    const iam = refusalOf(() => role(["iam:GetRole"], ["arn:aws:iam:eu-west-1:111122223333:role/zsp/jit/x"]));
    expect([iam.code, iam.fix]).toEqual(["E_ARN", "write it as arn:aws:iam::111122223333:role/zsp/jit/x"]);
  });

  it("refuses an ARN that matches no resource type of its service, listing the formats", () => {
    const e = refusalOf(() => role(["lambda:UpdateFunctionCode"], ["arn:aws:lambda:eu-west-1:111122223333:fn:payments-api"]));
    expect(e.code).toBe("E_ARN");
    expect(e.problem).toContain("matches no ARN format of the lambda resource types");
    expect(e.problem).toContain("function: arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}");
  });

  it("accepts the example world's ARNs, region wildcards, policy variables and Terraform references", () => {
    const stack = new TerraformStack(jitApp(), "ok");
    const bucket = new TerraformVariable(stack, "bucket_arn", { type: "string" });
    const cases: Array<[string[], string[]]> = [
      [["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"]],
      [["s3:ListBucket"], ["arn:aws:s3:::acme-reports"]],
      [["lambda:UpdateFunctionCode"], ["arn:aws:lambda:eu-west-1:111122223333:function:payments-api"]],
      [["rds-db:connect"], ["arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/migrator"]],
      [["ecs:UpdateService"], ["arn:aws:ecs:eu-west-1:111122223333:service/support/worker"]],
      [["lambda:InvokeFunction"], ["arn:aws:lambda:*:111122223333:function:payments-*"]],
      [["s3:GetObject"], ["arn:aws:s3:::acme-home/${aws:username}/*"]],
      [["s3:ListBucket"], [bucket.stringValue]],
    ];
    cases.forEach(([actions, resources], i) => {
      expect(() => new JitRole(stack, `r${i}`, { roleName: `r${i}`, ownership: owner, identities: [gh], grants: [grant(actions, resources)] })).not.toThrow();
    });
  });

  it("checks an agent's intents the same way", () => {
    const stack = new TerraformStack(jitApp(), "a");
    const e = refusalOf(() => supportAgent(stack, owner, { intents: [{ name: "read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:eu-west-1:111122223333:acme-support-attachments/*"] }] }));
    expect([e.code, e.fix]).toEqual(["E_ARN", "write it as arn:aws:s3:::acme-support-attachments/*"]);
  });

  it("is right to refuse: IAM never matches the refused S3 form to an object, and matches the suggested one (iam-simulate)", async () => {
    const request = { principal: "arn:aws:sts::111122223333:assumed-role/r/run-1", action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/nightly/2026-12-01.csv", context: {} };
    const policy = (resource: string) => [{ Version: "2012-10-17" as const, Statement: [{ Effect: "Allow" as const, Action: "s3:GetObject", Resource: resource }] }];
    expect(await evaluateSession(policy("arn:aws:s3:eu-west-1:111122223333:acme-reports/nightly/*"), undefined, request)).toBe("ImplicitlyDenied");
    expect(await evaluateSession(policy("arn:aws:s3:::acme-reports/nightly/*"), undefined, request)).toBe("Allowed");
  });
});

describe("BreakGlassRole statements: resource ARNs are checked the same way", () => {
  const base = (statements: PolicyStatement[]): BreakGlassRoleProps => ({
    roleName: "break-glass-admin",
    account: "111122223333",
    trustedPrincipals: ["arn:aws:iam::444455556666:role/incident-commander"],
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "emergency" },
    statements,
    alert: { emails: ["secops@acme.example"] },
  });
  it("refuses an 11-digit account in a statement's resource, and accepts the 12-digit one", () => {
    const arn = (account: string) => `arn:aws:dynamodb:eu-west-1:${account}:table/payments`;
    const e = refusalOf(() => new BreakGlassRole(awsStack("bg1"), "bg", base([new PolicyStatement({ actions: ["dynamodb:DeleteItem"], resources: [arn("11112222333")] })])));
    expect([e.code, e.prop]).toEqual(["E_ARN", "props.statements[0].resources[0]"]);
    expect(e.problem).toContain("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}");
    expect(() => new BreakGlassRole(awsStack("bg2"), "bg", base([new PolicyStatement({ actions: ["dynamodb:DeleteItem"], resources: [arn("111122223333")] })]))).not.toThrow();
  });
});

describe("globsIntersect", () => {
  it.each([
    ["?*/?*", "bucket/*", true],
    ["?*/?*", "bucket", false],
    ["function:?*", "function:payments-*", true],
    ["role/?*", "role*", true],
    ["*x", "x*", true],
    ["a?c", "abd", false],
    ["", "", true],
    ["?*", "", false],
  ])("%s ∩ %s ≠ ∅: %s", (a, b, expected) => {
    expect(globsIntersect(a, b)).toBe(expected);
    expect(globsIntersect(b, a)).toBe(expected);
  });
});
