import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { UsageError, oneLine } from "./usage-error";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The options a command accepts, as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>;

/** A command's parsed options and its one `<path>` (empty when optional and absent). */
export interface ParsedArgs {
  readonly values: Record<string, unknown>;
  readonly path: string;
}

/**
 * Parses a command's arguments: options per `options`, exactly one `<path>` (or none when `pathOptional`).
 *
 * @throws UsageError for an unknown option, a missing value, or a missing or extra path.
 */
export function parse(args: readonly string[], options: OptionSpec, pathOptional = false): ParsedArgs {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(`${argsProblem(e as Error & { code?: string })} (run zsp --help)`);
  }
  if (parsed.positionals.length === 0 && pathOptional) return { values: parsed.values, path: "" };
  if (parsed.positionals.length === 0) throw new UsageError("missing <path>: give a cdktf.out directory, a cdk.tf.json, a directory of *.tf.json files or a plan JSON file");
  if (parsed.positionals.length > 1) throw new UsageError(`expected one <path>, got ${parsed.positionals.length}: ${parsed.positionals.join(" ")}`);
  return { values: parsed.values, path: parsed.positionals[0] as string };
}

/** node:util parseArgs' error as one short line: `unknown option --x`, `--format needs a value`. */
function argsProblem(e: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(e.message)?.[1];
  if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) return `unknown option ${option}`;
  if (e.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
    return /argument missing/.test(e.message) ? `${option} needs a value` : `${option} takes no value`;
  }
  return oneLine(e.message);
}

/**
 * The `--format` value, refused unless it is one of `allowed`.
 *
 * @throws UsageError naming the allowed formats.
 */
export function formatOf(values: Record<string, unknown>, allowed: readonly string[]): string {
  const format = values.format as string;
  if (!allowed.includes(format)) throw new UsageError(`unknown --format "${format}": use ${allowed.slice(0, -1).join(", ")} or ${allowed[allowed.length - 1] as string}`);
  return format;
}

/**
 * Writes `text` to the `--output` file when one is given, else to stdout.
 *
 * @throws UsageError when the file cannot be written.
 */
export function emit(io: CliIo, output: unknown, text: string): void {
  if (typeof output === "string") {
    try {
      writeFileSync(output, text);
    } catch (e) {
      throw new UsageError(`cannot write ${output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else {
    io.stdout.write(text);
  }
}
