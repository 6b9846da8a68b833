import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { edgeNow } from "../modules/core/clock";
import { isZspError } from "../modules/core/errors";
import { loadProfileFile } from "../modules/core/profile-file";
import { accessMap } from "../modules/guard/access-map";
import { accessMapMarkdown } from "../modules/guard/access-map-markdown";
import { CheckResult, check, fails } from "../modules/guard/engine";
import type { Finding, TfModel } from "../modules/guard/model";
import { Input, ReadOptions, UsageError, oneLine, readInput, readInputs, readJsonFile, readVarFiles } from "./inputs";
import { toSarif } from "./sarif";
import { UsageInputError, UsageReport, parseUsage } from "../modules/guard/usage";
import { parseDuration } from "../modules/core/duration";
import { athenaQuery, athenaTable } from "./tighten/athena";
import { toMarkdown, toTypeScript } from "./tighten/render";
import { CloudTrailInputError } from "./tighten/sources";
import { tighten } from "./tighten/tighten";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const HELP = `Usage: zsp <command> [options]

Commands:
  check <path>    check a cdktf.out directory, a cdk.tf.json, a directory of *.tf.json files
                  (one root module) or a terraform show -json plan
  report <path>   print the access map of the same inputs
  tighten <path> --cloudtrail <file|dir>...
                  least privilege from observed CloudTrail use, with a proof that nothing new is granted
  tighten --athena-sql
                  print the Athena query that aggregates a CloudTrail table into tighten's input

Options of check:
  --format text|json|sarif   output format (default text)
  --profile <file>           organisation profile: a JSON profile or a cdktf.json with context.zsp
                             (replaces the profiles ZspGuard embedded in the synth output)
  --strict                   warnings fail too
  --var-file <file>          variable values (a .tfvars.json file), as terraform plan -var-file gets them;
                             otherwise defaults; repeatable, later files win
  --suppressions <file>      honour the suppressions of this cdk.tf.json (e.g. when checking a plan of that stack); repeatable
  --now <ISO date>           evaluate windows and suppression expiry at this instant
                             (default: the ZSP_NOW environment variable, else now)
  --output <file>            write the output to a file instead of stdout
  --usage <file>             zsp tighten --format json output: grants unused all period are ZSP019 warnings

Options of report:
  --format markdown|json     output format (default markdown)
  --var-file <file>          variable values, as for check
  --output <file>            write the output to a file instead of stdout

Options of tighten:
  --cloudtrail <file|dir>    CloudTrail log files ({"Records":[...]}, gzipped or not), AWSLogs/ trees,
                             JSON-lines or CSV exports of CloudTrail Lake / Athena queries; repeatable
  --since <duration>         only events in the last <duration> before --now (e.g. 90d)
  --format md|json|ts        review document (default), JSON, or the JitRole props to paste
  --skip-bad                 count malformed records and truncated files instead of failing
  --account <12 digits>      the roles' account, when the input does not say
  --now <ISO date>           the end of the period for --since (default: ZSP_NOW, else now)
  --output <file>            write the output to a file instead of stdout
  --athena-sql               print the CREATE TABLE and the aggregation query instead (with --table, --location, --since)

  -h, --help      show this help
  -v, --version   print the version

Exit status: 0 clean (warnings allowed unless --strict), 1 findings at error level, 2 bad input or usage.
`;

