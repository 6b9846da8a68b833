/**
 * The golden module of examples/golden: a consumer gets the organisation's
 * boundary, regions, ticket pattern and bounds, and cannot loosen them.
 */
import { TerraformStack, Testing } from "../provider-shim/core";
import { ACME_BOUNDARY_ARN, acme } from "../examples/golden/acme";
import type { AcmeJitRoleProps } from "../examples/golden/acme";
import { WorkloadIdentity, ZspError, ZspProfile, grant, resolveProfile, restrictProfile } from "../modules";
import type { PolicyDocumentJson, ZspProfileProps } from "../modules";
import { TfJson, testApp } from "./helpers/synth";
import { only } from "./helpers/vault";
import { refusalOf } from "./helpers/refusal";

const GITHUB = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const PROPS: AcmeJitRoleProps = {
  roleName: "payments-deploy",
  owner: "team-payments",
  purpose: "deploy the payments service",
  identities: [WorkloadIdentity.githubActions({ providerArn: GITHUB, repo: "acme/payments", environment: "production" })],
  grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
  ticket: "CHG-4821",
};

/** Synthesizes a consumer stack: its own profile (if any), then the golden role. */
function consumer(props: Partial<AcmeJitRoleProps> & Record<string, unknown> = {}, own?: ZspProfileProps, context?: unknown): TfJson {
  const stack = new TerraformStack(testApp(context), "consumer");
  if (own !== undefined) ZspProfile.apply(stack, own);
  acme.jitRole(stack, "deploy", { ...PROPS, ...props } as AcmeJitRoleProps);
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

function refusal(props: Partial<AcmeJitRoleProps> & Record<string, unknown>, own?: ZspProfileProps, context?: unknown): ZspError {
  return refusalOf(() => consumer(props, own, context));
}

describe("acme.jitRole", () => {
  const tf = consumer();
  const role = only(tf, "aws_iam_role");
  const permissions = JSON.parse(only(tf, "aws_iam_role_policy").policy as string) as PolicyDocumentJson;

  it("uses the organisation's boundary and creates none of its own", () => {
    expect(role.permissions_boundary).toBe(ACME_BOUNDARY_ARN);
    expect(tf.resource?.aws_iam_policy).toBeUndefined();
  });

  it("takes the contact from the owner directory and the ticket as a tag", () => {
    expect(role.tags).toEqual({ "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "deploy the payments service", "zsp:access": "jit", "zsp:ticket": "CHG-4821" });
  });

  it("always fences requests to the organisation's regions", () => {
    expect(permissions.Statement.find((s) => s.Sid === "DenyOtherRegions")).toMatchObject({ Effect: "Deny", Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } } });
  });
});

describe("a consumer cannot loosen the organisation profile", () => {
  const LOOSE: ZspProfileProps = { maxSession: "12h", allowedRegions: ["us-east-1", "eu-west-1"], ticketPattern: ".*", expiredWindow: "warning" };

  it("a longer maxSession applied on the stack is ignored: 2h is still refused", () => {
    const e = refusal({ maxSession: "2h" }, LOOSE);
    expect(e.prop).toBe("maxSession");
    expect(e.message).toContain("2h exceeds the profile's maxSession of 1h");
  });

  it("the same holds for a loose profile in cdktf.json context", () => {
    expect(refusal({ maxSession: "2h" }, undefined, { maxSession: "12h", allowedRegions: ["us-east-1", "eu-west-1"] }).message).toContain("exceeds the profile's maxSession of 1h");
  });

  it("extra regions, in the stack's profile or smuggled into network, are ignored: the fence stays eu-west-1", () => {
    const tf = consumer({ network: { regions: ["us-east-1"] } as unknown as AcmeJitRoleProps["network"] }, LOOSE);
    const permissions = JSON.parse(only(tf, "aws_iam_role_policy").policy as string) as PolicyDocumentJson;
    expect(permissions.Statement.find((s) => s.Sid === "DenyOtherRegions")?.Condition).toEqual({ StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] }, BoolIfExists: { "aws:ViaAWSService": "false" } });
  });

  it("a consumer profile with no region in common with the organisation's is refused", () => {
    expect(refusal({}, { allowedRegions: ["us-east-1"] }).message).toContain("no region is allowed by both profiles");
  });

  it("a looser ticket pattern is ignored: a ticket outside CHG-/INC- is refused", () => {
    const e = refusal({ ticket: "JIRA-12" }, LOOSE);
    expect(e.prop).toBe("ownership.ticket");
    expect(e.message).toContain('"JIRA-12" does not match the profile\'s ticket pattern');
  });

  it("another boundary in the consumer's profile is refused, naming both", () => {
    const e = refusal({}, { boundaryArn: "arn:aws:iam::111122223333:policy/wide-open" });
    expect(e.prop).toBe("profile.boundaryArn");
    expect(e.message).toContain("a role has one permissions boundary");
    expect(e.message).toContain("arn:aws:iam::111122223333:policy/wide-open");
  });

  it("the boundary cannot be removed or replaced through props: unknown props are ignored", () => {
    const tf = consumer({ boundaryArn: undefined, permissionsBoundary: "arn:aws:iam::111122223333:policy/wide-open", contact: "me@evil.example", account: "444455556666" });
    const role = only(tf, "aws_iam_role");
    expect(role.permissions_boundary).toBe(ACME_BOUNDARY_ARN);
    expect((role.tags as Record<string, string>)["zsp:contact"]).toBe("payments-oncall@acme.example");
  });

  it("a stricter organisation profile in cdktf.json is kept: the golden module's own pattern does not loosen it", () => {
    // With ZspProfile.apply in place of restrict, ACME's ^(CHG|INC)- would replace the ^CHG- in force and INC-7 would pass.
    const e = refusal({ ticket: "INC-7" }, undefined, { ticketPattern: "^CHG-[0-9]+$" });
    expect(e.prop).toBe("ownership.ticket");
    expect(e.message).toContain('"INC-7" does not match the profile\'s ticket pattern');
    expect((only(consumer({ ticket: "CHG-4821" }, undefined, { ticketPattern: "^CHG-[0-9]+$" }), "aws_iam_role").tags as Record<string, string>)["zsp:ticket"]).toBe("CHG-4821");
  });

  it("a stricter consumer profile is kept", () => {
    const e = refusal({ ticket: "INC-7" }, { ticketPattern: "^CHG-" });
    expect(e.message).toContain('"INC-7" does not match');
  });
});

