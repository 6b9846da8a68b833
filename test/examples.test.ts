import { TerraformStack, Testing } from "cdktf";
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
