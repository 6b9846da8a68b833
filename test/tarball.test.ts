import { spawnSync, execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installConsumer, type Consumer } from "./helpers/consumer";

/**
 * The published artifact works for a consumer: pack, install the tarball with the peer dependencies
 * at the locked versions (`npm ci --offline` from the integrity-addressed tarballs the project's own
 * `npm ci` cached, so it works from an empty cache too), import the constructs, synthesize, run the bin.
 */
const ROOT = join(__dirname, "..");

describe("npm pack → install into a fresh project", () => {
  let consumer: Consumer;

  beforeAll(() => {
    consumer = installConsumer({ dependencies: ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-vault"] });
  }, 120000);

  it("imports the constructs, synthesizes a guarded JitRole, and npx zsp check passes on the output", () => {
    const program = `
      const { App, TerraformStack } = require("cdktf");
      const { JitRole, WorkloadIdentity, ZspGuard, ZspProfile, grant } = require("cdktf-zsp");
      const { awsProvider } = require("cdktf-zsp/provider-shim");
      const app = new App({ outdir: "out" });
      const stack = new TerraformStack(app, "consumer");
      ZspProfile.apply(stack, { allowedRegions: ["eu-west-1"] });
      const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "consumer test" };
      awsProvider(stack, {
        region: "eu-west-1", allowedAccountIds: ["111122223333"],
        assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "consumer", sourceIdentity: "consumer" },
        ownership,
      });
      new JitRole(stack, "deploy", {
        roleName: "consumer-deploy", ownership,
        identities: [WorkloadIdentity.githubActions({ providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", repo: "acme/payments", environment: "production" })],
        grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
      });
      ZspGuard.apply(app);
      app.synth();`;
    execFileSync(process.execPath, ["-e", program], { cwd: consumer.dir, encoding: "utf8" });
    const json = JSON.parse(readFileSync(join(consumer.dir, "out", "stacks", "consumer", "cdk.tf.json"), "utf8")) as {
      provider: { aws: Array<{ assume_role: unknown }> };
      resource: { aws_iam_role: Record<string, { path: string }> };
    };
    expect(json.provider.aws[0]?.assume_role).toEqual([{ duration: "15m", role_arn: "arn:aws:iam::111122223333:role/terraform-apply", session_name: "consumer", source_identity: "consumer" }]);
    expect(Object.values(json.resource.aws_iam_role).map((r) => r.path)).toEqual(["/zsp/jit/"]);
    const check = spawnSync("npx", ["--offline", "zsp", "check", "out", "--format", "json"], { cwd: consumer.dir, encoding: "utf8" });
    expect({ code: check.status, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(check.stdout)).toMatchObject({ findings: [], summary: { errors: 0, warnings: 0 } });
  });

  it("installs the zsp bin", () => {
    const r = spawnSync("npx", ["--offline", "zsp", "--version"], { cwd: consumer.dir, encoding: "utf8" });
    expect({ code: r.status, out: r.stdout.trim() }).toEqual({ code: 0, out: (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version });
  });
});
