import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative, sep } from "node:path";
import { GuardInputError, loadDocument } from "../modules/guard/engine";
import type { TfModel } from "../modules/guard/model";

/** A usage or input problem: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A message on one line (JSON.parse quotes the offending text, newlines included). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** One input document: where it came from, its text and its model. */
export interface Input {
  /** File path as given or found. */
  readonly file: string;
  /** The file's text (for SARIF line numbers). */
  readonly text: string;
  /** Its model. */
  readonly model: TfModel;
}

/**
 * A file's text: UTF-8, with or without a byte order mark, or UTF-16 with
 * one (what Windows PowerShell 5 writes for `terraform show -json p > plan.json`).
 */
export function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString("utf16le", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const le = Buffer.alloc((bytes.length - 2) & ~1);
    for (let i = 0; i < le.length; i += 2) {
      le[i] = bytes[i + 3] ?? 0;
      le[i + 1] = bytes[i + 2] ?? 0;
    }
    return le.toString("utf16le");
  }
  return bytes.toString("utf8", bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
}

/** A JSON file's text and value, refusing what cannot be read or is not JSON. */
export function readJsonText(file: string): { text: string; json: unknown } {
  let text: string;
  try {
    text = decode(readFileSync(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { text, json: JSON.parse(text) as unknown };
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${oneLine((e as Error).message)})`);
  }
}

/** A JSON file's value (see {@link readJsonText}). */
export function readJsonFile(file: string): unknown {
  return readJsonText(file).json;
}

/** Reads one JSON file into a model, refusing what is not JSON or neither shape. */
export function readInput(file: string, stackName?: string): Input {
  const { text, json } = readJsonText(file);
  try {
    return { file, text, model: loadDocument(json, stackName ?? basename(file).replace(/(\.tf)?\.json$/, "")) };
  } catch (e) {
    if (e instanceof GuardInputError) throw new UsageError(`${file} is ${e.message}`);
    throw e;
  }
}

/**
 * The inputs at `path`: a cdktf.out directory (every stack its manifest.json
 * lists, else every stacks/<name>/cdk.tf.json), a directory holding one
 * cdk.tf.json, or one JSON file (synth output, *.tf.json or a plan).
 */
export function readInputs(path: string): Input[] {
  if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  if (!statSync(path).isDirectory()) return [readInput(path)];
  const stacks = stackFiles(path);
  if (stacks.length === 0) {
    throw new UsageError(`no stacks found in ${path}: expected a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), a cdk.tf.json or a plan JSON file`);
  }
  return stacks.map(([file, name]) => readInput(file, name));
}

function stackFiles(dir: string): Array<[string, string]> {
  const manifest = join(dir, "manifest.json");
  if (existsSync(manifest)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(manifest, "utf8")) as unknown;
    } catch (e) {
      throw new UsageError(`${manifest} is not JSON (${oneLine((e as Error).message)})`);
    }
    const stacks = typeof parsed === "object" && parsed !== null ? (parsed as { stacks?: unknown }).stacks : undefined;
    if (typeof stacks === "object" && stacks !== null) {
      const out: Array<[string, string]> = [];
      for (const [name, s] of Object.entries(stacks as Record<string, unknown>)) {
        const p = typeof s === "object" && s !== null ? (s as { synthesizedStackPath?: unknown }).synthesizedStackPath : undefined;
        if (typeof p === "string") out.push([join(dir, p), name]);
      }
      if (out.length > 0) return out;
    }
  }
  const stacksDir = join(dir, "stacks");
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const out = readdirSync(stacksDir).sort()
      .map((name): [string, string] => [join(stacksDir, name, "cdk.tf.json"), name])
      .filter(([f]) => existsSync(f));
    if (out.length > 0) return out;
  }
  const single = join(dir, "cdk.tf.json");
  return existsSync(single) ? [[single, basename(dir)]] : [];
}

/** `file` relative to the working directory, with `/` separators (SARIF artifact URIs). */
export function relativeUri(file: string): string {
  const rel = relative(process.cwd(), file);
  return (rel.startsWith("..") ? file : rel).split(sep).join("/");
}
