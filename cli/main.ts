import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isZspError } from "../modules/core/errors";
import { CliIo, EXIT, OptionSpec, ParsedArgs, formatOf, parse } from "./args";
import { UsageError, oneLine } from "./usage-error";

// Each command's module is loaded when the command runs (`require` below), not here: `zsp --version`,
// `zsp --help` and argument errors load no guard, and `zsp check` loads no tighten.
export type { CliIo } from "./args";
export { EXIT } from "./args";

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

/** A command: its options (parsed before its module loads) and how to load and run it. */
interface Command {
  readonly options: OptionSpec;
  /** `--format` values, checked before the module loads; absent when the command checks its own. */
  readonly formats?: readonly string[];
  /** Whether `<path>` may be absent. @default false */
  readonly pathOptional?: boolean;
  readonly run: (args: ParsedArgs, io: CliIo) => number | Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  check: {
    options: {
      format: { type: "string", default: "text" },
      profile: { type: "string" },
      strict: { type: "boolean", default: false },
      output: { type: "string" },
      suppressions: { type: "string", multiple: true },
      now: { type: "string" },
      "var-file": { type: "string", multiple: true },
      usage: { type: "string" },
    },
    formats: ["text", "json", "sarif"],
    run: (args, io) => (require("./check") as typeof import("./check")).runCheck(args, io, version()),
  },
  report: {
    options: { format: { type: "string", default: "markdown" }, output: { type: "string" }, "var-file": { type: "string", multiple: true } },
    formats: ["markdown", "json"],
    run: (args, io) => (require("./report") as typeof import("./report")).runReport(args, io),
  },
  tighten: {
    options: {
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
    },
    pathOptional: true,
    run: (args, io) => (require("./tighten/command") as typeof import("./tighten/command")).runTighten(args, io),
  },
};

/** Runs the CLI with `argv` (without node and script) and returns the exit code (a promise for `tighten`, which streams). */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write("zsp: missing command: zsp check <path> or zsp report <path> (run zsp --help)\n");
    return EXIT.usage;
  }
  if (name === "-h" || name === "--help" || name === "help") {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr.write(`zsp: unknown command "${name}" (run zsp --help)\n`);
    return EXIT.usage;
  }
  const failed = (e: unknown): number => {
    if (e instanceof UsageError || isZspError(e)) {
      io.stderr.write(`zsp ${name}: ${oneLine(e.message)}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`zsp ${name}: internal error: ${oneLine(String((e as Error).message))} (please report it)\n`);
    return EXIT.usage;
  };
  try {
    const args = parse(rest, command.options, command.pathOptional);
    if (command.formats) formatOf(args.values, command.formats);
    const code = command.run(args, io);
    return typeof code === "number" ? code : code.catch(failed);
  } catch (e) {
    return failed(e);
  }
}
