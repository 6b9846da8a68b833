import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** What `npm pack` would publish, as npm itself computes it (needs `npm run build` first, as `npm test` does). */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: join(__dirname, ".."), encoding: "utf8" });
  const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return (report?.files ?? []).map((f) => f.path);
}

describe("npm pack", () => {
  const files = packedFiles();

  it("ships the compiled library, its types, the shim, the CLI bin, the README and the NOTICE (third-party attribution)", () => {
    expect(files).toEqual(expect.arrayContaining([
      "package.json", "README.md", "LICENSE", "NOTICE",
      "dist/modules/index.js", "dist/modules/index.d.ts",
      "dist/provider-shim/index.js", "dist/provider-shim/index.d.ts",
      "dist/cli/bin.js",
    ]));
  });

  it("ships no tests, examples, sources or synth output", () => {
    expect(files.filter((f) => /^(test|examples|bench|cdktf\.out|dist\/examples)\/|\.test\.|(?<!\.d)\.ts$/.test(f))).toEqual([]);
  });
});
