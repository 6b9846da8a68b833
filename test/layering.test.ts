import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The layering of DESIGN.md: the guard and the CLI read plain Terraform JSON
 * and share the neutral IAM model (`modules/iam/`) and `core/` with the
 * constructs, but never import the constructs themselves, so the check at
 * synth and the check in CI cannot disagree and `zsp` starts fast.
 */
const ROOT = join(__dirname, "..");
const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*)["']([^"']+)["']/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith(".ts") ? [path] : [];
  });
}

/** The relative imports of `file` that land in one of `folders` (paths relative to the project root). */
export function importsInto(file: string, folders: readonly string[]): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(IMPORT)]
    .map((m) => m[1] as string)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => relative(ROOT, join(file, "..", spec)))
    .filter((target) => folders.some((f) => target === f || target.startsWith(`${f}/`)));
}

const CONSTRUCTS = ["modules/aws", "modules/vault", "modules/agents", "modules/ownership"];

describe("guard/, iam/ and cli/ never import the constructs", () => {
  it("the scanner sees a relative import into a construct folder", () => {
    const probe = join(ROOT, "modules", "guard", "probe.ts");
    expect(relative(ROOT, join(probe, "..", "../aws/jit-role"))).toBe("modules/aws/jit-role");
  });

  const files = [...tsFiles(join(ROOT, "modules", "guard")), ...tsFiles(join(ROOT, "modules", "iam")), ...tsFiles(join(ROOT, "cli"))];
  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", (_rel, file) => {
    expect(importsInto(file, CONSTRUCTS)).toEqual([]);
  });
});
