import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");
const IMPORT = /(?:from\s+|require\(\s*|import\s*\(\s*)["']([^"']+)["']/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("the rules engine is plain data in, findings out", () => {
  // guard.ts is the synth-time hook (ZspGuard, Guard.suppress): the one guard file allowed to import cdktf.
  const sources = [...files(join(ROOT, "modules", "guard")), ...files(join(ROOT, "cli"))].filter((f) => !f.endsWith(join("guard", "guard.ts")));

  it.each(sources.map((f) => [relative(ROOT, f), f]))("%s imports no cdktf, constructs, provider bindings or the library root", (_rel, file) => {
    const imports = [...readFileSync(file as string, "utf8").matchAll(IMPORT)].map((m) => m[1] as string);
    const banned = imports.filter((i) => /^(cdktf|constructs|@cdktf\/)/.test(i) || /(^|\/)modules(\/index)?$/.test(i) || i === ".." || /guard\/guard$|^\.\/guard$/.test(i) || /provider-shim/.test(i));
    expect(banned).toEqual([]);
  });
});
