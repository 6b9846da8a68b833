import { App, TerraformResource, TerraformStack, Testing } from "../provider-shim/core";
import { Construct } from "constructs";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_PROFILE, Guard, JitRole, WorkloadIdentity, ZspGuard, ZspProfile, check, grant, loadDocument } from "../modules";
import { edgeNow } from "../modules/guard/guard";
import { awsProvider } from "../provider-shim";
import { TfJson } from "./helpers/synth";
import { tempDir } from "./helpers/temp";

const NOW = new Date("2026-12-02T00:00:00Z");
/** "Today" in the examples' world (DESIGN.md): before the payments-db-migration window of 2026-12-01. */
const EXAMPLES_NOW = "2026-11-25T12:00:00Z";
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "guard test", "zsp:access": "jit" };
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/vault-server" }, Action: "sts:AssumeRole" }] });

/** A raw resource, as anyone could write it without this library's constructs. */
class Raw extends TerraformResource {
  public constructor(scope: Construct, id: string, type: string, private readonly attrs: Record<string, unknown>) {
    super(scope, id, { terraformResourceType: type });
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return this.attrs;
  }
}

function stackWithUser(now = NOW): { stack: TerraformStack; user: Raw; key: Raw } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "guarded");
  new Raw(stack, "role", "aws_iam_role", { name: "ok", path: "/zsp/jit/", assume_role_policy: TRUST, tags: TAGS });
  const user = new Raw(stack, "ci", "aws_iam_user", { name: "ci-deployer", tags: TAGS });
  const key = new Raw(user, "key", "aws_iam_access_key", { user: "ci-deployer" });
  ZspGuard.apply(stack, { now: () => now });
  return { stack, user, key };
}

function synthError(stack: TerraformStack): string {
  try {
    Testing.synth(stack, true);
  } catch (e) {
    return (e as Error).message;
  }
  return "(synth passed)";
}

describe("ZspGuard fails synth on findings", () => {
  it("lists every finding with rule, severity, address, construct path, message and fix", () => {
    const message = synthError(stackWithUser().stack);
    expect(message).toContain("[guarded] zsp guard: ZSP001 error aws_iam_user.ci (guarded/ci): aws_iam_user is a standing credential (an IAM user or what it holds). Fix: remove it;");
    expect(message).toContain("[guarded] zsp guard: ZSP001 error aws_iam_access_key.ci_key_");
    expect(message).toContain("(guarded/ci/key): aws_iam_access_key is a standing credential");
  });

  it("guards stacks an app creates after ZspGuard.apply(app), before anything is written, and embeds their profile", () => {
    const outdir = tempDir("zsp-guard-");
    const app = new App({ outdir });
    ZspGuard.apply(app, { now: () => NOW });
    const late = new TerraformStack(app, "late");
    new Raw(late, "ci", "aws_iam_user", { name: "ci", tags: TAGS });
    expect(() => app.synth()).toThrow(/ZSP001 error aws_iam_user\.ci \(late\/ci\)/);
    expect(existsSync(join(outdir, "stacks", "late", "cdk.tf.json"))).toBe(false);

    const okApp = new App({ outdir });
    ZspGuard.apply(okApp, { now: () => NOW });
    const etl = new TerraformStack(okApp, "etl");
    ZspProfile.apply(etl, { maxLease: "4h" });
    okApp.synth();
    const json = JSON.parse(readFileSync(join(outdir, "stacks", "etl", "cdk.tf.json"), "utf8")) as { "//": { zsp: { profile: { maxLease: number } } } };
    expect(json["//"].zsp.profile.maxLease).toBe(14400);
  });

  it("warnings become annotations; strict makes them fail", () => {
    const build = (strict: boolean): TerraformStack => {
      const stack = new TerraformStack(Testing.app(), "warn");
      new Raw(stack, "p", "aws_iam_policy", { name: "p", policy: "${jsonencode(var.x)}", tags: TAGS });
      ZspGuard.apply(stack, { now: () => NOW, strict });
      return stack;
    };
    expect(synthError(build(false))).toBe("(synth passed)");
    expect(synthError(build(true))).toMatch(/ZSP000 warning aws_iam_policy\.p \(warn\/p\): permission policy cannot be evaluated/);
  });
});

