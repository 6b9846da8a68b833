import { DEFAULT_PROFILE, ResolvedZspProfile, resolveProfile } from "../core/profile";
import { RULES, RuleId } from "./catalogue";
import { GuardInputError, MAX_JSON_DEPTH, assertDepth } from "./input-error";
import { CONFIG_KEYS, ConfigDocument, ConfigOptions, isTerraformConfig, loadConfig, loadConfigDocuments } from "./load-config";
import { isTerraformPlan, loadPlan } from "./load-plan";
import { Finding, Severity, TfModel } from "./model";
import { Locatable, Rule, RuleContext } from "./rule";
import { RULE_SET } from "./rules";
import { resolveSuppressions } from "./suppressions";
import type { UsageReport } from "./usage";

export { GuardInputError } from "./input-error";

/**
 * Builds the model of a parsed JSON document, detecting its shape by content:
 * a plan has `format_version` and `planned_values` or `resource_changes`;
 * Terraform JSON configuration has a top-level `resource`, `data`,
 * `provider`, `variable`, `locals`, `output`, `module` or `terraform` key
 * (object or array form). `name` names the stack when the document does not
 * (plans, hand-written configuration). `options.variables` are variable
 * values (a var-file) for configuration.
 *
 * @throws GuardInputError when the document is neither shape, nests deeper
 * than {@link MAX_JSON_DEPTH}, or `options.variables` sets an undeclared variable.
 */
export function loadDocument(json: unknown, name: string, options: ConfigOptions = {}): TfModel {
  assertDepth(json);
  if (isTerraformPlan(json)) return loadPlan(json, name);
  if (isTerraformConfig(json)) return loadConfig(json, name, options);
  throw new GuardInputError(`is neither Terraform JSON configuration (${CONFIG_KEYS.join("/")}) nor a terraform show -json plan (format_version with planned_values/resource_changes)`);
}

/**
 * Builds the model of one root module split over several configuration
 * documents (a directory of `*.tf.json`), merged as Terraform merges them.
 *
 * @throws GuardInputError as {@link loadDocument} does.
 */
export function loadRootModule(docs: readonly ConfigDocument[], name: string, options: ConfigOptions = {}): TfModel {
  for (const d of docs) assertDepth(d.json);
  return loadConfigDocuments(docs, name, options);
}

/** Every rule (see `rules/index.ts`). */
export const ALL_RULES: readonly Rule[] = RULE_SET;

/** Options of {@link check}. */
export interface CheckOptions {
  /** The clock. Read it at the edge (CLI, Aspect) and pass it in. */
  readonly now: Date;
  /** Thresholds; default: the profile the input embeds (ZspGuard writes it), else the defaults. */
  readonly profile?: ResolvedZspProfile;
  /** Other inputs whose suppressions apply too (e.g. the cdk.tf.json of the stack a plan was made from). */
  readonly suppressionsFrom?: readonly TfModel[];
  /** Observed use of the roles' grants (`zsp tighten --format json`): turns on ZSP019. */
  readonly usage?: UsageReport;
}

/** What {@link check} found in one input. */
export interface CheckResult {
  /** Stack or input name. */
  readonly stack: string;
  /** Findings, suppressed ones marked, sorted by address then rule. */
  readonly findings: readonly Finding[];
  /** Number of managed resources checked. */
  readonly resources: number;
  /** The profile the rules used. */
  readonly profile: ResolvedZspProfile;
}

/** The profile a model is checked against. */
export function profileFor(model: TfModel, explicit?: ResolvedZspProfile): ResolvedZspProfile {
  if (explicit) return explicit;
  if (model.embeddedProfile !== undefined) return resolveProfile(model.embeddedProfile, `${model.stack} (profile embedded by ZspGuard)`);
  return DEFAULT_PROFILE;
}

/** Runs every rule over `model` and applies suppressions. Pure: same input, same output. */
export function check(model: TfModel, options: CheckOptions): CheckResult {
  // Fail closed: with an invalid clock no window or suppression would ever expire.
  if (!(options.now instanceof Date) || Number.isNaN(options.now.getTime())) throw new TypeError("check: options.now must be a valid Date");
  const profile = profileFor(model, options.profile);
  const findings: Finding[] = [];
  const ctx: RuleContext = {
    model, profile, now: options.now, ...(options.usage !== undefined ? { usage: options.usage } : {}),
    report(rule: RuleId, at: Locatable, message: string, severity?: Severity): void {
      findings.push({
        rule, severity: severity ?? RULES[rule].severity, address: at.address, message, stack: model.stack,
        ...(at.constructPath !== undefined ? { constructPath: at.constructPath } : {}),
        ...(at.sourceLocation !== undefined ? { sourceLocation: { file: at.sourceLocation.file, line: at.sourceLocation.line } } : {}),
      });
    },
  };
  for (const rule of ALL_RULES) rule.run(ctx);
  const suppressions = [model, ...(options.suppressionsFrom ?? [])].flatMap((m) => resolveSuppressions(m, options.now));
  const out: Finding[] = once(findings.sort(byAddressThenRule)).map((f) => {
    const s = suppressions.find((x) => x.problem === undefined && x.covers(f));
    return s ? { ...f, suppressed: { reason: s.record.reason as string, owner: s.record.owner as string, expires: s.record.expires as string } } : f;
  });
  for (const s of suppressions) {
    if (s.problem === undefined) continue;
    const where = s.record.address ?? s.record.path ?? "(suppression)";
    out.push({
      rule: "ZSP013", severity: "error", address: where, stack: model.stack,
      message: `suppression of ${s.record.rule ?? "?"} on ${where} (owner ${s.record.owner ?? "?"}) ${s.problem}; it covers nothing. Fix: renew it with Guard.suppress(scope, rule, { reason, owner, expires: "YYYY-MM-DD" }) or fix the finding.`,
    });
  }
  out.sort(byAddressThenRule);
  return { stack: model.stack, findings: out, resources: model.resources.filter((r) => r.mode === "managed").length, profile };
}

const byAddressThenRule = (a: Finding, b: Finding): number => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);

/**
 * Each finding once: a rule may reach the same (address, message) by two
 * roads. `sorted` is in {@link byAddressThenRule} order (stable: report order
 * within one address and rule), so repeats are within one run of equal
 * address and rule; the first of each is kept.
 */
function once(sorted: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let run = 0; // where the current (address, rule) run starts in `out`
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || last.address !== f.address || last.rule !== f.rule) run = out.length;
    else if (repeats(out, run, f.message)) continue;
    out.push(f);
  }
  return out;
}

function repeats(found: readonly Finding[], from: number, message: string): boolean {
  for (let i = from; i < found.length; i++) if (found[i]?.message === message) return true;
  return false;
}

/** Whether a result fails: an unsuppressed error, or (strict) an unsuppressed warning. */
export function fails(findings: readonly Finding[], strict = false): boolean {
  return findings.some((f) => !f.suppressed && (f.severity === "error" || strict));
}
