import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { GuardInputError, loadDocument, loadRootModule } from "../modules/guard/engine";
import { assertDepth } from "../modules/guard/input-error";
import { isTerraformConfig } from "../modules/guard/load-config";
import { isTerraformPlan } from "../modules/guard/load-plan";
import { TfModel, isRecord } from "../modules/guard/model";
import { parsePlanText } from "../modules/guard/plan-text";
import { UsageError, oneLine } from "./usage-error";


/** One configuration file of a root module read from a directory. */
export interface InputFile {
  /** File path. */
  readonly file: string;
  /** Its text (for SARIF line numbers). */
  readonly text: string;
  /** Its parsed JSON (which blocks it declares). */
  readonly json: Record<string, unknown>;
  /** An override file (`override.tf.json`, `*_override.tf.json`). */
  readonly override: boolean;
}

/** One input document: where it came from, its text and its model. */
export interface Input {
  /** File path as given or found (the directory, for a root module merged from several files). */
  readonly file: string;
  /** The file's text (for SARIF line numbers); empty for a merged root module. */
  readonly text: string;
  /** Its model. */
  readonly model: TfModel;
  /** For a root module merged from several files: those files, so a finding can point at the one that declares its block. */
  readonly files?: readonly InputFile[];
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

/** How inputs are read. */
export interface ReadOptions {
  /** Variable values (`--var-file`), applied to configuration inputs; a plan carries its own. */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/**
 * A JSON file's text and value, refusing what cannot be read or is not JSON
 * (`label` names it in the message). `parse` reads the text (an input's:
 * {@link parsePlanText}, which leaves out what a plan repeats).
 */
export function readJsonText(file: string, label = file, parse: (text: string) => unknown = JSON.parse): { text: string; json: unknown } {
  let text: string;
  try {
    text = decode(readFileSync(file));
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { text, json: parse(text) };
  } catch (e) {
    throw new UsageError(`${label} is not JSON (${oneLine((e as Error).message)})`);
  }
}

/** A JSON file's value (see {@link readJsonText}). */
export function readJsonFile(file: string): unknown {
  return readJsonText(file).json;
}

function guarded<T>(what: string, load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof GuardInputError) throw new UsageError(`${what} ${e.message}`);
    throw e;
  }
}

/**
 * The `--var-file` values of `check` and `report` (parsed options), as {@link ReadOptions}.
 *
 * @throws UsageError as {@link readVarFile} does.
 */
export function inputOptions(values: Readonly<Record<string, unknown>>): ReadOptions {
  const files = values["var-file"] as string[] | undefined;
  return files && files.length > 0 ? { variables: readVarFiles(files) } : {};
}

/**
 * Variable values from `--var-file` files, later files overriding earlier ones (as Terraform applies them).
 *
 * @throws UsageError as {@link readVarFile} does.
 */
export function readVarFiles(files: readonly string[]): Record<string, unknown> {
  return Object.assign({}, ...files.map(readVarFile)) as Record<string, unknown>;
}

/** Reads one JSON file into a model, refusing what is not JSON or neither shape. */
export function readInput(file: string, stackName?: string, options: ReadOptions = {}): Input {
  return inputOf(file, readJsonText(file, file, parsePlanText), stackName, options);
}

function inputOf(file: string, read: { text: string; json: unknown }, stackName: string | undefined, options: ReadOptions): Input {
  const name = stackName ?? basename(file).replace(/(\.tf)?\.json$/, "");
  return { file, text: read.text, model: guarded(file, () => loadDocument(read.json, name, { ...options, ignoreUndeclared: true })) };
}

/**
 * The inputs at `path`: a cdktf.out directory (every stack its manifest.json
 * lists, else every stacks/<name>/cdk.tf.json), a directory holding one
 * cdk.tf.json, a directory of Terraform JSON files (one root module, its
 * configuration files merged as Terraform merges them; plans in it are
 * inputs of their own), or one JSON file (synth output, *.tf.json or a
 * plan). Shapes are told by content.
 *
 * @throws UsageError when `options.variables` sets a variable no configuration input declares.
 */
export function readInputs(path: string, options: ReadOptions = {}): Input[] {
  if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  const inputs = readPath(path, options);
  const declared = new Set(inputs.flatMap((i) => (i.model.shape === "config" ? i.model.variables.map((v) => v.name) : [])));
  const undeclared = Object.keys(options.variables ?? {}).filter((v) => !declared.has(v));
  if (undeclared.length > 0) {
    throw new UsageError(`--var-file sets variable "${undeclared[0] as string}", which no configuration in ${path} declares (declared: ${[...declared].sort().join(", ") || "none"})`);
  }
  return inputs;
}

function readPath(path: string, options: ReadOptions): Input[] {
  if (!statSync(path).isDirectory()) return [readInput(path, undefined, options)];
  const stacks = stackFiles(path);
  if (stacks.length > 0) return stacks.map(([file, name]) => readInput(file, name, options));
  const root = rootModule(path, options);
  if (root.length === 0) {
    throw new UsageError(`no Terraform JSON found in ${path}: expected a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), *.tf.json configuration files or a plan JSON file (native *.tf files are not read: convert them with hcl2json)`);
  }
  return root;
}

/** Terraform's own rule for override files: `override.tf.json` and `*_override.tf.json`. */
const OVERRIDE = /(^|_)override\.tf\.json$/;

/** A directory's JSON files by content: configuration merged into one root module, each plan an input. */
function rootModule(dir: string, options: ReadOptions): Input[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort().map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
  const configs: InputFile[] = [];
  const plans: Input[] = [];
  for (const file of files) {
    const { text, json } = readJsonText(file, file, parsePlanText);
    if (isTerraformPlan(json)) plans.push(inputOf(file, { text, json }, undefined, options));
    else if (isTerraformConfig(json)) configs.push({ file, text, json, override: OVERRIDE.test(basename(file)) });
  }
  const first = configs[0];
  if (first === undefined) return plans;
  const name = basename(dir);
  const model = guarded(configs.length === 1 ? first.file : dir, () => loadRootModule(configs, name, { ...options, ignoreUndeclared: true }));
  return [configs.length === 1 ? { file: first.file, text: first.text, model } : { file: dir, text: "", model, files: configs }, ...plans];
}

/**
 * Variable values from a `.tfvars.json` file: a JSON object of name → value.
 *
 * @throws UsageError when the file cannot be read, is not JSON or is not an object.
 */
export function readVarFile(file: string): Record<string, unknown> {
  const label = `--var-file ${file}`;
  const { json } = readJsonText(file, label);
  if (!isRecord(json)) throw new UsageError(`${label} is not a JSON object of variable values`);
  guarded(label, () => assertDepth(json));
  return json;
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
