import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installConsumer, type Consumer } from "./helpers/consumer";
import { FIRST_STACK_ID, firstStackMain } from "./helpers/first-stack";

/**
 * A project laid out as `cdktf init --template=typescript` lays it out today: its tsconfig (module
 * CommonJS, so Node10 module resolution, which does not read `exports`), `constructs` 10.8 as it
 * installs it, and the packages the README's "Your first stack" installs (`cdktf-zsp`,
 * `@cdktf/provider-aws`; no Vault bindings). Its `main.ts` is the README's, importing both
 * documented entry points. It compiles with that tsconfig against the packed tarball and
 * synthesizes; with `zsp:sourceLocations` on, `zsp check` points SARIF at main.ts.
 */
const ROOT = join(__dirname, "..");

/** The tsconfig.json `cdktf init --template=typescript` writes (cdktf-cli 0.21). */
const CDKTF_INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
    lib: ["es2018"], module: "CommonJS", noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true,
    noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true,
    strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true, target: "ES2018",
    incremental: true, skipLibCheck: true,
  },
  include: ["**/*.ts"],
  exclude: ["node_modules", "cdktf.out"],
};

/** The README's "Your first stack" main.ts (examples/quick-start.ts with the package's import paths). */
const MAIN = firstStackMain();
/** The 1-based line of main.ts that creates the JitRole. */
const JIT_ROLE_LINE = MAIN.split("\n").findIndex((l) => l.includes("new JitRole(")) + 1;

describe("a project made by cdktf init --template=typescript", () => {
  let consumer: Consumer;

  beforeAll(() => {
    consumer = installConsumer({
      dependencies: ["cdktf", { name: "constructs", from: "constructs-10-8" }, "@cdktf/provider-aws", "@types/node"],
      files: {
        "tsconfig.json": JSON.stringify(CDKTF_INIT_TSCONFIG, null, 2),
        "main.ts": MAIN,
        "cdktf.json": JSON.stringify({ language: "typescript", app: "npx ts-node main.ts", terraformProviders: [], terraformModules: [], context: {} }),
      },
    });
  }, 120000);

  it("installs constructs 10.8 next to cdktf-zsp", () => {
    expect(consumer.versions["constructs"]).toMatch(/^10\.8\./);
  });

  it("compiles main.ts under that tsconfig (Node10 resolution) and synthesizes", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const compiled = (() => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer.dir, encoding: "utf8" }) };
      } catch (e) {
        return { code: 1, out: String((e as { stdout?: string }).stdout) };
      }
    })();
    expect(compiled).toEqual({ code: 0, out: "" });
    execFileSync(process.execPath, ["main.js"], { cwd: consumer.dir, encoding: "utf8" });
    const json = JSON.parse(readFileSync(join(consumer.dir, "cdktf.out", "stacks", FIRST_STACK_ID, "cdk.tf.json"), "utf8")) as {
      resource: { aws_iam_role: Record<string, { name: string; path: string }> };
    };
    expect(Object.values(json.resource.aws_iam_role).map((r) => [r.name, r.path])).toEqual([["payments-deploy", "/zsp/jit/"]]);
  });

  it("with zsp:sourceLocations on (cdktf synth passes cdktf.json context as CDKTF_CONTEXT_JSON), zsp check points SARIF at the new JitRole line of main.ts", () => {
    // main.js was compiled by the previous test with the inline source map the cdktf init tsconfig asks for.
    const env = { ...process.env, CDKTF_CONTEXT_JSON: JSON.stringify({ "zsp:sourceLocations": true }), CDKTF_OUTDIR: "located.out" };
    execFileSync(process.execPath, ["main.js"], { cwd: consumer.dir, encoding: "utf8", env });
    const json = JSON.parse(readFileSync(join(consumer.dir, "located.out", "stacks", FIRST_STACK_ID, "cdk.tf.json"), "utf8")) as {
      resource: { aws_iam_role: Record<string, { "//": { zsp?: { source?: unknown } } }> };
    };
    expect(Object.values(json.resource.aws_iam_role).map((r) => r["//"].zsp?.source)).toEqual([{ file: "main.ts", line: JIT_ROLE_LINE }]);
    writeFileSync(join(consumer.dir, "cost-centre.json"), JSON.stringify({ requiredTags: ["cost-centre"] }));
    const zsp = spawnSync(process.execPath, [join(consumer.dir, "node_modules", "cdktf-zsp", "dist", "cli", "bin.js"), "check", "located.out", "--format", "sarif", "--profile", "cost-centre.json"], { cwd: consumer.dir, encoding: "utf8" });
    expect({ code: zsp.status, stderr: zsp.stderr }).toEqual({ code: 1, stderr: "" });
    const log = JSON.parse(zsp.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown }> }> }> };
    const result = log.runs[0]?.results.find((r) => r.ruleId === "ZSP012");
    expect(result?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: "main.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: JIT_ROLE_LINE } });
  });
});