describe("Guard.suppress", () => {
  it("accepts a finding under a scope; the suppression travels in the synthesized JSON and zsp check honours it", () => {
    const { stack, user } = stackWithUser();
    Guard.suppress(user, "ZSP001", { reason: "legacy CI user, removed in CHG-4900", owner: "team-payments", expires: "2026-12-31" });
    Testing.synth(stack, true); // runs the guard
    // Testing.synth strips cdktf's "//" metadata; the stack's own JSON (what cdktf synth writes) keeps it.
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as TfJson & { "//": { zsp: { suppressions: unknown[]; profile: Record<string, unknown> } } };
    expect(json["//"].zsp.suppressions).toEqual([
      { rule: "ZSP001", path: "guarded/ci", reason: "legacy CI user, removed in CHG-4900", owner: "team-payments", expires: "2026-12-31" },
    ]);
    const result = check(loadDocument(json, "guarded"), { now: NOW });
    expect(result.findings.map((f) => [f.rule, f.address.replace(/_[0-9A-F]+$/, ""), f.suppressed?.owner])).toEqual([
      ["ZSP001", "aws_iam_access_key.ci_key", "team-payments"],
      ["ZSP001", "aws_iam_user.ci", "team-payments"],
    ]);
  });

  it("an expired suppression stops suppressing and is itself an error", () => {
    const { stack, user } = stackWithUser(new Date("2027-01-01T00:00:00Z"));
    Guard.suppress(user, "ZSP001", { reason: "legacy CI user", owner: "team-payments", expires: "2026-12-31" });
    const message = synthError(stack);
    expect(message).toContain("ZSP013 error guarded/ci: suppression of ZSP001 on guarded/ci (owner team-payments) expired on 2026-12-31; it covers nothing.");
    expect(message).toContain("ZSP001 error aws_iam_user.ci (guarded/ci)");
  });

  it("a stack-wide suppression covers providers too", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    stack.addOverride("provider.aws", [{ region: "eu-west-1", access_key: "${var.k}", secret_key: "${var.s}" }]);
    ZspGuard.apply(stack, { now: () => NOW });
    expect(synthError(stack)).toMatch(/ZSP014 error provider\.aws: AWS provider sets access_key, secret_key/);
    Guard.suppress(stack, "ZSP014", { reason: "sandbox account, static keys rotated daily", owner: "team-platform", expires: "2026-12-05" });
    expect(synthError(stack)).toBe("(synth passed)");
  });

  it("refuses a scope outside any stack", () => {
    expect(() => Guard.suppress(Testing.app(), "ZSP001", { reason: "r", owner: "o", expires: "2026-12-31" }))
      .toThrow("app: invalid scope: is not a stack or a construct inside one. Fix: suppress on the stack, or on the construct whose findings you accept");
  });

  it.each([
    ["ZSP999", { reason: "r", owner: "o", expires: "2026-12-31" }, 'guarded/ci: invalid ruleId: "ZSP999" is not a guard rule id. Fix: use one of ZSP000, ZSP001'],
    ["ZSP013", { reason: "r", owner: "o", expires: "2026-12-31" }, "guarded/ci: invalid ruleId: ZSP013 (expired windows and suppressions) cannot be suppressed"],
    ["ZSP001", { reason: "", owner: "o", expires: "2026-12-31" }, "guarded/ci: invalid props.reason: is required: a suppression says why, who accepted it and until when"],
    ["ZSP001", { reason: "r", expires: "2026-12-31" }, "guarded/ci: invalid props.owner: is required"],
    ["ZSP001", { reason: "r", owner: "o", expires: "2026-02-30" }, 'guarded/ci: invalid props.expires: "2026-02-30" is not a real date in YYYY-MM-DD form'],
    ["ZSP001", { reason: "r", owner: "o", expires: "31/12/2026" }, 'guarded/ci: invalid props.expires: "31/12/2026" is not a real date'],
  ])("refuses %s %j", (rule, props, message) => {
    const { user } = stackWithUser();
    expect(() => Guard.suppress(user, rule, props as never)).toThrow(message);
  });
});

