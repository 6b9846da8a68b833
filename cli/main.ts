import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Where the CLI writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const HELP = `Usage: zsp <command> [options]

Commands:
  check <path>    check a cdktf.out directory, a cdk.tf.json or a terraform show -json plan
  report <path>   print the access map of the same inputs

Options:
  -h, --help      show this help
  -v, --version   print the version
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

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  const [command] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    io.stdout.write(HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === "-v" || command === "--version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  io.stderr.write(`zsp: unknown command "${command}" (run zsp --help)\n`);
  return EXIT.usage;
}
