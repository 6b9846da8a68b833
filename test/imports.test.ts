import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const ROOT = join(__dirname, "..");
const SKIP = new Set(["node_modules", "dist", "cdktf.out", ".git", ".gen"]);
const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*|import\s+)["'](@cdktf\/provider-[a-z-]+)(\/[^"']*)?["']/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every provider import in `source`: package and deep path (empty for the root). */
export function providerImports(source: string): Array<{ pkg: string; deep: string }> {
  return [...source.matchAll(IMPORT)].map((m) => ({ pkg: m[1] as string, deep: m[2] ?? "" }));
}

describe("provider bindings are imported only in provider-shim/, only by deep path", () => {
  const files = tsFiles(ROOT);

  it("finds the sources it is meant to scan", () => {
    const rel = files.map((f) => relative(ROOT, f));
    expect(rel).toEqual(expect.arrayContaining([join("provider-shim", "aws-bindings.ts"), join("modules", "index.ts")]));
  });

  it("the scanner recognises root, deep, type-only and require imports", () => {
    // Built from parts so that this file does not itself contain the imports it tests for.
    const aws = "@cdktf/provider-" + "aws";
    const vault = "@cdktf/provider-" + "vault";
    expect(providerImports(`import { X } from "${aws}";`)).toEqual([{ pkg: aws, deep: "" }]);
    expect(providerImports(`import type * as m from '${vault}/lib/policy';`)).toEqual([{ pkg: vault, deep: "/lib/policy" }]);
    expect(providerImports(`const p = require("${aws}/lib/iam-role");`)).toEqual([{ pkg: aws, deep: "/lib/iam-role" }]);
    expect(providerImports(`export type { A } from "${aws}/lib/provider";`)).toHaveLength(1);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", (rel, file) => {
    const imports = providerImports(readFileSync(file, "utf8"));
    for (const { pkg, deep } of imports) {
      expect({ file: rel, import: pkg + deep, rootImport: deep === "" }).toEqual({ file: rel, import: pkg + deep, rootImport: false });
      expect({ file: rel, insideShim: rel.split(sep)[0] === "provider-shim" }).toEqual({ file: rel, insideShim: true });
    }
  });
});
