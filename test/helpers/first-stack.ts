import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The one home of the README's "Your first stack": `examples/quick-start.ts`
 * is the `main.ts` of a project made by `cdktf init --template=typescript`,
 * written with this repository's import paths. The README shows it with the
 * package's import paths, and test/cdktf-init-consumer.test.ts compiles and
 * synthesizes exactly that text in such a project.
 */
const ROOT = join(__dirname, "..", "..");

/** `examples/quick-start.ts` as a consumer on `core` writes it: imports from the package names. */
export function firstStackMain(core: "cdktf" | "cdktn" = "cdktf"): string {
  return readFileSync(join(ROOT, "examples", "quick-start.ts"), "utf8")
    .replace(/from "\.\.\/modules"/g, 'from "cdktf-zsp"')
    .replace(/from "\.\.\/provider-shim\/core"/g, `from "${core}"`)
    .replace(/from "\.\.\/provider-shim"/g, 'from "cdktf-zsp/provider-shim"');
}

/** The stack id the first stack synthesizes (`cdktf.out/stacks/<id>/cdk.tf.json`). */
export const FIRST_STACK_ID = "first-stack";
