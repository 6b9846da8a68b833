import { TerraformStack, Testing } from "../provider-shim/core";
import { GithubDeployStack } from "../examples/github-deploy";
import { TfJson, allStrings, testApp } from "./helpers/synth";

const CONTEXT = { allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" };

function synthExample(make: (app: ReturnType<typeof testApp>) => TerraformStack): TfJson {
  const app = testApp(CONTEXT);
  // A fixed clock (JitRole windows): the examples stay valid after their change windows pass.
  app.node.setContext("zsp:now", "2026-11-25T12:00:00Z");
  return JSON.parse(Testing.synth(make(app))) as TfJson;
}

describe("example github-deploy", () => {
  const json = synthExample((app) => new GithubDeployStack(app, "github-deploy"));

  it("applies through a short assume_role in the example account, with ownership default tags", () => {
    expect(json.provider?.aws?.[0]).toMatchObject({
      region: "eu-west-1",
      allowed_account_ids: ["111122223333"],
      assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/terraform-apply", duration: "15m" }],
      default_tags: [{ tags: { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example" } }],
    });
  });

  it("contains no AWS access key anywhere", () => {
    expect(allStrings(json).filter((s) => /AKIA[0-9A-Z]{16}/.test(s))).toEqual([]);
  });
});

describe("example github-deploy after its change window", () => {
  it("still synthesizes, with a ZSP013 warning naming the migration role's window (stack profile: expiredWindow warning)", () => {
    const app = testApp(CONTEXT);
    app.node.setContext("zsp:now", "2026-12-02T00:00:00Z");
    const stack = new GithubDeployStack(app, "github-deploy");
    const json = JSON.parse(Testing.synth(stack)) as TfJson;
    expect(Object.keys(json.resource?.aws_iam_role ?? {})).toHaveLength(2);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringMatching(/^ZSP013 github-deploy\/payments-db-migration: the window ended at 2026-12-01T06:00:00Z/)]);
  });
});