describe("odd input to ZspGuard and Guard.suppress is a ZspError, never a TypeError", () => {
  it.each([
    ["ZspGuard.apply(undefined)", () => ZspGuard.apply(undefined as never), "(none): invalid scope: ZspGuard.apply needs a construct (an app, a stack or a construct in one), got undefined"],
    ["Guard.suppress(null, …)", () => Guard.suppress(null as never, "ZSP001", { reason: "r", owner: "o", expires: "2026-12-31" }), "(none): invalid scope: Guard.suppress needs a construct"],
    ["now that is not a function", () => ZspGuard.apply(new TerraformStack(Testing.app(), "a"), { now: "2026-12-01" as never }), "a: invalid options.now: must be a function returning a Date, got string"],
    ["strict that is not a boolean", () => ZspGuard.apply(new TerraformStack(Testing.app(), "b"), { strict: "yes" as never }), "b: invalid options.strict: must be true or false, got string"],
    ["expires that is not a string", () => Guard.suppress(stackWithUser().user, "ZSP001", { reason: "r", owner: "o", expires: 20261231 as never }), "guarded/ci: invalid props.expires: must be a string, got number"],
  ])("%s", (_name, run, message) => {
    expect(run).toThrow(message);
  });

  it("a clock that returns an invalid date fails synth instead of letting nothing expire", () => {
    const stack = new TerraformStack(Testing.app(), "clock");
    ZspGuard.apply(stack, { now: () => new Date("not a date") });
    expect(synthError(stack)).toContain("clock: invalid options.now: returned an invalid Date");
    expect(() => check(loadDocument({ resource: {} }, "x"), { now: new Date("x") })).toThrow("check: options.now must be a valid Date");
  });
});

