import Ajv from "ajv";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { Log, Result } from "sarif";
import { App, TerraformStack } from "../provider-shim/core";
import { aws } from "../provider-shim/aws-bindings";
import { awsProvider } from "../provider-shim";
import { JitRole, WorkloadIdentity, ZspGuard, grant } from "../modules";
import { ZspError } from "../modules/core/errors";
import { GithubDeployStack } from "../examples/github-deploy";
import { VaultBatchJobStack } from "../examples/vault-batch-job";
import { VaultEtlStack } from "../examples/vault-etl";
import { BreakGlassStack } from "../examples/break-glass";
import { AiAgentIntentsStack } from "../examples/ai-agent-intents";
import { TwoAccountsStack } from "../examples/two-accounts";
import { tempDir } from "./helpers/temp";

/**
 * Source locations (`zsp:sourceLocations`): synth records the line of this
 * file that created each resource into its `"//"` metadata, and
 * `zsp check --format sarif` points code scanning at it.
 */
const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const THIS_FILE = relative(ROOT, __filename).split("\\").join("/");
const LINES = readFileSync(__filename, "utf8").split("\n");
/** The 1-based line of this file that carries `marker`. */
const lineOf = (marker: string): number => LINES.findIndex((l) => l.includes(`// ${marker}`) && !l.includes("lineOf(")) + 1;

type Json = Record<string, unknown>;
type TfJson = { resource: Record<string, Record<string, Json>>; provider: Record<string, Json[]> };

const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "source locations" };
const WILDCARD = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

/** A stack with a hardened provider, a JitRole and a raw wildcard role policy; returns the synthesized JSON text. */
function synthStack(context: Json): { out: string; text: string } {
  const out = tempDir("zsp-source-");
  const app = new App({ outdir: out, context });
  const stack = new TerraformStack(app, "located");
  awsProvider(stack, { // marker:provider
    region: "eu-west-1",
    allowedAccountIds: ["111122223333"],
    assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf-source", sourceIdentity: "tf-source" },
    ownership,
  });
  new JitRole(stack, "deploy", { // marker:jit-role
    roleName: "payments-deploy",
    ownership,
    identities: [WorkloadIdentity.githubActions({
      providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      repo: "acme/payments",
      environment: "production",
    })],
    grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
  });
  new aws.IamRolePolicy(stack, "raw", { role: "legacy", name: "everything", policy: WILDCARD }); // marker:raw
  app.synth();
  return { out, text: readFileSync(join(out, "stacks", "located", "cdk.tf.json"), "utf8") };
}

function zsp(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sarifValidator(): (log: unknown) => unknown[] {
  const schema = JSON.parse(readFileSync(join(__dirname, "fixtures", "sarif-2.1.0-rtm.5.schema.json"), "utf8")) as Json;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (x: string) => { try { new URL(x); return true; } catch { return false; } });
  ajv.addFormat("uri-reference", (x: string) => !/\s/.test(x));
  ajv.addFormat("date-time", (x: string) => !Number.isNaN(Date.parse(x)));
  const validate = ajv.compile({ $id: id as string, ...rest });
  return (log) => (validate(log) ? [] : [...(validate.errors ?? [])]);
}

const sourceOf = (body: Json | undefined): unknown => ((body?.["//"] as Json | undefined)?.zsp as Json | undefined)?.source;

