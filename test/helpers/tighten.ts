import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "../../provider-shim/core";
import { GithubDeployStack } from "../../examples/github-deploy";
import { VaultBatchJobStack } from "../../examples/vault-batch-job";
import type { TightenResult, TightenRole } from "../../cli/tighten/tighten";
import { jitApp } from "./jit";
import { tempDir } from "./temp";

/** Root of the repository. */
export const ROOT = join(__dirname, "..", "..");
/** The CloudTrail fixtures of `zsp tighten` (written by make.js in that folder). */
export const TRAIL = join(ROOT, "test", "fixtures", "cloudtrail", "tighten");

/** Runs the built CLI. */
export function zsp(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "dist", "cli", "bin.js"), ...args], { encoding: "utf8", cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Synthesizes the github-deploy and vault-batch-job examples into a cdktf.out-shaped folder and returns it. */
export function synthExamples(): string {
  const dir = tempDir("zsp-tighten-");
  const stacks: Array<[string, (app: ReturnType<typeof jitApp>) => unknown]> = [
    ["github-deploy", (app) => new GithubDeployStack(app, "github-deploy")],
    ["vault-batch-job", (app) => new VaultBatchJobStack(app, "vault-batch-job")],
  ];
  for (const [name, make] of stacks) {
    const app = jitApp();
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), Testing.synth(make(app) as Parameters<typeof Testing.synth>[0]));
  }
  return dir;
}

/** `zsp tighten --format json`, parsed; throws with stderr when it does not exit 0. */
export function tightenJson(...args: string[]): TightenResult {
  const r = zsp("tighten", ...args, "--format", "json");
  if (r.code !== 0) throw new Error(`zsp tighten exited ${String(r.code)}: ${r.stderr}`);
  return JSON.parse(r.stdout) as TightenResult;
}

/** The role named `name` of a result. */
export function role(result: TightenResult, name: string): TightenRole {
  const found = result.roles.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no role ${name} in ${result.roles.map((r) => r.name).join(", ")}`);
  return found;
}

/** A fresh temporary folder for trail files (removed after the test file). */
export function trailDir(): string {
  return tempDir("zsp-trail-");
}
