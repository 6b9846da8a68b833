import { TerraformResource, TerraformStack, Testing } from "../provider-shim/core";
import { Construct } from "constructs";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Guard, ZspGuard } from "../modules";
import { tempDir } from "./helpers/temp";

/**
 * DESIGN.md: the check at synth and the check in CI "cannot disagree". This
 * runs both on one stack — the ZspGuard Aspect through cdktf's validation,
 * and the zsp bin on the JSON that stack synthesizes — and compares findings.
 */
const NOW = "2026-12-02T00:00:00Z";
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "agreement test", "zsp:access": "jit" };
const trust = (principal: unknown): string => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });

class Raw extends TerraformResource {
  public constructor(scope: Construct, id: string, type: string, private readonly attrs: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: type });
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attrs;
  }
}

/** A stack with errors and warnings of several rules, and one suppressed finding (the untagged bucket). */
function build(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "agreement");
  stack.addOverride("provider.aws", [{ region: "eu-west-1", access_key: "${var.k}", secret_key: "${var.s}" }]);
  new Raw(stack, "ci", "aws_iam_user", { name: "ci", tags: TAGS });
  new Raw(stack, "role", "aws_iam_role", { name: "app", path: "/zsp/jit/", assume_role_policy: trust({ AWS: "arn:aws:iam::111122223333:root" }), max_session_duration: 7200, tags: TAGS });
  new Raw(stack, "policy", "aws_iam_role_policy", {
    name: "p", role: "${aws_iam_role.app.name}",
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: "*" }] }),
  });
  new Raw(stack, "dynamic", "aws_iam_policy", { name: "d", policy: "${jsonencode(var.doc)}", tags: TAGS });
  const bucket = new Raw(stack, "bucket", "aws_s3_bucket", { bucket: "legacy" });
  Guard.suppress(bucket, "ZSP012", { reason: "legacy bucket, tagged in CHG-4900", owner: "team-payments", expires: "2026-12-31" });
  ZspGuard.apply(stack, { now: () => new Date(NOW), strict: true });
  return stack;
}

/** The findings ZspGuard lists when it fails synth: `RULE severity address: message`. */
function guardFindings(stack: TerraformStack): string[] {
  let message = "";
  try {
    Testing.synth(stack, true);
  } catch (e) {
    message = (e as Error).message;
  }
  return [...message.matchAll(/zsp guard: (ZSP\d{3}) (error|warning) (\S+)(?: \([^)]*\))?: (.*)$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}: ${m[4]}`).sort();
}

describe("the guard at synth and zsp check agree", () => {
  const stack = build();
  const fromGuard = guardFindings(stack);
  // What `cdktf synth` writes for the stack: its Terraform JSON, "//" metadata (suppressions, profile) included.
  const file = join(tempDir("zsp-agree-"), "cdk.tf.json");
  writeFileSync(file, JSON.stringify(stack.toTerraform(), null, 2));
  const cli = spawnSync(process.execPath, [join(__dirname, "..", "dist", "cli", "bin.js"), "check", file, "--format", "json", "--now", NOW], { encoding: "utf8" });
  const json = JSON.parse(cli.stdout) as { findings: Array<{ rule: string; severity: string; address: string; message: string; stack: string; suppressed?: true }> };

  it("the guard fails synth on several rules, errors and warnings", () => {
    expect(new Set(fromGuard.map((f) => f.split(" ")[0]))).toEqual(new Set(["ZSP000", "ZSP001", "ZSP002", "ZSP004", "ZSP005", "ZSP014"]));
    expect(fromGuard.some((f) => / warning /.test(f))).toBe(true);
  });

  it("zsp check on the synthesized JSON reports exactly the same findings, and the suppressed one marked", () => {
    expect(cli.status).toBe(1);
    const unsuppressed = json.findings.filter((f) => !f.suppressed).map((f) => `${f.rule} ${f.severity} ${f.address}: ${f.message}`).sort();
    expect(unsuppressed).toEqual(fromGuard);
    expect(json.findings.filter((f) => f.suppressed).map((f) => `${f.rule} ${f.address}`)).toEqual([expect.stringMatching(/^ZSP012 aws_s3_bucket\.bucket/)]);
    expect(new Set(json.findings.map((f) => f.stack))).toEqual(new Set(["agreement"]));
  });
});
