import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

function zsp(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("zsp CLI skeleton", () => {
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
});
