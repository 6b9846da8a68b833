import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("opens with the two commands CI and a fresh machine run", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    expect(firstBlock.split("\n").filter(Boolean).map((l) => l.replace(/\s+#.*$/, ""))).toEqual(["npm ci && npm run synth", "npm test"]);
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/\nnpm ci\nnpm test\n/);
  });

  it("shows examples/quick-start.ts verbatim as the quick start (with the package's import paths)", () => {
    const quickStart = /## Quick start[\s\S]*?```ts\n([\s\S]*?)```/.exec(README)?.[1] ?? "";
    const file = readFileSync(join(ROOT, "examples", "quick-start.ts"), "utf8")
      .replace('from "../modules"', 'from "cdktf-zsp"')
      .replace('from "../provider-shim/core"', 'from "cdktf"')
      .replace('from "../provider-shim"', 'from "cdktf-zsp/provider-shim"');
    expect(quickStart).toBe(file);
  });

  it("the quick start runs: it synthesizes a guarded JIT role", () => {
    const out = mkdtempSync(join(tmpdir(), "zsp-quick-start-"));
    const r = spawnSync(process.execPath, [join(ROOT, "dist", "examples", "quick-start.js")], { cwd: out, encoding: "utf8" });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const json = JSON.parse(readFileSync(join(out, "cdktf.out", "stacks", "quick-start", "cdk.tf.json"), "utf8")) as {
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
