import Ajv from "ajv";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import type { Log } from "sarif";
import { RULE_IDS } from "../modules/guard/catalogue";
import { tempDir } from "./helpers/temp";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const FIX = join(__dirname, "fixtures");
const NOW = ["--now", "2026-12-02T00:00:00Z"];
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

function zsp(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const rule = (name: string): string => join(FIX, "rules", name);

describe("zsp basics", () => {
  it("prints the package version", () => {
    expect(zsp("--version")).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("prints help", () => {
    const r = zsp("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: zsp <command>/);
  });

  it("exits 2 with one line on stderr for an unknown command", () => {
    expect(zsp("frobnicate")).toEqual({ code: 2, stdout: "", stderr: 'zsp: unknown command "frobnicate" (run zsp --help)\n' });
  });

  it("is wired as the package bin", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin.zsp).toBe("dist/cli/bin.js");
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  /** The modules `dist/cli/bin.js args` loaded (its require.cache at exit), the files it read with readFileSync, and its stderr. */
  function loadedBy(...args: string[]): { loaded: string[]; read: string[]; stderr: string } {
    const dir = tempDir("zsp-cache-");
    const preload = join(dir, "record.js");
    const out = join(dir, "modules.json");
    writeFileSync(preload, [
      `const fs = require("node:fs"); const read = []; const original = fs.readFileSync;`,
      `fs.readFileSync = function (file, ...rest) { read.push(String(file)); return original.call(this, file, ...rest); };`,
      `process.on("exit", () => fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify({ loaded: Object.keys(require.cache), read })));`,
    ].join("\n"));
    const r = spawnSync(process.execPath, ["--require", preload, BIN, ...args], { encoding: "utf8", cwd: ROOT });
    return { ...(JSON.parse(readFileSync(out, "utf8")) as { loaded: string[]; read: string[] }), stderr: r.stderr };
  }
  const under = (loaded: readonly string[], ...dirs: string[]): string[] => loaded.filter((m) => m.includes(`${join("dist", ...dirs)}${sep}`));

  it.each([
    ["check", rule("ZSP011.good.tf.json"), "--format", "sarif"],
    ["report", rule("ZSP007.good.plan.json")],
    ["--version"],
  ])("dist/cli/bin.js %s loads no cdktf, constructs or provider module", (...args) => {
    const { loaded, stderr } = loadedBy(...args);
    expect(stderr).toBe("");
    expect(loaded.some((m) => m.endsWith(join("dist", "cli", "main.js")))).toBe(true);
    expect(loaded.filter((m) => /node_modules[\\/](cdktf|constructs|@cdktf)[\\/]/.test(m))).toEqual([]);
  });

  // Start-up (issue 13): a command's module loads when it runs, so these load no guard and no tighten.
  it.each([["--version"], ["--help"], ["check", "--bogus", "x.json"], ["check", "x.json", "--format", "xml"], ["frobnicate"]])("dist/cli/bin.js %s loads no guard, IAM or command module", (...args) => {
    const { loaded } = loadedBy(...args);
    expect(loaded.some((m) => m.endsWith(join("dist", "cli", "main.js")))).toBe(true);
    expect([...under(loaded, "modules", "guard"), ...under(loaded, "modules", "iam"), ...under(loaded, "cli", "tighten")]).toEqual([]);
    expect(loaded.filter((m) => /[\\/]dist[\\/]cli[\\/](check|report|inputs|sarif)\.js$/.test(m))).toEqual([]);
  });

  it("zsp check loads the guard but not tighten, and leaves the AWS-managed policy documents unread", () => {
    const { loaded, read, stderr } = loadedBy("check", rule("ZSP005.good.tf.json"), ...NOW);
    expect(stderr).toBe("");
    expect(under(loaded, "modules", "guard").length).toBeGreaterThan(0);
    expect(under(loaded, "cli", "tighten")).toEqual([]);
    const index = (files: readonly string[]): string[] => files.filter((f) => f.endsWith("aws-managed-policies.ndjson"));
    expect(index(read)).toEqual([]);
    // ...which a configuration attaching one does read (so the line above can fail).
    expect(index(loadedBy("check", rule("ZSP006.bad.tf.json"), ...NOW).read)).toHaveLength(1);
  });

  it("zsp check reads the IAM action catalogue from its one built index, not from the data set's files", () => {
    const { read } = loadedBy("check", rule("ZSP005.bad.tf.json"), ...NOW);
    expect(read.filter((f) => f.endsWith("iam-catalogue.ndjson"))).toHaveLength(1);
    expect(read.filter((f) => f.includes("iam-data"))).toEqual([]);
  });
});

describe("zsp check: exit codes", () => {
  it.each([
    ["ZSP005.bad.tf.json", [], 1],
    ["ZSP005.good.tf.json", [], 0],
    ["ZSP014.bad.plan.json", [], 1],
    ["ZSP000.bad.tf.json", [], 0],
    ["ZSP000.bad.tf.json", ["--strict"], 1],
    ["ZSP013.good.tf.json", [], 0],
  ] as Array<[string, string[], number]>)("%s %j exits %d", (file, extra, code) => {
    expect(zsp("check", rule(file), ...NOW, ...extra).code).toBe(code);
  });

  it("takes the clock from --now, else ZSP_NOW", () => {
    const file = rule("ZSP013.good.tf.json");
    const at = (env: Record<string, string>, ...args: string[]): number | null =>
      spawnSync(process.execPath, [BIN, "check", file, ...args], { encoding: "utf8", env: { ...process.env, ...env } }).status;
    expect(at({ ZSP_NOW: "2026-12-02T12:00:00Z" })).toBe(0);
    expect(at({ ZSP_NOW: "2026-12-03T00:00:00Z" })).toBe(1);
    expect(at({ ZSP_NOW: "2026-12-03T00:00:00Z" }, "--now", "2026-12-02T12:00:00Z")).toBe(0);
    const bad = spawnSync(process.execPath, [BIN, "check", file], { encoding: "utf8", env: { ...process.env, ZSP_NOW: "later" } });
    expect({ code: bad.status, stderr: bad.stderr }).toEqual({ code: 2, stderr: 'zsp check: environment: invalid ZSP_NOW: "later" is not a date. Fix: unset it, or give an ISO date such as 2026-12-01T00:00:00Z\n' });
  });

  it("honours the synth output's suppressions on a plan of the same stack with --suppressions", () => {
    expect(zsp("check", rule("ZSP013.good.plan.json"), ...NOW).code).toBe(1);
    const r = zsp("check", rule("ZSP013.good.plan.json"), "--suppressions", rule("ZSP013.good.tf.json"), ...NOW, "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { findings: Array<{ stack: string; suppressed?: unknown }> };
    // payments-deploy may update payments-api, a function outside the fixture: ZSP016 warns (docs/rules.md, ZSP016).
    expect(json.findings).toEqual([
      expect.objectContaining({ rule: "ZSP016", severity: "warning", address: "aws_iam_role.payments-deploy" }),
      expect.objectContaining({ stack: "fixture", suppressed: true }),
    ]);
  });

  it("--profile replaces the thresholds; a bad profile is a usage error", () => {
    const dir = tempDir("zsp-profile-");
    writeFileSync(join(dir, "ok.json"), JSON.stringify({ maxSession: "2h" }));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ maxSesion: "2h" }));
    expect(zsp("check", rule("ZSP004.bad.tf.json")).code).toBe(1);
    expect(zsp("check", rule("ZSP004.bad.tf.json"), "--profile", join(dir, "ok.json")).code).toBe(0);
    const bad = zsp("check", rule("ZSP004.bad.tf.json"), "--profile", join(dir, "bad.json"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`zsp check: ${join(dir, "bad.json")}: invalid profile.maxSesion: unknown profile key. Fix: use only maxSession, maxStsTtl, maxLease, maxTokenTtl, maxAgentIntentTtl, requiredTags, allowedRegions, ticketPattern, boundaryArn, expiredWindow\n`);
  });

  it("--profile reads a cdktf.json's context.zsp too; a missing profile file is a usage error", () => {
    expect(zsp("check", rule("ZSP004.good.tf.json"), "--profile", join(ROOT, "cdktf.json")).code).toBe(0);
    expect(zsp("check", rule("ZSP004.bad.tf.json"), "--profile", join(ROOT, "cdktf.json")).code).toBe(1);
    const missing = zsp("check", rule("ZSP004.bad.tf.json"), "--profile", "no-such-profile.json");
    expect(missing).toEqual({ code: 2, stdout: "", stderr: "zsp check: no-such-profile.json: invalid profile: cannot read the file (ENOENT). Fix: give the path of a JSON profile or cdktf.json\n" });
  });

  it("checks every stack of a cdktf.out directory", () => {
    const out = tempDir("zsp-out-");
    for (const [name, file] of [["good", "ZSP001.good.tf.json"], ["bad", "ZSP001.bad.tf.json"]] as const) {
      mkdirSync(join(out, "stacks", name), { recursive: true });
      writeFileSync(join(out, "stacks", name, "cdk.tf.json"), readFileSync(rule(file), "utf8"));
    }
    writeFileSync(join(out, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: {
      good: { synthesizedStackPath: "stacks/good/cdk.tf.json" }, bad: { synthesizedStackPath: "stacks/bad/cdk.tf.json" },
    } }));
    const r = zsp("check", out, "--format", "json");
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { summary: { errors: number; resources: number } };
    expect(json.summary).toEqual({ errors: 11, warnings: 2, resources: 18 });
  });
});

describe("zsp check: output formats", () => {
  it("text: one line per finding with rule, address, stack and construct path, then a verdict", () => {
    const r = zsp("check", rule("ZSP004.bad.tf.json"));
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("error   ZSP004 aws_iam_role.long (fixture, fixture/long/role): max_session_duration is 7200 s, above the profile maximum of 3600 s. Fix: set it to at most 3600; shorter sessions are enforced by the issuer.");
    expect(lines[1]).toMatch(/^warning ZSP016 aws_iam_role\.payments-deploy \(fixture, fixture\/payments-deploy\/role\): role payments-deploy completes escalation path lambda-003 /);
    expect(lines.slice(2)).toEqual(["zsp check FAILED: 1 error(s), 1 warning(s), 0 suppressed in 1 input (3 resources)", ""]);
  });

  it("json: exactly findings[{rule, severity, address, message, stack, suppressed?}] and summary{errors, warnings, resources}", () => {
    const r = zsp("check", rule("ZSP013.bad.tf.json"), ...NOW, "--format", "json");
    const json = JSON.parse(r.stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(json)).toEqual(["findings", "summary"]);
    expect(json.summary).toEqual({ errors: 4, warnings: 1, resources: 4 });
    for (const f of json.findings) expect(Object.keys(f)).toEqual(["rule", "severity", "address", "message", "stack"]);
    expect(json.findings.map((f) => `${String(f.rule)} ${String(f.address)}`)).toEqual([
      "ZSP013 aws_iam_role.payments-db-migration", "ZSP016 aws_iam_role.payments-deploy", "ZSP005 aws_iam_role_policy.legacy", "ZSP013 fixture/legacy", "ZSP013 fixture/legacy",
    ]);
    const suppressed = JSON.parse(zsp("check", rule("ZSP013.good.tf.json"), ...NOW, "--format", "json").stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(suppressed.findings.filter((f) => f.rule !== "ZSP016")).toEqual([{
      rule: "ZSP005", severity: "error", address: "aws_iam_role_policy.legacy", stack: "fixture", suppressed: true,
      message: expect.stringMatching(/^Allow grants wildcard action "s3:\*"/) as unknown,
    }]);
    expect(suppressed.summary).toEqual({ errors: 0, warnings: 1, resources: 4 });
  });

  describe("sarif", () => {
    const schema = JSON.parse(readFileSync(join(FIX, "sarif-2.1.0-rtm.5.schema.json"), "utf8")) as Record<string, unknown>;
    // The schema is draft-04 (as published); ajv 8 reads it with $id for id, and non-unicode patterns.
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat("uri", (x: string) => { try { new URL(x); return true; } catch { return false; } });
    ajv.addFormat("uri-reference", (x: string) => !/\s/.test(x));
    ajv.addFormat("date-time", (x: string) => !Number.isNaN(Date.parse(x)));
    const validate = ajv.compile({ $id: id as string, ...rest });

    it.each(["ZSP013.bad.tf.json", "ZSP013.good.tf.json", "ZSP011.bad.plan.json", "ZSP001.good.tf.json"])("%s validates against the SARIF 2.1.0 schema", (file) => {
      const r = zsp("check", rule(file), ...NOW, "--format", "sarif");
      const log = JSON.parse(r.stdout) as Log;
      expect(validate(log) ? [] : validate.errors).toEqual([]);
      expect(log.version).toBe("2.1.0");
      expect(log.runs[0]?.tool.driver.rules?.map((x) => x.id)).toEqual([...RULE_IDS]);
    });

    it("the validator does reject a broken log", () => {
      const log = JSON.parse(zsp("check", rule("ZSP004.bad.tf.json"), "--format", "sarif").stdout) as { runs: Array<{ results: Array<{ level: string }> }> };
      (log.runs[0]?.results[0] as { level: string }).level = "fatal";
      expect(validate(log)).toBe(false);
    });

    it("results carry level, logical location (address), physical location (file and line) and suppressions", () => {
      const log = JSON.parse(zsp("check", rule("ZSP013.good.tf.json"), ...NOW, "--format", "sarif").stdout) as Log;
      const result = log.runs[0]?.results?.find((x) => x.ruleId === "ZSP005");
      expect(result).toMatchObject({
        ruleId: "ZSP005", level: "error",
        locations: [{ logicalLocations: [{ fullyQualifiedName: "aws_iam_role_policy.legacy", kind: "resource" }],
          physicalLocation: { artifactLocation: { uri: "test/fixtures/rules/ZSP013.good.tf.json" } } }],
        suppressions: [{ kind: "inSource", justification: "legacy bucket, migrating in CHG-4900 (owner team-payments, expires 2026-12-02)" }],
      });
      const line = result?.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
      expect(readFileSync(rule("ZSP013.good.tf.json"), "utf8").split("\n")[line - 1]).toMatch(/"legacy": \{/);
    });
  });

  it("--output writes the result to a file", () => {
    const file = join(tempDir("zsp-o-"), "out.sarif");
    const r = zsp("check", rule("ZSP004.bad.tf.json"), "--format", "sarif", "--output", file);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 1, stdout: "" });
    expect((JSON.parse(readFileSync(file, "utf8")) as Log).version).toBe("2.1.0");
  });
});

describe("zsp check: bad input exits 2 with one clear line, never a stack trace", () => {
  const empty = tempDir("zsp-empty-");
  const notJson = join(tempDir("zsp-notjson-"), "x.json");
  writeFileSync(notJson, "{ nope\n");
  const noStacks = tempDir("zsp-nostacks-");
  writeFileSync(join(noStacks, "notes.json"), "{}");
  mkdirSync(join(noStacks, "stacks", "empty"), { recursive: true });
  const unreadable = tempDir("zsp-unreadable-");
  mkdirSync(join(unreadable, "stacks", "s", "cdk.tf.json"), { recursive: true });
  it.each([
    [["check", "does/not/exist"], "zsp check: no such file or directory: does/not/exist\n"],
    [["check", join(ROOT, "package.json")], `zsp check: ${join(ROOT, "package.json")} is neither Terraform JSON configuration (resource/data/provider/variable/locals/output/module/terraform) nor a terraform show -json plan (format_version with planned_values/resource_changes)\n`],
    // JSON.parse's own words vary with the Node version; the file name and the one line do not.
    [["check", notJson], new RegExp(`^zsp check: ${notJson.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not JSON \\(Expected property name or '\\}' in JSON at position 2[^\\n]*\\)\\n$`)],
    [["check", noStacks], `zsp check: no Terraform JSON found in ${noStacks}: expected a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), *.tf.json configuration files or a plan JSON file (native *.tf files are not read: convert them with hcl2json)\n`],
    [["check", unreadable], `zsp check: cannot read ${join(unreadable, "stacks", "s", "cdk.tf.json")}: EISDIR\n`],
    [["check", rule("ZSP001.bad.tf.json"), "--format"], "zsp check: --format needs a value (run zsp --help)\n"],
    [["check", rule("ZSP001.bad.tf.json"), "--profile"], "zsp check: --profile needs a value (run zsp --help)\n"],
    [["check", rule("ZSP001.bad.tf.json"), "--output"], "zsp check: --output needs a value (run zsp --help)\n"],
    [["check", rule("ZSP001.bad.tf.json"), "--strict=yes"], "zsp check: --strict takes no value (run zsp --help)\n"],
    [["check", "--bogus", rule("ZSP001.bad.tf.json")], "zsp check: unknown option --bogus (run zsp --help)\n"],
    [["check", rule("ZSP001.bad.tf.json"), rule("ZSP001.good.tf.json")], `zsp check: expected one <path>, got 2: ${rule("ZSP001.bad.tf.json")} ${rule("ZSP001.good.tf.json")}\n`],
    [[], "zsp: missing command: zsp check <path> or zsp report <path> (run zsp --help)\n"],
    [["check", empty], `zsp check: no Terraform JSON found in ${empty}: expected a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), *.tf.json configuration files or a plan JSON file (native *.tf files are not read: convert them with hcl2json)\n`],
    [["check"], "zsp check: missing <path>: give a cdktf.out directory, a cdk.tf.json, a directory of *.tf.json files or a plan JSON file\n"],
    [["check", rule("ZSP001.bad.tf.json"), "--format", "xml"], 'zsp check: unknown --format "xml": use text, json or sarif\n'],
    [["check", rule("ZSP001.bad.tf.json"), "--now", "soon"], 'zsp check: command line: invalid --now: "soon" is not a date. Fix: give an ISO date such as 2026-12-01T00:00:00Z\n'],
    [["check", rule("ZSP001.bad.plan.json"), "--suppressions", rule("ZSP001.bad.plan.json")], `zsp check: --suppressions ${rule("ZSP001.bad.plan.json")} is a plan; give the stack's cdk.tf.json\n`],
    [["report", rule("ZSP001.bad.tf.json"), "--format", "sarif"], 'zsp report: unknown --format "sarif": use markdown or json\n'],
  ] as Array<[string[], string | RegExp]>)("%j", (args, stderr) => {
    const r = zsp(...args);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: typeof stderr === "string" ? stderr : expect.stringMatching(stderr) });
    expect(r.stderr.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("zsp check: the shape is read from the content, never from the file name", () => {
  const dir = tempDir("zsp-shape-");
  const write = (name: string, json: unknown): string => {
    writeFileSync(join(dir, name), JSON.stringify(json));
    return join(dir, name);
  };
  it.each([
    ["UTF-8 with a byte order mark", [0xef, 0xbb, 0xbf], "utf-8"],
    ["UTF-16LE with a byte order mark (PowerShell 5 redirection)", [0xff, 0xfe], "utf-16le"],
    ["UTF-16BE with a byte order mark", [0xfe, 0xff], "utf-16be"],
  ] as Array<[string, number[], string]>)("reads a plan written as %s", (_name, bom, encoding) => {
    const text = readFileSync(rule("ZSP001.bad.plan.json"), "utf8");
    const units = encoding === "utf-8" ? [...new TextEncoder().encode(text)]
      : [...text].flatMap((ch) => { const c = ch.charCodeAt(0); return encoding === "utf-16le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff]; });
    const file = join(dir, `plan-${encoding}.json`);
    writeFileSync(file, new Uint8Array([...bom, ...units]));
    const r = zsp("check", file, "--format", "json");
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: "" });
    expect((JSON.parse(r.stdout) as { summary: unknown }).summary).toEqual({ errors: 11, warnings: 1, resources: 15 });
  });

  it.each([
    ["variables.tf.json", { variable: { region: { default: "eu-west-1" } } }, 0, "zsp check passed: 0 error(s), 0 warning(s), 0 suppressed in 1 input (0 resources)\n"],
    ["versions.tf.json", { terraform: { required_providers: { aws: { source: "hashicorp/aws" } } } }, 0, "zsp check passed: 0 error(s), 0 warning(s), 0 suppressed in 1 input (0 resources)\n"],
    ["main.tf.json", { module: { ci: { source: "./ci" } } }, 0, expect.stringMatching(/^warning ZSP000 module\.ci \(main\): module contents are not in this input/) as unknown],
    ["plan.tf.json", JSON.parse(readFileSync(rule("ZSP001.bad.plan.json"), "utf8")) as unknown, 1, expect.stringContaining("error   ZSP001 aws_iam_user.ci (plan)") as unknown],
  ])("%s", (name, json, code, stdout) => {
    const r = zsp("check", write(name, json));
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code, stdout, stderr: "" });
  });
});

describe("zsp report", () => {
  it("markdown: the access map with identities, conditions, lifetime, window, ticket, owner", () => {
    const r = zsp("report", rule("ZSP007.good.tf.json"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| stack | privilege | who can obtain it | conditions | max lifetime | window | ticket | owner | contact | access |");
    expect(r.stdout).toContain("| fixture | `aws-jit/creds/nightly-report (assumed_role into payments-deploy)` | Vault auth jwt-k8s/role nightly-report | sub = system:serviceaccount:reporting:nightly-report; audiences = vault; via policy nightly-report; within 15m of login | 30m | any time | — | team-payments | payments-oncall@acme.example | jit |");
  });

  it("json: windows from aws:CurrentTime conditions", () => {
    const r = zsp("report", rule("ZSP013.good.plan.json"), "--format", "json");
    const { access } = JSON.parse(r.stdout) as { access: Array<Record<string, unknown>> };
    expect(access.find((a) => a.address === "aws_iam_role.payments-db-migration")).toMatchObject({
      kind: "aws-role", privilege: "role/zsp/jit/payments-db-migration", maxLifetimeSeconds: 3600,
      window: "2027-01-05T02:00:00Z – 2027-01-05T06:00:00Z", owner: "team-payments", access: "jit",
      grantees: [{ identity: "Federated arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        conditions: expect.arrayContaining(["token.actions.githubusercontent.com:sub = repo:acme/payments:environment:migration"]) }],
    });
  });
});