describe("the owner directory", () => {
  it("refuses an unknown owner, listing the known teams", () => {
    const e = refusal({ owner: "team-growth" });
    expect(e.prop).toBe("owner");
    expect(e.message).toContain('"team-growth" is not a team in ACME\'s owner directory');
    expect(e.message).toContain("team-payments, team-support, team-reporting");
  });

  it("refuses a missing owner", () => {
    const e = refusal({ owner: undefined });
    expect(e.prop).toBe("owner");
    expect(e.message).toContain("every ACME role has an owning team");
  });

  it("is not fooled by inherited object keys", () => {
    expect(refusal({ owner: "constructor" }).message).toContain("is not a team");
  });
});

describe("restrictProfile with two boundaries", () => {
  it("refuses a second, different boundary and keeps an equal one", () => {
    const org = resolveProfile({ boundaryArn: ACME_BOUNDARY_ARN }, "org");
    expect(() => restrictProfile(org, { boundaryArn: "arn:aws:iam::111122223333:policy/other" }, "team")).toThrow(ZspError);
    expect(restrictProfile(org, { boundaryArn: ACME_BOUNDARY_ARN }, "team").boundaryArn).toBe(ACME_BOUNDARY_ARN);
    expect(restrictProfile(org, {}, "team").boundaryArn).toBe(ACME_BOUNDARY_ARN);
  });
});