describe("the clock at the edge", () => {
  it("is ZSP_NOW when set, the real time otherwise, and refuses a ZSP_NOW that is not a date", () => {
    expect(edgeNow({ ZSP_NOW: "2026-11-25T12:00:00Z" }).toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(Math.abs(edgeNow({}).getTime() - Date.now())).toBeLessThan(60_000);
    expect(() => edgeNow({ ZSP_NOW: "yesterday" })).toThrow('environment: invalid ZSP_NOW: "yesterday" is not a date. Fix: unset it, or give an ISO date such as 2026-12-01T00:00:00Z');
  });
});

describe("one clock for constructs and the guard", () => {
  const window = { notBefore: "2026-11-01T00:00:00Z", notAfter: "2026-11-02T00:00:00Z" };
  const roleIn = (app: App): TerraformStack => {
    const stack = new TerraformStack(app, "clock");
    awsProvider(stack, {
      region: "eu-west-1", allowedAccountIds: ["111122223333"], ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "clock test" },
      assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "clock-test", sourceIdentity: "clock-test" },
    });
    new JitRole(stack, "role", {
      roleName: "clocked",
      ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "clock test" },
      identities: [WorkloadIdentity.githubActions({ providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", repo: "acme/payments", environment: "production" })],
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
      window,
    });
    ZspGuard.apply(stack);
    return stack;
  };

  it("ZspGuard checks windows at the zsp:now the JitRole was built with, not the real time", () => {
    const app = Testing.app({ context: { "zsp:now": "2026-11-01T12:00:00Z" } });
    expect(synthError(roleIn(app))).toBe("(synth passed)");
  });

  it("and with a zsp:now after the window, JitRole itself refuses it", () => {
    const app = Testing.app({ context: { "zsp:now": "2026-11-03T00:00:00Z" } });
    expect(() => roleIn(app)).toThrow(/invalid window\.notAfter: the window ended at 2026-11-02T00:00:00Z/);
  });
});

describe("the stack's profile travels with the synthesized JSON", () => {
  it("a raised limit in the stack profile is honoured at synth and by zsp check on the output", () => {
    const stack = new TerraformStack(Testing.app(), "etl");
    ZspProfile.apply(stack, { maxSession: "2h" });
    new Raw(stack, "role", "aws_iam_role", { name: "etl", path: "/zsp/jit/", assume_role_policy: TRUST, max_session_duration: 7200, tags: TAGS });
    ZspGuard.apply(stack, { now: () => NOW });
    Testing.synth(stack, true); // runs the guard
    const json = JSON.parse(JSON.stringify(stack.toTerraform())) as { "//": { zsp: { profile: Record<string, unknown> } } };
    expect(json["//"].zsp.profile).toMatchObject({ maxSession: 7200, maxLease: 3600 });
    expect(check(loadDocument(json, "etl"), { now: NOW }).findings).toEqual([]);
    expect(check(loadDocument(json, "etl"), { now: NOW, profile: DEFAULT_PROFILE }).findings.map((f) => f.rule)).toEqual(["ZSP004"]);
  });
});

describe("the example app is clean", () => {
  const ROOT = join(__dirname, "..");
  const outdir = tempDir("zsp-examples-");
  const cdktf = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { context: unknown };
  // What `cdktf synth` does: run the app with the cdktf.json context and an output directory.
  const synth = spawnSync(process.execPath, [join(ROOT, "dist", "examples", "main.js")], {
    // ZSP_NOW pins the clock: the examples' migration window (2026-12-01) must not make this test depend on the day it runs.
    encoding: "utf8", cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, CDKTF_CONTEXT_JSON: JSON.stringify(cdktf.context), CHECKPOINT_DISABLE: "1", ZSP_NOW: EXAMPLES_NOW },
  });

  it("synthesizes with the guard applied", () => {
    expect({ code: synth.status, stderr: synth.stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("zsp check cdktf.out finds no error in any stack, and only the documented ZSP016 warning (payments-api's execution role is not in the example)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), "check", outdir, "--format", "json"], { encoding: "utf8", env: { ...process.env, ZSP_NOW: EXAMPLES_NOW } });
    const json = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; summary: { errors: number; warnings: number } };
    // docs/rules.md (ZSP016): payments-deploy may update the code of payments-api, whose execution role lives in the
    // function's own stack, so its privilege is unknown here: a warning, never an error.
    expect(json.findings.map((f) => `${String(f.stack)} ${String(f.rule)} ${String(f.severity)} ${String(f.address)}`)).toEqual([
      expect.stringMatching(/^github-deploy ZSP016 warning aws_iam_role\.payments-deploy_/),
    ]);
    expect(json.findings[0]?.message).toMatch(/escalation path lambda-003 \(lambda:UpdateFunctionCode\): lambda:UpdateFunctionCode on arn:aws:lambda:eu-west-1:111122223333:function:payments-api: .* is not in this input, so its privilege is unknown/);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks)).toContain("github-deploy");
  });

  const report = (...args: string[]): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), "report", outdir, ...args], { encoding: "utf8" });

  it("zsp report maps every role and Vault path of the examples: who, exact conditions, lifetime, window, ticket, owner, contact, access", () => {
    const r = report();
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
    const rows = r.stdout.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| stack"));
    expect(rows).toEqual(expect.arrayContaining([
      "| github-deploy | `role/zsp/jit/payments-db-migration` | Federated arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com | token.actions.githubusercontent.com:aud = sts.amazonaws.com; token.actions.githubusercontent.com:sub = repo:acme/payments:environment:migration; aws:CurrentTime after 2026-12-01T02:00:00Z; aws:CurrentTime before 2026-12-01T06:00:00Z | 1h | 2026-12-01T02:00:00Z – 2026-12-01T06:00:00Z | CHG-4821 | team-payments | payments-oncall@acme.example | jit |",
      "| github-deploy | `role/zsp/jit/payments-deploy` | Federated arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com | token.actions.githubusercontent.com:aud = sts.amazonaws.com; token.actions.githubusercontent.com:sub = repo:acme/payments:environment:production | 1h | any time | — | team-payments | payments-oncall@acme.example | jit |",
      "| vault-batch-job | `aws-jit/creds/nightly-report (assumed_role into nightly-report)` | Vault auth jwt-k8s/role nightly-report | sub = system:serviceaccount:reporting:nightly-report; audiences = vault; via policy nightly-report; within 15m of login | 30m | any time | — | team-payments | payments-oncall@acme.example | jit |",
      "| vault-batch-job | `role/zsp/jit/nightly-report` | AWS arn:aws:iam::111122223333:role/vault-server | none | 1h | any time | — | team-payments | payments-oncall@acme.example | jit |",
      // Owner and contact of a Vault path come from its mount's description (Vault has no tags).
      "| vault-etl | `db-jit/creds/etl-readonly` | (nobody in this input) |  | 4h | any time | — | team-payments | payments-oncall@acme.example | issuer |",
    ]));
    const breakGlass = rows.find((l) => l.startsWith("| break-glass | `role/zsp/break-glass/break-glass-admin`"));
    expect(breakGlass).toContain("| AWS arn:aws:iam::444455556666:role/incident-commander | aws:MultiFactorAuthPresent = true;");
    expect(breakGlass).toMatch(/sts:SourceIdentity like \*.* \| 1h \| any time \| — \| team-payments \| payments-oncall@acme\.example \| break-glass \|$/);
    // The agent's JWT role matches its claims as globs (bound_claims_type "glob"): a value with a * reads "like", one without reads "=" (it matches only itself).
    expect(rows.find((l) => l.startsWith("| ai-agent-intents | `auth/jwt-agents/role support-triage"))).toContain("| sub = spiffe://acme.example/agent/support-triage; task_id like *; audiences = vault | 5m |");
  });

  it("zsp report --format json lists the same entries with lifetimes in seconds", () => {
    const r = report("--format", "json");
    const { access } = JSON.parse(r.stdout) as { access: Array<{ stack: string; kind: string; privilege: string; maxLifetimeSeconds?: number; owner?: string }> };
    expect(access.map((e) => `${e.stack} ${e.kind} ${e.privilege.replace(/ .*$/, "")} ${String(e.maxLifetimeSeconds)} ${String(e.owner)}`)).toEqual([
      "ai-agent-intents aws-role role/zsp/jit/agent-support-triage 3600 team-support",
      "ai-agent-intents vault-credentials aws-agents/creds/support-triage-read-ticket-attachments 900 team-support",
      "ai-agent-intents vault-credentials aws-agents/creds/support-triage-restart-worker 900 team-support",
      "ai-agent-intents vault-login auth/jwt-agents/role 300 team-support",
      "break-glass aws-role role/zsp/break-glass/break-glass-admin 3600 team-payments",
      "github-deploy aws-role role/zsp/jit/payments-db-migration 3600 team-payments",
      "github-deploy aws-role role/zsp/jit/payments-deploy 3600 team-payments",
      "two-accounts aws-role role/zsp/jit/payments-release-verify 3600 team-payments",
      "two-accounts aws-role role/zsp/jit/payments-report-publisher 3600 team-payments",
      "vault-batch-job aws-role role/zsp/jit/nightly-report 3600 team-payments",
      "vault-batch-job vault-credentials aws-jit/creds/nightly-report 1800 team-payments",
      "vault-batch-job vault-login auth/jwt-k8s/role 900 team-payments",
      "vault-etl vault-credentials db-jit/creds/etl-readonly 14400 team-payments",
    ]);
  });
});
