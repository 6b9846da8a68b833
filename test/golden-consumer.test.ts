import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as ts from "typescript";
import { installConsumer, type Consumer } from "./helpers/consumer";
import { tempDir } from "./helpers/temp";

/**
 * A consumer of a golden module package: `@acme/zsp`, built from examples/golden (its package.json
 * and acme.ts, compiled as the platform team would publish it), installed from its tarball next to
 * cdktf-zsp's tarball, offline from the project lock (test/helpers/consumer.ts). The consumer
 * builds its identities and grants with its own cdktf-zsp and passes them to `acme.jitRole`.
 *
 * - As examples/golden/README.md advises, the golden module peer-depends on cdktf-zsp: one copy.
 * - The mistake the README warns about, cdktf-zsp under the golden module's `dependencies` with a
 *   copy of its own: the process loads two copies, and the values still pass (brands, not
 *   `instanceof`).
 * Either way the app synthesizes under `ZspGuard` and `zsp check` passes on the output.
 */
const ROOT = join(__dirname, "..");
const GOLDEN = join(ROOT, "examples", "golden");

interface GoldenManifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The golden module as a package directory: examples/golden/package.json, and acme.js compiled
 * from acme.ts with its in-repository import of the library (`../../modules`) written as the
 * package import `cdktf-zsp`. `ownCopy` moves cdktf-zsp from peerDependencies to dependencies.
 */
const goldenPackage = (ownCopy: boolean): string => {
  const dir = tempDir("zsp-golden-");
  const manifest = JSON.parse(readFileSync(join(GOLDEN, "package.json"), "utf8")) as GoldenManifest;
  if (ownCopy) {
    const { "cdktf-zsp": range, ...peers } = manifest.peerDependencies ?? {};
    manifest.peerDependencies = peers;
    manifest.dependencies = { "cdktf-zsp": range ?? "" };
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  const source = readFileSync(join(GOLDEN, "acme.ts"), "utf8");
  const imports = source.match(/from "\.\.\/\.\.\/modules"/g) ?? [];
  if (imports.length === 0) throw new Error("examples/golden/acme.ts no longer imports ../../modules: update this test");
  const asPackage = source.replace(/from "\.\.\/\.\.\/modules"/g, 'from "cdktf-zsp"');
  const js = ts.transpileModule(asPackage, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, fileName: "acme.ts" }).outputText;
  writeFileSync(join(dir, "acme.js"), js);
  return dir;
};

const PROGRAM = `
  const { App, TerraformStack } = require("cdktf");
  const { WorkloadIdentity, ZspGuard, ZspProfile, grant } = require("cdktf-zsp");
  const { awsProvider } = require("cdktf-zsp/provider-shim");
  const { acme } = require("@acme/zsp");
  const app = new App({ outdir: "out", context: { "zsp:now": "2026-11-25T12:00:00Z" } });
  const stack = new TerraformStack(app, "payments");
  awsProvider(stack, {
    region: "eu-west-1", allowedAccountIds: ["111122223333"],
    assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "payments", sourceIdentity: "payments" },
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "payments deploy roles" },
  });
  // STRICT=1: the app's own profile, stricter than ACME's, must bound the golden role too.
  if (process.env.STRICT === "1") ZspProfile.apply(stack, { ticketPattern: "^CHG-[0-9]+$" });
  acme.jitRole(stack, "deploy", {
    roleName: "payments-deploy", owner: "team-payments", purpose: "deploy the payments service", ticket: process.env.TICKET,
    identities: [WorkloadIdentity.githubActions({
      providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
      repo: "acme/payments", environment: "production",
    })],
    grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
  });
  ZspGuard.apply(app);
  app.synth();`;

/** Where `cdktf-zsp` resolves from the consumer, and from inside the golden module. */
const copies = (consumer: Consumer): { app: string; golden: string } => {
  const from = (dir: string): string => realpathSync(dirname(require.resolve("cdktf-zsp/package.json", { paths: [dir] })));
  return { app: from(consumer.dir), golden: from(join(consumer.dir, "node_modules", "@acme", "zsp")) };
};

