import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { tempDir } from "./helpers/temp";

/**
 * The CDK Terrain job, run from `npm test`: on Node 22 (a binary from npm,
 * `npx -p node@22`), a consumer on cdktn 0.24 + @cdktn/provider-aws 25.x (+
 * @cdktf/provider-vault for the Vault constructs) installs the packed tarball
 * with `npm ci` from the committed lock in test/fixtures/consumers/cdktn/
 * (exact versions; the npm registry is used when the cache lacks them),
 * compiles every example under strict TypeScript against cdktn's types
 * (`skipLibCheck: false`), synthesizes them with `cdktn synth`, and
 * `zsp check` passes on the output. The same examples synthesized on cdktf
 * in this repository give the same JSON except where {@link FLAVOUR_DIFFERENCES} says.
 */
const ROOT = join(__dirname, "..");
const FIXTURE = join(ROOT, "test", "fixtures", "consumers", "cdktn");
const NODE_22 = "node@22.22.0";
const NOW = "2026-11-30T00:00:00Z";
const context = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { context: Record<string, unknown> }).context;

/** Where the two flavours' JSON may differ, and how: nothing else may. */
const FLAVOUR_DIFFERENCES: Record<string, { cdktf: unknown; cdktn: unknown }> = {
  "//.metadata.version": { cdktf: "0.21.0", cdktn: "0.24.0" },
  "terraform.required_providers.aws.source": { cdktf: "aws", cdktn: "hashicorp/aws" },
  "terraform.required_providers.aws.version": { cdktf: "6.25.0", cdktn: "6.66.0" },
};
/** The local backend's absolute path names the directory synth ran in. */
const BACKEND_PATH = "terraform.backend.local.path";

type Json = Record<string, unknown>;

function take(json: Json, path: string): unknown {
  const keys = path.split(".");
  const last = keys.pop() as string;
  let at: Json | undefined = json;
  for (const k of keys) at = at?.[k] as Json | undefined;
  const value = at?.[last];
  if (at !== undefined) delete at[last];
  return value;
}

function stacks(out: string): Record<string, Json> {
  return Object.fromEntries(readdirSync(join(out, "stacks")).sort().map((s) => [s, JSON.parse(readFileSync(join(out, "stacks", s, "cdk.tf.json"), "utf8")) as Json]));
}

/** The examples as a consumer writes them: the package's import paths and the cdktn core. */
function consumerExamples(dir: string): string[] {
  const files = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".ts"));
  for (const f of files) {
    const source = readFileSync(join(ROOT, "examples", f), "utf8")
      .replace(/from "\.\.\/modules"/g, 'from "cdktf-zsp"')
      .replace(/from "\.\.\/provider-shim\/core"/g, 'from "cdktn"')
      .replace(/from "\.\.\/provider-shim"/g, 'from "cdktf-zsp/provider-shim"');
    writeFileSync(join(dir, f), source);
  }
  return files;
}

