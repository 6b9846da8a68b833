import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Testing } from "../provider-shim/core";
import { GithubDeployStack } from "../examples/github-deploy";
import { JitRole, WorkloadIdentity, grant } from "../modules";
import { GITHUB_OIDC_PROVIDER_ARN } from "../examples/world";
import { check } from "../modules/guard/engine";
import { loadDocument } from "../modules/guard/engine";
import { TRAIL, role, synthExamples, trailDir, tightenJson, zsp } from "./helpers/tighten";
import { jitApp } from "./helpers/jit";

const LOGS = join(TRAIL, "AWSLogs");
const DEPLOY_ARN = "arn:aws:iam::111122223333:role/zsp/jit/payments-deploy";
let out: string;
beforeAll(() => {
  out = synthExamples();
});

describe("zsp tighten on delivered CloudTrail (AWSLogs tree, gzipped and plain)", () => {
  it("payments-deploy only uploaded releases: the proposal drops lambda:UpdateFunctionCode, proved", () => {
    const r = role(tightenJson(out, "--cloudtrail", LOGS), "payments-deploy");
    expect(r.roleArn).toBe(DEPLOY_ARN);
    expect(r.unused).toEqual([{ action: "lambda:UpdateFunctionCode", resource: "arn:aws:lambda:eu-west-1:111122223333:function:payments-api" }]);
    expect(r.proposed?.grants).toEqual([{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::acme-payments-artifacts/releases/*"] }]);
    expect(r.proof.proved).toBe(true);
    // The multipart upload is authorized as s3:PutObject; GetCallerIdentity needs no permission and is no usage.
    expect(r.used).toEqual([{ action: "s3:PutObject", resource: "arn:aws:s3:::acme-payments-artifacts/releases/v1.*", calls: 9 }]);
    expect(r.denied).toEqual([{ action: "lambda:GetFunction", resource: "arn:aws:lambda:eu-west-1:111122223333:function:payments-api", errorCode: "AccessDenied", calls: 1 }]);
    expect(r.events).toMatchObject({ allowed: 9, denied: 1, obtained: 3 });
  });

  it("attributes payments-deploy's sessions to the GitHub OIDC subject, and proposes its region but no network (a new runner address per job)", () => {
    const r = role(tightenJson(out, "--cloudtrail", LOGS), "payments-deploy");
    expect(r.baseline.sources).toEqual([{
      subject: "repo:acme/payments:environment:production",
      provider: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      sourceIdentity: "", obtained: 3, calls: 13,
    }]);
    expect(r.baseline.regions).toEqual({ "eu-west-1": 9 });
    expect(r.proposed?.denyUnless).toEqual({ regions: ["eu-west-1"] });
    expect(r.proposed?.regularHoursUtc).toEqual({ from: 9, to: 15 });
    expect(r.notes.join("\n")).toMatch(/no network condition: calls came from addresses seen on one day only/);
  });

  it("keeps what CloudTrail never records: payments-db-migration's rds-db:connect, with its window conditions", () => {
    const r = role(tightenJson(out, "--cloudtrail", LOGS), "payments-db-migration");
    expect(r.unused).toEqual([]);
    expect(r.unknowable).toEqual([expect.objectContaining({ action: "rds-db:connect", reason: "CloudTrail does not record rds-db:connect" })]);
    expect(r.proposed?.grants).toEqual([{
      actions: ["rds-db:connect"],
      resources: ["arn:aws:rds-db:eu-west-1:111122223333:dbuser:db-ABCDEFGHIJKL/migrator"],
      conditions: { DateGreaterThan: { "aws:CurrentTime": ["2026-12-01T02:00:00Z"] }, DateLessThan: { "aws:CurrentTime": ["2026-12-01T06:00:00Z"] } },
    }]);
    expect(r.baseline.sources).toEqual([expect.objectContaining({ subject: "repo:acme/payments:environment:migration", obtained: 2, calls: 0 })]);
  });

  it("follows the AssumeRoleWithWebIdentity chain to nightly-report, counts vault-server's own events as a role not in the input", () => {
    const result = tightenJson(out, "--cloudtrail", LOGS);
    const r = role(result, "nightly-report");
    expect(r.baseline.sources).toEqual([{ subject: "arn:aws:iam::111122223333:role/vault-server", provider: "", sourceIdentity: "nightly-report", obtained: 3, calls: 7 }]);
    expect(r.proposed?.denyUnless).toEqual({ sourceVpce: ["vpce-0a1b2c3d4e5f60718"], regions: ["eu-west-1"] });
    expect(r.proposed?.regularHoursUtc).toEqual({ from: 2, to: 3 });
    expect(r.denied).toEqual([{ action: "s3:ListBucket", resource: "arn:aws:s3:::acme-reports", errorCode: "AccessDenied", calls: 1 }]);
    expect(result.summary.otherRoles).toEqual({ "arn:aws:iam::111122223333:role/vault-server": 6 });
    expect(result.summary).toMatchObject({ files: 10, records: 31, bad: 0, roles: 3, proved: 3 });
  });

  it("reads the CloudTrail Lake JSON-lines and CSV exports of the same events to the same result", () => {
    const fromTree = tightenJson(out, "--cloudtrail", LOGS).roles;
    expect(tightenJson(out, "--cloudtrail", join(TRAIL, "lake-export.jsonl")).roles).toEqual(fromTree);
    expect(tightenJson(out, "--cloudtrail", join(TRAIL, "lake-export.csv")).roles).toEqual(fromTree);
  });

  it("reads a Lake export whose lines wrap the record as eventJson text, gzipped", () => {
    const dir = trailDir();
    const lines = readFileSync(join(TRAIL, "lake-export.jsonl"), "utf8").trim().split("\n").map((l) => JSON.stringify({ eventJson: l }));
    writeFileSync(join(dir, "export.gz"), new Uint8Array(gzipSync(lines.join("\n"))));
    expect(tightenJson(out, "--cloudtrail", join(dir, "export.gz")).roles).toEqual(tightenJson(out, "--cloudtrail", LOGS).roles);
  });

  it("--since keeps only the period's events", () => {
    const result = tightenJson(out, "--cloudtrail", LOGS, "--since", "20d", "--now", "2026-12-02T00:00:00Z");
    // From 2026-11-12: one release job (3 uploads + a multipart upload), no nightly report, the migration.
    expect(role(result, "payments-deploy").events).toMatchObject({ allowed: 5, obtained: 1 });
    expect(role(result, "nightly-report").events.calls).toBe(0);
    // No S3 data event of bucket acme-reports in the period: its GetObject grant cannot be judged unused.
    expect(role(result, "nightly-report").unused).toEqual([]);
    expect(role(result, "nightly-report").unknowable).toEqual([{ action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/nightly/*", reason: "the logs hold no S3 data events for bucket acme-reports, so s3:GetObject use there cannot be known" }]);
    expect(result.summary.outsidePeriod).toBeGreaterThan(0);
  });
});

describe("zsp tighten --format ts", () => {
  it("prints grants and denyUnless that make a valid JitRole, which passes the guard", () => {
    const r = zsp("tighten", out, "--cloudtrail", LOGS, "--format", "ts");
    expect(r.code).toBe(0);
    const block = /\/\/ payments-deploy [^\n]*\n(?:\/\/[^\n]*\n)*(grants: \[[\s\S]*?\],\n(?:denyUnless: [^\n]*\n)?)/.exec(r.stdout)?.[1];
    expect(block).toBeDefined();
    const props = new Function("grant", `return {${block as string}};`)(grant) as { grants: ReturnType<typeof grant>[]; denyUnless: { regions: string[] } };
    expect(props).toEqual({ grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])], denyUnless: { regions: ["eu-west-1"] } });
    const app = jitApp();
    const stack = new GithubDeployStack(app, "github-deploy");
    const tightened = new JitRole(stack, "payments-deploy-tightened", {
      roleName: "payments-deploy-tightened",
      ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy" },
      identities: [WorkloadIdentity.githubActions({ providerArn: GITHUB_OIDC_PROVIDER_ARN, repo: "acme/payments", environment: "production" })],
      ...props,
    });
    const json = Testing.synth(stack);
    expect(JSON.stringify(tightened.permissionsPolicy.toJSON())).toMatch(/"Action":"s3:PutObject".*"DenyOtherRegions"/);
    const findings = check(loadDocument(JSON.parse(json) as unknown, "github-deploy"), { now: new Date("2026-11-25T12:00:00Z") }).findings;
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("zsp tighten: bad input", () => {
  it("names the file and record number of a malformed record and exits 2", () => {
    const dir = trailDir();
    const file = join(dir, "111122223333_CloudTrail_eu-west-1_20261102T0920Z_bad.json");
    const good = readFileSync(join(TRAIL, "lake-export.jsonl"), "utf8").trim().split("\n");
    writeFileSync(file, `{"Records":[${good[0] as string},{"eventVersion":"1.08","eventTime":"2026-11-02T09:00:00Z"},${good[1] as string}]}`);
    const r = zsp("tighten", out, "--cloudtrail", dir);
    expect(r).toMatchObject({ code: 2, stdout: "" });
    expect(r.stderr).toBe(`zsp tighten: ${file}: record 2 is not a CloudTrail record (no eventSource, eventName or eventTime)\n`);
  });

  it("names a truncated gzip file and exits 2; --skip-bad counts it and goes on", () => {
    const dir = trailDir();
    const whole = readFileSync(join(LOGS, "111122223333", "CloudTrail", "eu-west-1", "2026", "11", "16", "111122223333_CloudTrail_eu-west-1_20261116T1020Z_0005EXAMPLE.json.gz"));
    const cut = join(dir, "cut.json.gz");
    writeFileSync(cut, new Uint8Array(whole.subarray(0, Math.floor(whole.length / 2))));
    copyFileSync(join(TRAIL, "lake-export.jsonl"), join(dir, "rest.jsonl"));
    const r = zsp("tighten", out, "--cloudtrail", dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^zsp tighten: ${cut.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: truncated gzip after record \\d+\\n$`));
    const skipped = tightenJson(out, "--cloudtrail", dir, "--skip-bad");
    expect(skipped.summary.bad).toBe(1);
    expect(skipped.summary.badExamples[0]).toMatch(/cut\.json\.gz: truncated gzip/);
  });

  it("counts a malformed JSON line under --skip-bad and still tightens", () => {
    const dir = trailDir();
    const lines = readFileSync(join(TRAIL, "lake-export.jsonl"), "utf8").trim().split("\n");
    lines.splice(3, 0, '{"eventTime": "2026-11-02T09:', "");
    writeFileSync(join(dir, "x.jsonl"), lines.join("\n"));
    expect(zsp("tighten", out, "--cloudtrail", dir).stderr).toMatch(/x\.jsonl: record 4 is not JSON/);
    const result = tightenJson(out, "--cloudtrail", dir, "--skip-bad");
    expect(result.summary.bad).toBe(1);
    expect(role(result, "payments-deploy").proof.proved).toBe(true);
  });

  it("refuses usage errors with one line", () => {
    expect(zsp("tighten", out)).toMatchObject({ code: 2, stderr: "zsp tighten: missing --cloudtrail <file|dir>: the CloudTrail logs to learn from\n" });
    expect(zsp("tighten", out, "--cloudtrail", LOGS, "--format", "yaml").stderr).toBe('zsp tighten: unknown --format "yaml": use md, json or ts\n');
    expect(zsp("tighten", out, "--cloudtrail", "/nonexistent/trail").stderr).toBe("zsp tighten: cannot read /nonexistent/trail: ENOENT\n");
  });
});

describe("zsp tighten: markdown", () => {
  it("is the default and says per role whether the proposal is proved", () => {
    const r = zsp("tighten", out, "--cloudtrail", LOGS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^## payments-deploy: proved$/m);
    expect(r.stdout).toMatch(/^\| lambda:UpdateFunctionCode \| arn:aws:lambda:eu-west-1:111122223333:function:payments-api \|$/m);
  });
});

describe("zsp check --usage (ZSP019)", () => {
  it("reports each grant unused all period as a warning on its role, never what the logs cannot show", () => {
    const usage = join(trailDir(), "tighten.json");
    expect(zsp("tighten", out, "--cloudtrail", LOGS, "--format", "json", "--output", usage).code).toBe(0);
    const r = zsp("check", out, "--usage", usage, "--format", "json", "--now", "2026-11-25T12:00:00Z");
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; severity: string; address: string; message: string; stack: string }> }).findings.filter((f) => f.rule === "ZSP019");
    expect(findings).toEqual([{
      rule: "ZSP019", severity: "warning", stack: "github-deploy", address: "aws_iam_role.payments-deploy_Role_7C2FAF9B",
      message: "grants lambda:UpdateFunctionCode on arn:aws:lambda:eu-west-1:111122223333:function:payments-api, unused over the observed period (from 2026-11-02T09:14:02Z to 2026-11-16T10:17:00Z, 13 call(s) of the role observed). Fix: remove it; zsp tighten proposes a smaller grant set proved to grant nothing new.",
    }]);
    expect(zsp("check", out, "--usage", usage, "--strict", "--now", "2026-11-25T12:00:00Z").code).toBe(1);
    expect(zsp("check", out, "--format", "json", "--now", "2026-11-25T12:00:00Z").stdout).not.toMatch(/ZSP019/);
  });

  it("refuses a usage file that is not zsp tighten output", () => {
    const bad = join(trailDir(), "usage.json");
    writeFileSync(bad, JSON.stringify({ findings: [] }));
    expect(zsp("check", out, "--usage", bad)).toMatchObject({ code: 2, stderr: `zsp check: --usage ${bad} is not zsp tighten JSON output (no roles list)\n` });
  });
});