/** Reads the package version from package.json next to the build. */
export function version(): string {
  for (const dir of [join(__dirname, ".."), join(__dirname, "..", "..")]) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "cdktf-zsp" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return "0.0.0";
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code (a promise for `tighten`, which streams). */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write("zsp: missing command: zsp check <path> or zsp report <path> (run zsp --help)\n");
    return EXIT.usage;
  }
  if (command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (command === "-v" || command === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const failed = (e: unknown): number => {
    if (e instanceof UsageError || isZspError(e) || e instanceof CloudTrailInputError) {
      io.stderr.write(`zsp ${command}: ${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`zsp ${command}: internal error: ${oneLine(String((e as Error).message))} (please report it)\n`);
    return EXIT.usage;
  };
  try {
    if (command === "check") return runCheck(rest, io);
    if (command === "report") return runReport(rest, io);
    if (command === "tighten") return runTighten(rest, io).catch(failed);
  } catch (e) {
    return failed(e);
  }
  io.stderr.write(`zsp: unknown command "${command}" (run zsp --help)\n`);
  return EXIT.usage;
}

function parse(args: readonly string[], options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>["options"]>, pathOptional = false): { values: Record<string, unknown>; path: string } {
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

function emit(io: CliIo, output: unknown, text: string): void {
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

function inputOptions(values: Record<string, unknown>): ReadOptions {
  const files = values["var-file"] as string[] | undefined;
  return files && files.length > 0 ? { variables: readVarFiles(files) } : {};
}

function runCheck(args: readonly string[], io: CliIo): number {
  const { values, path } = parse(args, {
    format: { type: "string", default: "text" },
    profile: { type: "string" },
    strict: { type: "boolean", default: false },
    output: { type: "string" },
    suppressions: { type: "string", multiple: true },
    now: { type: "string" },
    "var-file": { type: "string", multiple: true },
    usage: { type: "string" },
  });
  const format = values.format as string;
  if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`unknown --format "${format}": use text, json or sarif`);
  const now = edgeNow(process.env, typeof values.now === "string" ? values.now : undefined);
  const profile = typeof values.profile === "string" ? loadProfileFile(values.profile) : undefined;
  const suppressionsFrom: TfModel[] = ((values.suppressions as string[] | undefined) ?? []).map((file) => {
    const input = readInput(file);
    if (input.model.shape !== "config") throw new UsageError(`--suppressions ${file} is a plan; give the stack's cdk.tf.json`);
    return input.model;
  });
  const usage = typeof values.usage === "string" ? readUsage(values.usage) : undefined;
  const inputs = readInputs(path, inputOptions(values));
  const results = inputs.map((input) => {
    // A plan takes the stack name of the synth output whose suppressions it honours.
    const model = input.model.shape === "plan" && suppressionsFrom.length === 1 ? { ...input.model, stack: (suppressionsFrom[0] as TfModel).stack } : input.model;
    return { input, result: check(model, { now, suppressionsFrom, ...(profile ? { profile } : {}), ...(usage ? { usage } : {}) }) };
  });
  const findings = results.flatMap((r) => r.result.findings);
  const strict = values.strict === true;
  if (format === "json") emit(io, values.output, `${JSON.stringify(toJson(results.map((r) => r.result)), null, 2)}\n`);
  else if (format === "sarif") emit(io, values.output, `${JSON.stringify(toSarif(results.map((r) => ({ input: r.input, findings: r.result.findings })), version()), null, 2)}\n`);
  else emit(io, values.output, toText(results.map((r) => r.result), strict));
  return fails(findings, strict) ? EXIT.findings : EXIT.ok;
}

/** The `--usage` file: what `zsp tighten --format json` wrote. */
function readUsage(file: string): UsageReport {
  const input = readJsonFile(file);
  try {
    return parseUsage(input);
  } catch (e) {
    if (e instanceof UsageInputError) throw new UsageError(`--usage ${file} ${e.message}`);
    throw e;
  }
}

/** One finding in the JSON output; `suppressed` only when an unexpired suppression covers it. */
export interface JsonFinding {
  /** Rule id, e.g. `ZSP005`. */
  readonly rule: string;
  /** `error` or `warning`. */
  readonly severity: "error" | "warning";
  /** Terraform address (`aws_iam_role.x`, `module.m.aws_iam_user.y`, `provider.aws.east`). */
  readonly address: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** Stack (or input) name. */
  readonly stack: string;
  /** Present, and true, when an unexpired suppression covers the finding. */
  readonly suppressed?: true;
}

/** The JSON output of the CLI contract; `summary` counts unsuppressed findings and managed resources. */
export interface JsonReport {
  /** Every finding, suppressed ones included. */
  readonly findings: readonly JsonFinding[];
  /** Unsuppressed errors and warnings, and the number of managed resources checked. */
  readonly summary: { readonly errors: number; readonly warnings: number; readonly resources: number };
}

/** The JSON output of the CLI contract. */
export function toJson(results: readonly CheckResult[]): JsonReport {
  const findings = results.flatMap((r) => r.findings);
  return {
    findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, address: f.address, message: f.message, stack: f.stack, ...(f.suppressed ? { suppressed: true as const } : {}) })),
    summary: {
      errors: findings.filter((f) => !f.suppressed && f.severity === "error").length,
      warnings: findings.filter((f) => !f.suppressed && f.severity === "warning").length,
      resources: results.reduce((n, r) => n + r.resources, 0),
    },
  };
}

