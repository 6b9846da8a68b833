import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { moduleSpecifiers, seamImport } from "./helpers/imports";

/**
 * The core seam: only provider-shim/ names the CDK core (`cdktf`, `cdktn`) or a
 * provider bindings package, and provider bindings only by deep path. Imports
 * are read from the syntax tree (import/export declarations, `require(...)`,
 * `import(...)` and `import("...")` types), so code a test writes into a
 * consumer project as a string is not an import of this repository.
 * Consumer projects kept as fixtures (test/fixtures/consumers/) are user code
 * of one flavour and are not scanned.
 */
const ROOT = join(__dirname, "..");
const SKIP = new Set(["node_modules", "dist", "cdktf.out", ".git", ".gen", "consumers"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

describe("the CDK core and provider bindings are imported only in provider-shim/, bindings only by deep path", () => {
  const files = sourceFiles(ROOT);

  it("finds the sources it is meant to scan", () => {
    const rel = files.map((f) => relative(ROOT, f));
    expect(rel).toEqual(expect.arrayContaining([join("provider-shim", "core.ts"), join("provider-shim", "aws-bindings.ts"), join("modules", "index.ts"), join("examples", "main.ts"), join("bench", "synth.bench.js")]));
  });

  it("the scanner recognises root, deep, type-only, require, dynamic and import-type imports of both flavours, and not strings", () => {
    // Built from parts so that this file does not itself contain the imports it tests for.
    const [tf, tn] = ["cdk" + "tf", "cdk" + "tn"];
    const aws = `@${tf}/provider-aws`;
    const fork = `@${tn}/provider-aws`;
    const seen = (code: string): unknown[] => moduleSpecifiers(code).map(seamImport);
    expect(seen(`import { X } from "${aws}";`)).toEqual([{ pkg: aws, kind: "provider", deep: false }]);
    expect(seen(`import type * as m from '${fork}/lib/policy';`)).toEqual([{ pkg: fork, kind: "provider", deep: true }]);
    expect(seen(`const p = require("${aws}/lib/iam-role");`)).toEqual([{ pkg: aws, kind: "provider", deep: true }]);
    expect(seen(`export type { A } from "${aws}/lib/provider";`)).toHaveLength(1);
    expect(seen(`import { App } from "${tf}";`)).toEqual([{ pkg: tf, kind: "core", deep: false }]);
    expect(seen(`const { App } = require("${tn}");`)).toEqual([{ pkg: tn, kind: "core", deep: false }]);
    expect(seen(`type S = import("${tn}").TerraformStack; void import("${tf}/lib/app");`)).toEqual([{ pkg: tn, kind: "core", deep: false }, { pkg: tf, kind: "core", deep: true }]);
    expect(seen(`import x = require("${tf}");`)).toEqual([{ pkg: tf, kind: "core", deep: false }]);
    expect(seen(`const path = require.resolve("${tn}/package.json");`)).toEqual([{ pkg: tn, kind: "core", deep: true }]);
    expect(seen("const consumer = `const { App } = require(\"" + tf + "\");`;")).toEqual([]);
    expect(seen(`import { z } from "${tf}-zsp"; import { c } from "constructs"; import { p } from "@${tf}/hcl2json";`)).toEqual([undefined, undefined, undefined]);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", (rel, file) => {
    const insideShim = rel.split(sep)[0] === "provider-shim";
    for (const specifier of moduleSpecifiers(readFileSync(file, "utf8"), file)) {
      const seam = seamImport(specifier);
      if (seam === undefined) continue;
      expect({ file: rel, import: specifier, insideShim }).toEqual({ file: rel, import: specifier, insideShim: true });
      if (seam.kind === "provider") expect({ file: rel, import: specifier, rootImport: !seam.deep }).toEqual({ file: rel, import: specifier, rootImport: false });
    }
  });
});
