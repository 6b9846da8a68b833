/**
 * A grant that the role's own `denyUnless` region fence would always deny is
 * refused (E_FENCE): global services take every request in one region. The
 * refusal is proved with iam-simulate: the policy the fence writes denies the
 * call; with the service's region in the fence the synthesized role allows it.
 */
import { TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, denyUnlessStatements, grant } from "../modules";
import type { DenyUnless, Grant, PolicyDocumentJson } from "../modules";
import { GLOBAL_SERVICE_REGIONS } from "../modules/iam/global-services";
import { allServices } from "../modules/iam/catalogue";
import { jitApp, oneResource, policyOf, synthStack } from "./helpers/jit";
import { refusalOf } from "./helpers/refusal";
import { supportAgent } from "./helpers/agent";
import { evaluateSession } from "./helpers/iam";

const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const gh = WorkloadIdentity.githubActions({ providerArn: PROVIDER, repo: "acme/payments", environment: "production" });
const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };
const PROFILE = { allowedRegions: ["eu-west-1", "us-east-1"] };
const SESSION = "arn:aws:sts::111122223333:assumed-role/r/run-1";

const GET_ROLE = grant(["iam:GetRole"], ["arn:aws:iam::111122223333:role/zsp/jit/payments-deploy"]);
const INVALIDATE = grant(["cloudfront:CreateInvalidation"], ["arn:aws:cloudfront::111122223333:distribution/E2ABCDEF123456"]);
const RECORDS = grant(["route53:ChangeResourceRecordSets"], ["arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ"]);

function role(grants: Grant[], denyUnless: DenyUnless, id = "s"): JitRole {
  return new JitRole(new TerraformStack(jitApp(PROFILE), id), "role", { roleName: "r", ownership: owner, identities: [gh], grants, denyUnless });
}

describe("JitRole refuses a grant its region fence always denies (E_FENCE)", () => {
  it.each([
    ["iam:GetRole", GET_ROLE],
    ["cloudfront:CreateInvalidation", INVALIDATE],
    ["route53:ChangeResourceRecordSets", RECORDS],
  ])("%s under denyUnless { regions: [eu-west-1] }", (action, g) => {
    const e = refusalOf(() => role([grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"]), g], { regions: ["eu-west-1"] }));
    expect(e.code).toBe("E_FENCE");
    expect([e.path, e.prop]).toEqual(["s/role", "grants[1].actions[0]"]);
    expect(e.problem).toContain(`${action} is a global service's action: every request to it is in us-east-1`);
    expect(e.problem).toContain("the fence denyUnless.regions [eu-west-1] (Deny statement DenyOtherRegions)");
    expect(e.fix).toContain('add "us-east-1" to denyUnless.regions');
  });

  it("accepts the same grants when the fence includes the service's region, and regional or PassRole grants under any fence", () => {
    expect(() => role([GET_ROLE, INVALIDATE, RECORDS], { regions: ["eu-west-1", "us-east-1"] })).not.toThrow();
    expect(() => role([grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"]), grant(["iam:PassRole"], ["arn:aws:iam::111122223333:role/payments-api"])], { regions: ["eu-west-1"] }, "t")).not.toThrow();
    expect(() => role([GET_ROLE], { sourceIp: ["203.0.113.0/24"] }, "u")).not.toThrow();
  });

  it("is right: the fence's Deny denies the call; with us-east-1 in the fence the synthesized role allows it (iam-simulate)", async () => {
    const request = { principal: SESSION, action: "iam:GetRole", resource: "arn:aws:iam::111122223333:role/zsp/jit/payments-deploy", context: { "aws:RequestedRegion": "us-east-1", "aws:ViaAWSService": "false" } };
    // What the refused role would have been: the grant plus the fence's statements.
    const refused: PolicyDocumentJson = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:GetRole", Resource: request.resource }, ...denyUnlessStatements({ regions: ["eu-west-1"] }, PROFILE.allowedRegions, { path: "p", prop: "denyUnless" }).map((s) => s.toJSON())],
    } as PolicyDocumentJson;
    expect(await evaluateSession([refused], undefined, request)).toBe("ExplicitlyDenied");

    const accepted = role([GET_ROLE], { regions: ["eu-west-1", "us-east-1"] }, "ok");
    const json = synthStack(accepted.node.scope as TerraformStack);
    const permissions = policyOf(oneResource(json, "aws_iam_role_policy"), "policy");
    expect(await evaluateSession([permissions], undefined, request)).toBe("Allowed");
  });

  it("refuses the same in an agent's intent with its own fence", () => {
    const stack = new TerraformStack(jitApp(PROFILE), "a");
    const e = refusalOf(() => supportAgent(stack, owner, { intents: [{ name: "purge-cache", actions: ["cloudfront:CreateInvalidation"], resources: ["arn:aws:cloudfront::111122223333:distribution/E2ABCDEF123456"], denyUnless: { regions: ["eu-west-1"] } }] }));
    expect([e.code, e.prop]).toEqual(["E_FENCE", "props.intents[purge-cache].actions[0]"]);
    expect(e.problem).toContain("props.intents[purge-cache].denyUnless.regions [eu-west-1]");
  });
});

describe("the global-service table", () => {
  it("names only services of the IAM catalogue", () => {
    const known = new Set(allServices());
    expect(Object.keys(GLOBAL_SERVICE_REGIONS).filter((s) => !known.has(s))).toEqual([]);
  });
});