function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(file, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe("CDK Terrain: the packed package on cdktn 0.24 under Node 22", () => {
  const dir = tempDir("zsp-cdktn-");
  const reference = tempDir("zsp-cdktf-");
  let node22 = "";
  let examples: string[] = [];

  beforeAll(() => {
    node22 = run("npx", ["--yes", "-p", NODE_22, "--", "node", "-e", "process.stdout.write(process.execPath)"], dir).trim();
    // The consumer: the committed manifest and lock, the tarball at the path the lock names.
    const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" });
    renameSync(join(dir, (JSON.parse(packed) as Array<{ filename: string }>)[0]?.filename ?? ""), join(dir, "cdktf-zsp.tgz"));
    copyFileSync(join(FIXTURE, "package.json"), join(dir, "package.json"));
    const lock = JSON.parse(readFileSync(join(FIXTURE, "package-lock.json"), "utf8")) as { packages: Record<string, Json> };
    const self = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Json;
    lock.packages["node_modules/cdktf-zsp"] = {
      ...Object.fromEntries(["version", "license", "dependencies", "bin", "engines", "peerDependencies", "peerDependenciesMeta"].filter((k) => self[k] !== undefined).map((k) => [k, self[k]])),
      resolved: "file:cdktf-zsp.tgz",
      integrity: `sha512-${createHash("sha512").update(new Uint8Array(readFileSync(join(dir, "cdktf-zsp.tgz")))).digest("base64")}`,
    };
    writeFileSync(join(dir, "package-lock.json"), JSON.stringify(lock, null, 2));
    run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], dir);
    examples = consumerExamples(dir);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", lib: ["ES2022"], types: [], strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, inlineSourceMap: true },
      include: ["*.ts"],
    }));
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", projectId: "cdktn-consumer", sendCrashReports: "false", context }));
    // The same examples on cdktf, from this repository's build.
    run(process.execPath, [join(ROOT, "dist", "examples", "main.js")], reference, { ...process.env, ZSP_NOW: NOW, CDKTF_CONTEXT_JSON: JSON.stringify(context), CDKTF_OUTDIR: join(reference, "cdktf.out") });
  }, 900000);

  it("installs without --legacy-peer-deps and runs on Node 22", () => {
    expect(run(node22, ["--version"], dir).trim()).toMatch(/^v22\./);
    const installed = (name: string): string => (JSON.parse(readFileSync(join(dir, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    expect({ cdktn: installed("cdktn"), aws: installed("@cdktn/provider-aws"), constructs: installed("constructs") }).toEqual({ cdktn: "0.24.0", aws: "25.7.0", constructs: "10.7.0" });
  });

  it("compiles every example against cdktn's types (strict, skipLibCheck off)", () => {
    expect(examples).toEqual(expect.arrayContaining(["main.ts", "github-deploy.ts", "vault-etl.ts", "vault-batch-job.ts", "break-glass.ts", "ai-agent-intents.ts", "two-accounts.ts"]));
    run(node22, [join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", "."], dir);
  });

  it("synthesizes every example stack with cdktn synth, zsp check passes, and the JSON equals cdktf's but for versions and provider source", () => {
    const env = { ...process.env, PATH: `${dirname(node22)}${delimiter}${process.env.PATH ?? ""}`, CHECKPOINT_DISABLE: "1", CI: "true", ZSP_NOW: NOW };
    run(node22, [join(dir, "node_modules", "cdktn-cli", "bin", "cdktn"), "synth", "--output", "out"], dir, env);
    const check = spawnSync(node22, [join(dir, "node_modules", "cdktf-zsp", "dist", "cli", "bin.js"), "check", "out", "--format", "json"], { cwd: dir, env, encoding: "utf8" });
    expect({ code: check.status, stderr: check.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(check.stdout)).toMatchObject({ summary: { errors: 0 } });

    const onCdktn = stacks(join(dir, "out"));
    const onCdktf = stacks(join(reference, "cdktf.out"));
    expect(Object.keys(onCdktn)).toEqual(Object.keys(onCdktf));
    expect(Object.keys(onCdktn)).toEqual(["ai-agent-intents", "break-glass", "github-deploy", "two-accounts", "vault-batch-job", "vault-etl"]);
    // The Vault constructs ran on the fork's core through the cdktf Vault bindings.
    expect(Object.keys((onCdktn["vault-etl"]?.resource ?? {}) as Json)).toEqual(expect.arrayContaining(["vault_mount", "vault_database_secret_backend_connection", "vault_database_secret_backend_role"]));
    for (const stack of Object.keys(onCdktf)) {
      const [tf, tn] = [onCdktf[stack] as Json, onCdktn[stack] as Json];
      for (const [path, expected] of Object.entries(FLAVOUR_DIFFERENCES)) {
        const got = { cdktf: take(tf, path), cdktn: take(tn, path) };
        // A stack without an AWS provider (vault-etl) has neither side.
        if (got.cdktf !== undefined || got.cdktn !== undefined) expect({ stack, path, ...got }).toEqual({ stack, path, ...expected });
      }
      expect({ stack, cdktf: take(tf, BACKEND_PATH), cdktn: take(tn, BACKEND_PATH) }).toEqual({ stack, cdktf: join(reference, `terraform.${stack}.tfstate`), cdktn: join(dir, `terraform.${stack}.tfstate`) });
      expect({ stack, json: tn }).toEqual({ stack, json: tf });
    }
  });

  it("with zsp:sourceLocations on, records the TypeScript line that created each role on cdktn too", () => {
    const env = { ...process.env, ZSP_NOW: NOW, CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, "zsp:sourceLocations": true }), CDKTF_OUTDIR: join(dir, "located") };
    run(node22, ["main.js"], dir, env);
    const lines = readFileSync(join(dir, "github-deploy.ts"), "utf8").split("\n");
    const roles = Object.values(((stacks(join(dir, "located"))["github-deploy"]?.resource as Json | undefined)?.aws_iam_role ?? {}) as Record<string, Json>);
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) {
      const meta = role["//"] as { metadata: { path: string }; zsp?: { source?: { file: string; line: number } } };
      const id = meta.metadata.path.split("/")[1] as string;
      // The line of github-deploy.ts that constructs the role's construct (new JitRole(this, "<id>", ...)).
      expect({ id, file: meta.zsp?.source?.file, text: lines[(meta.zsp?.source?.line ?? 0) - 1]?.trim() }).toEqual({ id, file: "github-deploy.ts", text: expect.stringMatching(new RegExp(`new [A-Za-z]+\\(this, "${id}"`)) });
    }
  });
});