const synthAndCheck = (consumer: Consumer): { synth: { code: number | null; stderr: string }; role: unknown; check: { code: number | null; stderr: string }; findings: unknown } => {
  const synth = spawnSync(process.execPath, ["-e", PROGRAM], { cwd: consumer.dir, encoding: "utf8", env: { ...process.env, TICKET: "CHG-4821" } });
  const file = join(consumer.dir, "out", "stacks", "payments", "cdk.tf.json");
  const json = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { resource?: { aws_iam_role?: Record<string, { name: string; path: string; permissions_boundary: string }> } }) : {};
  const role = Object.values(json.resource?.aws_iam_role ?? {}).map((r) => [r.name, r.path, r.permissions_boundary]);
  const check = spawnSync("npx", ["--offline", "zsp", "check", "out", "--format", "json"], { cwd: consumer.dir, encoding: "utf8" });
  const findings = check.status === 0 ? (JSON.parse(check.stdout) as { findings: unknown }).findings : check.stdout;
  return { synth: { code: synth.status, stderr: synth.stderr }, role, check: { code: check.status, stderr: check.stderr }, findings };
};

const EXPECTED = {
  synth: { code: 0, stderr: "" },
  role: [["payments-deploy", "/zsp/jit/", "arn:aws:iam::111122223333:policy/acme-zsp-boundary"]],
  check: { code: 0, stderr: "" },
  findings: [],
};

/** The app applies a stricter ticket pattern than ACME's and asks for an `INC-` ticket, which ACME alone would accept. */
const stricterApp = (consumer: Consumer): { code: number | null; stderr: string } => {
  const r = spawnSync(process.execPath, ["-e", PROGRAM], { cwd: consumer.dir, encoding: "utf8", env: { ...process.env, STRICT: "1", TICKET: "INC-7", ZSP_DEBUG: "" } });
  return { code: r.status, stderr: r.stderr.trim() };
};

/** One line: the golden role refused with the app's pattern (combined with ACME's by `ZspProfile.restrict`). */
const REFUSED = { code: 1, stderr: expect.stringMatching(/^ZspError \[E_INVALID\]: payments\/deploy\/Role: invalid ownership\.ticket: "INC-7" does not match the profile's ticket pattern [^\n]*\^CHG-\[0-9\]\+\$[^\n]*$/) };

const PEERS = ["cdktf", "constructs", "@cdktf/provider-aws", "@cdktf/provider-vault"];

describe("a consumer of a golden module package", () => {
  describe("that peer-depends on cdktf-zsp (as examples/golden/package.json does)", () => {
    let consumer: Consumer;
    beforeAll(() => {
      consumer = installConsumer({ dependencies: PEERS, local: [{ dir: goldenPackage(false) }] });
    }, 180000);

    it("has one copy of cdktf-zsp, shared by the app and the golden module", () => {
      const { app, golden } = copies(consumer);
      expect(golden).toBe(app);
    });

    it("synthesizes the golden role under ZspGuard and zsp check passes on the output", () => {
      expect(synthAndCheck(consumer)).toEqual(EXPECTED);
    });

    it("a stricter profile of the app bounds the golden role", () => {
      expect(stricterApp(consumer)).toEqual(REFUSED);
    });
  });

  describe("that brings its own copy of cdktf-zsp (dependencies instead of peerDependencies)", () => {
    let consumer: Consumer;
    beforeAll(() => {
      consumer = installConsumer({ dependencies: PEERS, local: [{ dir: goldenPackage(true), ownCopy: true }] });
    }, 180000);

    it("has two copies of cdktf-zsp", () => {
      const { app, golden } = copies(consumer);
      expect(golden).not.toBe(app);
      expect(golden).toBe(join(realpathSync(consumer.dir), "node_modules", "@acme", "zsp", "node_modules", "cdktf-zsp"));
    });

    it("accepts the app copy's WorkloadIdentity and grants in the golden copy's JitRole; zsp check passes", () => {
      expect(synthAndCheck(consumer)).toEqual(EXPECTED);
    });

    it("a stricter profile applied with the app's copy still bounds the golden copy's role", () => {
      expect(stricterApp(consumer)).toEqual(REFUSED);
    });
  });
});
