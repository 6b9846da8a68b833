/**
 * Source locations: where in the consumer's TypeScript a resource was
 * declared, so that code scanning can annotate that line instead of the
 * generated JSON. This module is pure (no CDK core): the synth-time recorder
 * (`source-recorder.ts`) picks a frame with {@link userFrame}, and the guard
 * reads the recorded location back with {@link readSourceLocation}.
 * @packageDocumentation
 */
import { isAbsolute, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { originalPosition } from "./source-map";

/**
 * The cdktf.json context key that turns source locations on
 * (`"context": { "zsp:sourceLocations": true }`). Off by default.
 */
export const SOURCE_LOCATIONS_CONTEXT_KEY = "zsp:sourceLocations";

/** A line of source: where a resource was declared. */
export interface SourceLocation {
  /** The file, relative to the directory synth ran in (the project root) with `/` separators; absolute when outside it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
}

/** One `at ...` line of a V8 stack: `(file:line:column)` or a bare `file:line:column`. */
const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** Whether a frame's file is the consumer's code (not Node internals, not a package in node_modules, not `libraryDirs`). */
function isUserFile(file: string, libraryDirs: readonly string[]): boolean {
  if (!isAbsolute(file)) return false;
  if (/[\\/]node_modules[\\/]/.test(file)) return false;
  return !libraryDirs.some((dir) => file.startsWith(dir));
}

/**
 * The first frame of `stack` (an `Error#stack` string, innermost first) in
 * the consumer's code, mapped through the file's source map when it has one
 * (`.js` built with `sourceMap` or `inlineSourceMap`), as a location
 * relative to `cwd`. Frames in Node internals, in any package under
 * `node_modules` (cdktf, cdktn, constructs, provider bindings, an installed
 * cdktf-zsp, golden modules) and under `libraryDirs` (this library's own
 * sources) are passed.
 *
 * @returns undefined when no frame is the consumer's.
 */
export function userFrame(stack: string, libraryDirs: readonly string[], cwd: string): SourceLocation | undefined {
  for (const text of stack.split("\n")) {
    const m = FRAME.exec(text);
    if (!m) continue;
    const file = (m[1] as string).startsWith("file://") ? fileURLToPath(m[1] as string) : (m[1] as string);
    if (!isUserFile(file, libraryDirs)) continue;
    const at = originalPosition(file, Number(m[2]), Number(m[3])) ?? { file, line: Number(m[2]) };
    return { file: projectPath(at.file, cwd), line: at.line };
  }
  return undefined;
}

/** `file` relative to `cwd` with `/` separators, or absolute (with `/`) when outside it. */
export function projectPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel).split(sep).join("/");
}

/**
 * The location recorded in a resource's or provider's `"//"` metadata
 * (`{"zsp": {"source": {"file": "main.ts", "line": 42}}}`), if it is well formed.
 */
export function readSourceLocation(meta: unknown): SourceLocation | undefined {
  const zsp = isObject(meta) ? meta.zsp : undefined;
  const source = isObject(zsp) ? zsp.source : undefined;
  if (!isObject(source)) return undefined;
  const { file, line } = source;
  if (typeof file !== "string" || file === "" || typeof line !== "number" || !Number.isInteger(line) || line < 1) return undefined;
  return { file, line };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
