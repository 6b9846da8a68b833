import { edgeNow } from "../modules/core/clock";
import { loadProfileFile } from "../modules/core/profile-file";
import { CheckResult, check, fails } from "../modules/guard/engine";
import type { Finding, TfModel } from "../modules/guard/model";
import { UsageInputError, UsageReport, parseUsage } from "../modules/guard/usage";
import { CliIo, EXIT, ParsedArgs, emit } from "./args";
import { inputOptions, readInput, readInputs, readJsonFile } from "./inputs";
import { toSarif } from "./sarif";
import { UsageError } from "./usage-error";

/**
 * `zsp check`: its options already parsed (see main.ts), `--format` one of text, json, sarif.
 *
 * @throws UsageError for bad input.
 */
export function runCheck({ values, path }: ParsedArgs, io: CliIo, version: string): number {
  const format = values.format as string;
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
  else if (format === "sarif") emit(io, values.output, `${JSON.stringify(toSarif(results.map((r) => ({ input: r.input, findings: r.result.findings })), version), null, 2)}\n`);
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