function toText(results: readonly CheckResult[], strict: boolean): string {
  const lines: string[] = [];
  const all: Finding[] = results.flatMap((r) => r.findings);
  for (const f of all) {
    const where = f.constructPath !== undefined ? `${f.stack}, ${f.constructPath}` : f.stack;
    if (f.suppressed) {
      lines.push(`suppressed ${f.rule} ${f.address} (${where}): ${f.message} [accepted by ${f.suppressed.owner} until ${f.suppressed.expires}: ${f.suppressed.reason}]`);
    } else {
      lines.push(`${f.severity.padEnd(7)} ${f.rule} ${f.address} (${where}): ${f.message}`);
    }
  }
  const { summary } = toJson(results);
  const suppressed = all.filter((f) => f.suppressed).length;
  const stacks = `${results.length} ${results.length === 1 ? "input" : "inputs"}`;
  const verdict = fails(all, strict) ? "FAILED" : "passed";
  lines.push(`zsp check ${verdict}: ${summary.errors} error(s), ${summary.warnings} warning(s), ${suppressed} suppressed in ${stacks} (${summary.resources} resources)`);
  return `${lines.join("\n")}\n`;
}

async function runTighten(args: readonly string[], io: CliIo): Promise<number> {
  const { values, path } = parse(args, {
    cloudtrail: { type: "string", multiple: true },
    since: { type: "string" },
    format: { type: "string", default: "md" },
    "skip-bad": { type: "boolean", default: false },
    account: { type: "string" },
    now: { type: "string" },
    output: { type: "string" },
    "athena-sql": { type: "boolean", default: false },
    table: { type: "string" },
    location: { type: "string" },
  }, true);
  const now = edgeNow(process.env, typeof values.now === "string" ? values.now : undefined);
  const sinceSeconds = typeof values.since === "string" ? parseDuration(values.since, { path: "zsp tighten", prop: "--since" }) : undefined;
  const since = sinceSeconds !== undefined ? now.getTime() - sinceSeconds * 1000 : undefined;
  if (values["athena-sql"] === true) {
    const table = typeof values.table === "string" ? values.table : undefined;
    let text: string;
    try {
      text = `${athenaTable({ ...(table ? { table } : {}), ...(typeof values.location === "string" ? { location: values.location } : {}) })}\n${athenaQuery({ ...(table ? { table } : {}), ...(since !== undefined ? { sinceDay: new Date(since).toISOString().slice(0, 10).replace(/-/g, "/") } : {}) })}`;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    emit(io, values.output, text);
    return EXIT.ok;
  }
  if (path === "") throw new UsageError("missing <path>: give a cdktf.out directory, a cdk.tf.json or a plan JSON file (or --athena-sql)");
  const cloudtrail = (values.cloudtrail as string[] | undefined) ?? [];
  if (cloudtrail.length === 0) throw new UsageError("missing --cloudtrail <file|dir>: the CloudTrail logs to learn from");
  const format = values.format as string;
  if (!["md", "markdown", "json", "ts"].includes(format)) throw new UsageError(`unknown --format "${format}": use md, json or ts`);
  const account = values.account as string | undefined;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError(`--account "${account}" is not a 12-digit AWS account id`);
  const inputs = readInputs(path);
  const result = await tighten(inputs.map((i) => i.model), {
    cloudtrail, skipBad: values["skip-bad"] === true,
    ...(since !== undefined ? { since } : {}), ...(account !== undefined ? { account } : {}),
  });
  emit(io, values.output, format === "json" ? `${JSON.stringify(result, null, 2)}\n` : format === "ts" ? toTypeScript(result) : toMarkdown(result));
  return EXIT.ok;
}

function runReport(args: readonly string[], io: CliIo): number {
  const { values, path } = parse(args, { format: { type: "string", default: "markdown" }, output: { type: "string" }, "var-file": { type: "string", multiple: true } });
  const format = values.format as string;
  if (!["markdown", "json"].includes(format)) throw new UsageError(`unknown --format "${format}": use markdown or json`);
  const inputs: Input[] = readInputs(path, inputOptions(values));
  const entries = inputs.flatMap((i) => accessMap(i.model));
  emit(io, values.output, format === "json" ? `${JSON.stringify({ access: entries }, null, 2)}\n` : accessMapMarkdown(entries));
  return EXIT.ok;
}
