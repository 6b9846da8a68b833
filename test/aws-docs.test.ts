/**
 * The TypeScript examples of docs/jit-roles.md and docs/break-glass.md
 * type-check against the library as it is, so the docs cannot drift from
 * the props the constructs take. A block that is a list of props
 * (`denyUnless: {...}`) is checked as a `Partial` of the construct's props.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..");
const DOCS: ReadonlyArray<{ file: string; props: string }> = [
  { file: "docs/jit-roles.md", props: "JitRoleProps" },
  { file: "docs/break-glass.md", props: "BreakGlassRoleProps" },
];
const EXPORTS = ["JitRole", "JitRoleProps", "WorkloadIdentity", "grant", "BreakGlassRole", "BreakGlassRoleProps", "AccessAudit", "Ownership"];

function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}

/** One checkable source file per block: the library's names, a stack, the example world's `payments()`, the block. */
function sourceOf(code: string, props: string): string {
  const own = new Set([...code.matchAll(/^import \{([^}]*)\} from "cdktf-zsp";$/gm)].flatMap((m) => (m[1] as string).split(",").map((n) => n.trim())));
  const body = code.replace(/ from "cdktf-zsp";/g, ' from "../modules";').replace(/ from "cdktf-zsp\/provider-shim";/g, ' from "../provider-shim";');
  const prelude = [
    'import { App, TerraformStack } from "../provider-shim/core";',
    `import { ${EXPORTS.filter((n) => !own.has(n)).join(", ")} } from "../modules";`,
    "declare const stack: TerraformStack;",
    "declare const breakGlass: BreakGlassRole;",
    "declare function payments(purpose: string): Ownership;",
    "export {};",
  ].join("\n");
  const isPropList = /^\s*[A-Za-z]+\s*:/.test(code);
  return `${prelude}\n${isPropList ? `const fragment: Partial<${props}> = {\n${body}\n};\nvoid fragment;` : body}\nvoid [App, stack, breakGlass, payments, ${EXPORTS.filter((n) => !/Props$|^Ownership$/.test(n) && !own.has(n)).join(", ")}];\n`;
}

describe("docs examples of the AWS modules type-check", () => {
  const files = new Map<string, string>();
  for (const { file, props } of DOCS) {
    blocks(readFileSync(join(ROOT, file), "utf8")).forEach((code, i) => {
      if (code.includes("…")) return; // an elided fragment, by design
      files.set(join(ROOT, "test", `docs-${file.replace(/\W/g, "-")}-${i}.ts`), sourceOf(code, props));
    });
  }

  it("finds the examples (a renamed fence would skip them silently)", () => {
    expect(files.size).toBeGreaterThanOrEqual(7);
  });

  it("every example compiles", () => {
    const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, types: [] };
    const host = ts.createCompilerHost(options);
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    const source = host.getSourceFile.bind(host);
    host.readFile = (f) => files.get(f) ?? read(f);
    host.fileExists = (f) => files.has(f) || exists(f);
    host.getSourceFile = (f, v, ...rest) => (files.has(f) ? ts.createSourceFile(f, files.get(f) as string, v) : source(f, v, ...rest));
    const program = ts.createProgram([...files.keys()], options, host);
    const problems = [...files.keys()].flatMap((f) => ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map((d) => `${f.slice(ROOT.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}\n${files.get(f)}`));
    expect(problems).toEqual([]);
  });
});
