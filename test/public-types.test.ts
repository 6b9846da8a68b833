import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { moduleSpecifiers, seamImport } from "./helpers/imports";

/**
 * The published declarations work for a consumer of either core flavour
 * without aliases: starting from every `types` entry of package.json, the
 * `.d.ts` files a consumer's compiler loads name neither `cdktf`, `cdktn` nor
 * a provider package (only `constructs` and the neutral interfaces of
 * provider-shim/core-types.ts). Reads dist/, which `npm test` builds first.
 */
const ROOT = join(__dirname, "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { types: string; exports: Record<string, { types?: string } | string> };

function declarationOf(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.d.ts`, join(base, "index.d.ts")].find((f) => existsSync(f));
}

/** Every declaration file reachable from `entries` through relative imports, with the packages each names. */
function declarationGraph(entries: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (graph.has(file)) continue;
    const specifiers = moduleSpecifiers(readFileSync(file, "utf8"), file);
    graph.set(file, specifiers.filter((s) => !s.startsWith(".")));
    for (const s of specifiers.filter((x) => x.startsWith("."))) {
      const target = declarationOf(file, s);
      if (target === undefined) throw new Error(`${relative(ROOT, file)} imports ${s}, which has no declaration file`);
      queue.push(target);
    }
  }
  return graph;
}

describe("published types name no CDK core and no provider package", () => {
  const entries = [pkg.types, ...Object.values(pkg.exports).flatMap((e) => (typeof e === "object" && e.types !== undefined ? [e.types] : []))].map((t) => join(ROOT, t));
  const graph = declarationGraph([...new Set(entries)]);

  it("walks the public declarations, including the seam's neutral types", () => {
    const files = [...graph.keys()].map((f) => relative(ROOT, f));
    expect(files).toEqual(expect.arrayContaining([join("dist", "modules", "index.d.ts"), join("dist", "provider-shim", "index.d.ts"), join("dist", "provider-shim", "core-types.d.ts"), join("dist", "modules", "aws", "jit-role.d.ts")]));
    expect(files).not.toContain(join("dist", "provider-shim", "core.d.ts"));
  });

  it.each([...graph].map(([file, packages]) => [relative(ROOT, file), packages] as const))("%s", (file, packages) => {
    expect({ file, named: packages.filter((p) => seamImport(p) !== undefined) }).toEqual({ file, named: [] });
  });

  it("the internal seam does name the core (so the walk above can tell)", () => {
    const seam = declarationGraph([join(ROOT, "dist", "provider-shim", "core.d.ts")]);
    expect([...seam.values()].flat().map(seamImport).filter(Boolean)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "core" })]));
  });
});