describe("zsp:sourceLocations on", () => {
  const { out, text } = synthStack({ "zsp:sourceLocations": true });
  const json = JSON.parse(text) as TfJson;

  it("writes the line of new JitRole(...) into every resource the JitRole creates", () => {
    const jitResources = Object.values(json.resource).flatMap((byName) => Object.values(byName)).filter((r) => String((r["//"] as Json).metadata && ((r["//"] as Json).metadata as Json).path).startsWith("located/deploy/"));
    expect(jitResources.length).toBeGreaterThanOrEqual(4);
    for (const r of jitResources) expect(sourceOf(r)).toEqual({ file: THIS_FILE, line: lineOf("marker:jit-role") });
  });

  it("writes the raw resource's own line and the provider's factory call", () => {
    expect(sourceOf(Object.values(json.resource.aws_iam_role_policy ?? {}).find((r) => ((r["//"] as Json).metadata as Json).path === "located/raw"))).toEqual({ file: THIS_FILE, line: lineOf("marker:raw") });
    expect(sourceOf(json.provider.aws?.[0])).toEqual({ file: THIS_FILE, line: lineOf("marker:provider") });
  });

  it("zsp check --format sarif points each result at the TypeScript line, keeps the address as logical location and the JSON as related location", () => {
    const dir = tempDir("zsp-source-profile-");
    // An organisation that also requires a cost-centre tag: ZSP012 on each taggable resource of the JitRole.
    writeFileSync(join(dir, "profile.json"), JSON.stringify({ requiredTags: ["cost-centre"] }));
    const r = zsp("check", out, "--format", "sarif", "--profile", join(dir, "profile.json"), "--now", "2026-12-02T00:00:00Z");
    expect(r.stderr).toBe("");
    const log = JSON.parse(r.stdout) as Log;
    expect(sarifValidator()(log)).toEqual([]);
    const run = log.runs[0];
    expect(run?.originalUriBaseIds?.["%SRCROOT%"]?.uri).toBe(`${pathToFileURL(ROOT).href}/`);
    const at = (res: Result | undefined): unknown => res?.locations?.[0]?.physicalLocation;
    const untagged = run?.results?.find((x) => x.ruleId === "ZSP012" && x.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName?.startsWith("aws_iam_role."));
    expect(at(untagged)).toEqual({ artifactLocation: { uri: THIS_FILE, uriBaseId: "%SRCROOT%" }, region: { startLine: lineOf("marker:jit-role") } });
    expect(untagged?.locations?.[0]?.logicalLocations).toEqual([{ fullyQualifiedName: expect.stringMatching(/^aws_iam_role\.deploy_Role_/), kind: "resource" }]);
    const related = untagged?.relatedLocations?.[0]?.physicalLocation;
    // The synth output lies outside the directory zsp check ran in: an absolute file URI.
    expect(related?.artifactLocation).toEqual({ uri: pathToFileURL(join(out, "stacks", "located", "cdk.tf.json")).href });
    expect(related?.region?.startLine).toBeGreaterThan(1);
    const wildcard = run?.results?.filter((x) => x.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName?.startsWith("aws_iam_role_policy.raw")) ?? [];
    expect(wildcard.length).toBeGreaterThan(0);
    for (const w of wildcard) expect(at(w)).toEqual({ artifactLocation: { uri: THIS_FILE, uriBaseId: "%SRCROOT%" }, region: { startLine: lineOf("marker:raw") } });
  });
});

describe("inputs without recorded locations keep their own", () => {
  it.each(["ZSP011.bad.plan.json", "ZSP005.bad.tf.json"])("%s: the input file and line, relative to %%SRCROOT%%, and no related location", (name) => {
    const log = JSON.parse(zsp("check", join("test", "fixtures", "rules", name), "--format", "sarif", "--now", "2026-12-02T00:00:00Z").stdout) as Log;
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({ uri: `test/fixtures/rules/${name}`, uriBaseId: "%SRCROOT%" });
      expect(r.locations?.[0]?.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(r.relatedLocations).toBeUndefined();
    }
  });
});

describe("zsp:sourceLocations and the guard at synth", () => {
  it("a finding that fails synth names the TypeScript line", () => {
    const app = new App({ outdir: tempDir("zsp-source-guard-"), context: { "zsp:sourceLocations": true } });
    const stack = new TerraformStack(app, "guarded");
    ZspGuard.apply(app);
    new aws.IamRolePolicy(stack, "raw", { role: "legacy", name: "everything", policy: WILDCARD }); // marker:guarded-raw
    expect(() => app.synth()).toThrow(new RegExp(`ZSP005 error aws_iam_role_policy\\.raw \\(guarded/raw\\) at ${THIS_FILE.replace(/[.]/g, "\\.")}:${lineOf("marker:guarded-raw")}: `));
  });
});

