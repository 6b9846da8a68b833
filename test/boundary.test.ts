import { TerraformStack } from "../provider-shim/core";
import { BOUNDARY_DENIED_ACTIONS, JitRole, PolicyStatement, WorkloadIdentity, ZspBoundary, grant, lookupAction } from "../modules";
import { jitApp, oneResource, policyOf, synthStack } from "./helpers/jit";

const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const base = {
  roleName: "r",
  ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" },
  identities: [WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" })],
};
/** N grants on distinct, long S3 prefixes: a policy of roughly N × 110 characters. */
const manyGrants = (n: number) => Array.from({ length: n }, (_, i) => grant(["s3:GetObject"], [`arn:aws:s3:::acme-reports-with-a-long-bucket-name/a/fairly/deep/prefix/number-${i}/*`]));

describe("ZspBoundary", () => {
  it("every denied action exists in the IAM catalogue (a typo would deny nothing)", () => {
    expect(BOUNDARY_DENIED_ACTIONS.filter((a) => !a.endsWith(":*") && lookupAction(a) === undefined)).toEqual([]);
  });

  it("standalone: allows the given statements, denies escalation, PassRole and chaining except where granted", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new ZspBoundary(stack, "b", {
      policyName: "team-boundary",
      allow: [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] })],
      passRoleResources: ["arn:aws:iam::111122223333:role/worker"],
      tags: { "zsp:owner": "team-payments" },
    });
    const policy = oneResource(synthStack(stack), "aws_iam_policy");
    expect(policy).toMatchObject({ name: "team-boundary", path: "/zsp/", tags: { "zsp:owner": "team-payments" } });
    expect(policyOf(policy, "policy").Statement).toEqual([
      { Sid: "BoundaryAllow0", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
      { Sid: "DenyStandingCredentialsAndEscalation", Effect: "Deny", Action: BOUNDARY_DENIED_ACTIONS, Resource: "*" },
      { Sid: "DenyPassRoleUnlessGranted", Effect: "Deny", Action: "iam:PassRole", NotResource: "arn:aws:iam::111122223333:role/worker" },
      { Sid: "DenyRoleChainingUnlessGranted", Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
    ]);
  });

  it("refuses a bad policy name or path, malformed exception lists and no props", () => {
    const stack = new TerraformStack(jitApp(), "s");
    const allow = [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] })];
    expect(() => new ZspBoundary(stack, "b1", { policyName: "team boundary", allow })).toThrow(
      's/b1: invalid policyName: "team boundary" is not an IAM policy name. Fix: use 1-128 characters of letters, digits and +=,.@_-',
    );
    expect(() => new ZspBoundary(stack, "b2", { policyName: "x", path: "zsp", allow })).toThrow('s/b2: invalid path: "zsp" is not an IAM path');
    expect(() => new ZspBoundary(stack, "b3", { policyName: "x", allow, passRoleResources: "arn:aws:iam::111122223333:role/worker" as never })).toThrow("s/b3: invalid passRoleResources: expected a list (array), got the string \"arn:aws:iam::111122223333:role/worker\"");
    expect(() => new ZspBoundary(stack, "b4", { policyName: "x", allow, assumeRoleResources: [""] })).toThrow("s/b4: invalid assumeRoleResources: every entry must be a role ARN");
    expect(() => new ZspBoundary(stack, "b5", { policyName: "x", allow: [{ effect: "Allow" } as never] })).toThrow("s/b5: invalid allow: a boundary needs at least one Allow statement");
    expect(() => new ZspBoundary(stack, "b6", undefined as never)).toThrow("s/b6: invalid props: expected an object, got nothing (undefined)");
  });

  it("refuses a pass/assume exception that is no role ARN IAM could match (E_ARN), keeps well-formed ones and patterns", () => {
    const stack = new TerraformStack(jitApp(), "s");
    const allow = [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] })];
    const refused = (props: { passRoleResources?: string[]; assumeRoleResources?: string[] }, id: string): unknown => {
      try {
        new ZspBoundary(stack, id, { policyName: "x", allow, ...props });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    // A region in an IAM ARN: IAM is global, so the exception would never match the role and PassRole stays denied.
    expect(refused({ passRoleResources: ["arn:aws:iam:eu-west-1:111122223333:role/worker"] }, "p1")).toMatchObject({
      code: "E_ARN",
      message: expect.stringMatching(/^s\/p1: invalid passRoleResources\[0\]: "arn:aws:iam:eu-west-1:111122223333:role\/worker" does not fit the ARN format of the iam resource type "role".*Fix: write it as arn:aws:iam::111122223333:role\/worker/),
    });
    expect(refused({ assumeRoleResources: ["arn:aws:iam::1111:role/reader"] }, "a1")).toMatchObject({ code: "E_ARN", message: expect.stringContaining("s/a1: invalid assumeRoleResources[0]") });
    expect(refused({ passRoleResources: ["arn:aws:iam::111122223333:role/zsp/*"], assumeRoleResources: ["arn:aws:iam::444455556666:role/reader"] }, "ok")).toBeUndefined();
  });

  it("refuses a boundary with no Allow statement", () => {
    const stack = new TerraformStack(jitApp(), "s");
    expect(() => new ZspBoundary(stack, "b", { policyName: "x", allow: [] })).toThrow(
      "s/b: invalid allow: a boundary needs at least one Allow statement (the ceiling). Fix: pass the role's grant statements",
    );
    expect(() => new ZspBoundary(stack, "c", { policyName: "x", allow: [new PolicyStatement({ effect: "Deny", actions: ["s3:GetObject"], resources: ["*"] })] })).toThrow(/invalid allow: a boundary needs at least one Allow statement/);
  });

  it("a JitRole granting sts:AssumeRole on one role keeps chaining to that role only", () => {
    const stack = new TerraformStack(jitApp(), "s");
    new JitRole(stack, "role", { ...base, grants: [grant(["sts:AssumeRole"], ["arn:aws:iam::444455556666:role/reader"])] });
    const statements = policyOf(oneResource(synthStack(stack), "aws_iam_policy"), "policy").Statement;
    expect(statements.find((s) => s.Sid === "DenyRoleChainingUnlessGranted")).toEqual({ Sid: "DenyRoleChainingUnlessGranted", Effect: "Deny", Action: "sts:AssumeRole", NotResource: "arn:aws:iam::444455556666:role/reader" });
  });
});

describe("IAM policy size limits are refused at synth", () => {
  it("a boundary over 6,144 characters", () => {
    const stack = new TerraformStack(jitApp(), "s");
    expect(() => new JitRole(stack, "role", { ...base, grants: manyGrants(60) })).toThrow(
      /^s\/role: invalid grants: the boundary policy is \d+ characters, over IAM's managed policy limit of 6144\. Fix: split the task into several roles, or set the profile's boundaryArn$/,
    );
  });

  it("an inline policy over 10,240 characters", () => {
    const stack = new TerraformStack(jitApp({ boundaryArn: "arn:aws:iam::111122223333:policy/org-boundary" }), "s");
    expect(() => new JitRole(stack, "role", { ...base, grants: manyGrants(100) })).toThrow(
      /^s\/role: invalid grants: the permissions policy is \d+ characters, over IAM's inline limit of 10240\. Fix: split the task into several roles; a JIT role should be narrow$/,
    );
  });

  it("a window that is not an object", () => {
    const stack = new TerraformStack(jitApp(), "s");
    expect(() => new JitRole(stack, "role", { ...base, grants: manyGrants(1), window: "tomorrow" as never })).toThrow(/invalid window: must be an object \{ notBefore, notAfter \}/);
  });
});
