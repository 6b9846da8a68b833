import { readFileSync } from "node:fs";
import { join } from "node:path";
import { App, TerraformStack } from "../../provider-shim/core";
import { awsProvider } from "../../provider-shim";
import { testApp } from "./synth";

/** Owner of the test stacks' provider (the example world's payments team). */
const PROVIDER_OWNER = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };

/**
 * A stack in the example world: a default AWS provider in `eu-west-1`, for
 * account 111122223333, assuming `terraform-apply` (what the alert and audit
 * constructs read their home region from).
 */
export function awsStack(id = "test", app: App = testApp()): TerraformStack {
  const stack = new TerraformStack(app, id);
  awsProvider(stack, {
    region: "eu-west-1",
    allowedAccountIds: ["111122223333"],
    assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf", sourceIdentity: "tf-ci" },
    ownership: PROVIDER_OWNER,
  });
  return stack;
}


/** A CloudTrail event as EventBridge delivers it. */
export type CloudTrailEvent = Record<string, unknown> & { detail: Record<string, unknown> };

/** A captured-format CloudTrail event from `test/fixtures/cloudtrail/`. */
export function cloudTrailFixture(name: string): CloudTrailEvent {
  return JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "cloudtrail", name), "utf8")) as CloudTrailEvent;
}

/** A JSON string attribute (a policy, an event pattern), parsed. */
export function parseJson(value: unknown): Record<string, unknown> {
  return JSON.parse(value as string) as Record<string, unknown>;
}
