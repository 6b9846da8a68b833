import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SOURCE_LOCATIONS_CONTEXT_KEY } from "../modules/core/source-location";
import { FIRST_STACK_ID, firstStackMain } from "./helpers/first-stack";
import { tempDir } from "./helpers/temp";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("opens with the two commands CI and a fresh machine run", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    expect(firstBlock.split("\n").filter(Boolean).map((l) => l.replace(/\s+#.*$/, ""))).toEqual(["npm ci && npm run synth", "npm test"]);
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/\nnpm ci\nnpm test\n/);
  });

  const firstStack = /## Your first stack\n([\s\S]*?)\n## /.exec(README)?.[1] ?? "";

  it("\"Your first stack\" starts from cdktf init and shows examples/quick-start.ts verbatim as main.ts (with the package's import paths)", () => {
    const [init, install] = (/```sh\n([\s\S]*?)```/.exec(firstStack)?.[1] ?? "").split("\n");
    expect(init).toMatch(/^npx --yes cdktf-cli@0\.21\.0 init --template=typescript --local /);
    // What test/cdktf-init-consumer.test.ts installs next to what cdktf init installs (cdktf, constructs).
    expect(install).toBe("npm install cdktf-zsp @cdktf/provider-aws@21");
    expect(/```ts\n([\s\S]*?)```/.exec(firstStack)?.[1]).toBe(firstStackMain());
    expect(firstStack).toMatch(/npx cdktf synth[^\n]*\nnpx zsp check cdktf\.out/);
  });

  it("turns on source locations with the context key the recorder reads, and uploads the SARIF", () => {
    const json = JSON.parse(/```json\n([\s\S]*?)```/.exec(firstStack)?.[1] ?? "{}") as { context?: Record<string, unknown> };
    expect(json.context).toEqual({ [SOURCE_LOCATIONS_CONTEXT_KEY]: true });
    const workflow = /```yaml\n([\s\S]*?)```/.exec(firstStack)?.[1] ?? "";
    expect(workflow).toMatch(/run: npx zsp check cdktf\.out --format sarif --output zsp\.sarif/);
    expect(workflow).toMatch(/uses: github\/codeql-action\/upload-sarif@v3/);
  });

  it("the first stack runs: it synthesizes a guarded JIT role", () => {
    const out = tempDir("zsp-first-stack-");
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "examples", "quick-start.js")], { cwd: out, encoding: "utf8" });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const json = JSON.parse(readFileSync(join(out, "cdktf.out", "stacks", FIRST_STACK_ID, "cdk.tf.json"), "utf8")) as {
      resource: { aws_iam_role: Record<string, { path: string; max_session_duration: number; assume_role_policy: string }> };
    };
    const [role] = Object.values(json.resource.aws_iam_role);
    expect(role).toMatchObject({ path: "/zsp/jit/", max_session_duration: 3600 });
    expect(JSON.parse(role?.assume_role_policy ?? "{}").Statement[0].Condition.StringEquals).toEqual({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
      "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production",
    });
  });
});