describe("zsp:sourceLocations off", () => {
  it("adds no metadata, and the JSON is byte-identical to a process that never turned it on", () => {
    synthStack({ "zsp:sourceLocations": true }); // the recorder is now installed in this process
    const { text } = synthStack({});
    expect(text).not.toMatch(/"zsp"/);
    const fresh = tempDir("zsp-source-fresh-");
    const script = join(fresh, "synth.js");
    // The same stack in a process where no app ever asked for source locations.
    writeFileSync(script, `
      const { App, TerraformStack } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core"))});
      const { aws } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "aws-bindings"))});
      const { awsProvider } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim"))});
      const { JitRole, WorkloadIdentity, grant } = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
      const ownership = ${JSON.stringify(ownership)};
      const app = new App({ outdir: ${JSON.stringify(join(fresh, "out"))} });
      const stack = new TerraformStack(app, "located");
      awsProvider(stack, { region: "eu-west-1", allowedAccountIds: ["111122223333"], assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf-source", sourceIdentity: "tf-source" }, ownership });
      new JitRole(stack, "deploy", { roleName: "payments-deploy", ownership, identities: [WorkloadIdentity.githubActions({ providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", repo: "acme/payments", environment: "production" })], grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])] });
      new aws.IamRolePolicy(stack, "raw", { role: "legacy", name: "everything", policy: ${JSON.stringify(WILDCARD)} });
      app.synth();
    `);
    const r = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(text).toBe(readFileSync(join(fresh, "out", "stacks", "located", "cdk.tf.json"), "utf8"));
  });

  it("a value that is neither true nor false is refused", () => {
    expect(() => synthStack({ "zsp:sourceLocations": "yes" })).toThrow(ZspError);
    expect(() => synthStack({ "zsp:sourceLocations": "yes" })).toThrow('invalid context "zsp:sourceLocations": must be true or false, got "yes"');
  });
});

describe("zsp:sourceLocations on every example", () => {
  it("every resource and provider of every example stack records the line of its example file that created it", () => {
    const { context } = JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { context: Json };
    const out = tempDir("zsp-source-examples-");
    const app = new App({ outdir: out, context: { ...context, "zsp:now": "2026-11-25T12:00:00Z", "zsp:sourceLocations": true } });
    const stacks = [
      new GithubDeployStack(app, "github-deploy"), new VaultBatchJobStack(app, "vault-batch-job"), new VaultEtlStack(app, "vault-etl"),
      new BreakGlassStack(app, "break-glass"), new AiAgentIntentsStack(app, "ai-agent-intents"), new TwoAccountsStack(app, "two-accounts"),
    ];
    app.synth();
    const unlocated: string[] = [];
    const wrong: unknown[] = [];
    for (const stack of stacks) {
      const json = JSON.parse(readFileSync(join(out, "stacks", stack.node.id, "cdk.tf.json"), "utf8")) as Partial<TfJson>;
      const blocks = [
        ...Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]): [string, Json] => [`${type}.${name}`, body])),
        ...Object.entries(json.provider ?? {}).flatMap(([name, list]) => list.map((body): [string, Json] => [`provider.${name}${typeof body.alias === "string" ? `.${body.alias}` : ""}`, body])),
      ];
      for (const [address, body] of blocks) {
        const at = sourceOf(body) as { file: string; line: number } | undefined;
        if (at === undefined) {
          unlocated.push(`${stack.node.id}: ${address}`);
          continue;
        }
        // The line of the example that calls new <Construct>(...), a provider factory, or a method or factory that adds it (engine.addRole(...), VaultWorkloadAuth.kubernetes(...)).
        const text = readFileSync(join(ROOT, at.file), "utf8").split("\n")[at.line - 1] ?? "";
        if (!/^examples\/[a-z-]+\.ts$/.test(at.file) || !/\bnew [A-Z]\w*\(|\b(aws|vault)Provider\(|\.[a-z]\w*\(/.test(text)) wrong.push({ stack: stack.node.id, address, at, text: text.trim() });
      }
    }
    expect(unlocated).toEqual([]);
    expect(wrong).toEqual([]);
  });
});
