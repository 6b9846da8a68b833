import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { projectPath, readSourceLocation, userFrame } from "../modules/core/source-location";
import { tempDir } from "./helpers/temp";

/**
 * The frame a source location records, from a real stack of compiled
 * JavaScript: mapped back to the TypeScript line through a source map file
 * or an inline one, past frames of node_modules and of the library itself.
 */
const TS = `interface Props {
  readonly name: string;
}

type Id = string;

export function declare(props: Props, id: Id): string {
  // The line a location must name: the types above vanish from the JavaScript.
  return library(props.name + id);
}

function library(x: string): string {
  return x;
}
`;
const DECLARE_LINE = TS.split("\n").findIndex((l) => l.includes("return library(")) + 1;

/** Compiles TS into `dir/src/file.js` with a map file or an inline map; returns the JS path and text. */
function compile(dir: string, inline: boolean): { file: string; js: string } {
  const out = ts.transpileModule(TS, { fileName: "file.ts", compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, ...(inline ? { inlineSourceMap: true } : { sourceMap: true }) } });
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "src", "file.ts"), TS);
  const js = inline ? out.outputText : out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, "//# sourceMappingURL=file.js.map");
  writeFileSync(join(dir, "src", "file.js"), js);
  if (!inline) writeFileSync(join(dir, "src", "file.js.map"), out.sourceMapText ?? "");
  return { file: join(dir, "src", "file.js"), js };
}

describe("userFrame", () => {
  it.each([["a source map file", false], ["an inline source map", true]])("maps a compiled frame back to the TypeScript line through %s", (_label, inline) => {
    const dir = tempDir("zsp-map-");
    const { file, js } = compile(dir, inline);
    // The V8 frame of the call `library(...)` in the compiled file (1-based line and column).
    const jsLines = js.split("\n");
    const line = jsLines.findIndex((l) => l.includes("return library(")) + 1;
    const column = (jsLines[line - 1] ?? "").indexOf("library(") + 1;
    expect(line).not.toBe(DECLARE_LINE); // the interface and type lines are gone from the JavaScript
    const stack = [`Error`, `    at capture (${dir}/node_modules/x/index.js:1:1)`, `    at declare (${file}:${line}:${column})`].join("\n");
    expect(userFrame(stack, [], dir)).toEqual({ file: "src/file.ts", line: DECLARE_LINE });
  });

  it("passes frames in node_modules and in library folders, and Node internals", () => {
    const stack = [
      "Error",
      "    at capture (/p/node_modules/cdktf-zsp/dist/modules/core/source-recorder.js:10:5)",
      "    at new TerraformElement (/p/node_modules/cdktf/lib/terraform-element.js:25:19)",
      "    at new JitRole (/lib/modules/aws/jit-role.ts:108:5)",
      "    at new MyStack (/p/main.ts:20:5)",
      "    at Module._compile (node:internal/modules/cjs/loader:1521:14)",
    ].join("\n");
    expect(userFrame(stack, ["/lib/modules/"], "/p")).toEqual({ file: "main.ts", line: 20 });
    expect(userFrame(stack, ["/lib/modules/", "/p/main"], "/p")).toBeUndefined();
  });

  it("reads bare and file URL frames, and keeps a path outside the project absolute", () => {
    expect(userFrame("    at /p/a b/x.ts:3:1", [], "/p")).toEqual({ file: "a b/x.ts", line: 3 });
    expect(userFrame("    at file:///p/esm.mjs:4:2", [], "/p")).toEqual({ file: "esm.mjs", line: 4 });
    expect(projectPath("/elsewhere/x.ts", "/p")).toBe("/elsewhere/x.ts");
  });
});

describe("readSourceLocation", () => {
  it("reads a well-formed location and nothing else", () => {
    expect(readSourceLocation({ zsp: { source: { file: "main.ts", line: 3 } } })).toEqual({ file: "main.ts", line: 3 });
    for (const bad of [undefined, {}, { zsp: {} }, { zsp: { source: { file: "", line: 3 } } }, { zsp: { source: { file: "a.ts", line: 0 } } }, { zsp: { source: { file: "a.ts", line: 1.5 } } }, { zsp: { source: ["a.ts", 1] } }]) {
      expect(readSourceLocation(bad)).toBeUndefined();
    }
  });
});
