/**
 * The synth-time half of the guard: {@link ZspGuard} runs the rules engine on
 * each stack's synthesized JSON and fails `cdktf synth` on findings;
 * {@link Guard.suppress} records accepted findings in that JSON so that
 * `zsp check` honours them too. The only guard file that uses the CDK core (through provider-shim/core).
 */
import { Annotations, App, TerraformElement, TerraformStack } from "../../provider-shim/core";
import { Construct, IConstruct } from "constructs";
import type { TerraformStackLike } from "../../provider-shim/core-types";
import { ZspError } from "../core/errors";
import { recordSourceLocations } from "../core/source-recorder";
import { sharedWeakMap, sharedWeakSet } from "../core/shared-state";
import { resolveNow } from "../core/clock";
import { ResolvedZspProfile } from "../core/profile";
import { ZspProfile } from "../core/profile-scope";
import { RULE_IDS } from "./catalogue";
import { check } from "./engine";
import { loadConfig } from "./load-config";
import { Finding, SuppressionRecord } from "./model";
import { isRealDay } from "./suppressions";

export { edgeNow } from "../core/clock";

/** What a suppression must say: why, who accepted it, until when. */
export interface SuppressionProps {
  /** Why the finding is accepted, e.g. "legacy bucket, migrating in CHG-4900". */
  readonly reason: string;
  /** Who accepted it (team or person). */
  readonly owner: string;
  /** Last day it is valid, `YYYY-MM-DD` (UTC, inclusive). After it, the suppression is itself an error (ZSP013). */
  readonly expires: string;
}

/** Options of {@link ZspGuard.apply}. */
export interface ZspGuardOptions {
  /** The clock (default: the context value `zsp:now`, else `ZSP_NOW`, else the real time, read at synth: the clock JitRole and BreakGlassRole use). */
  readonly now?: () => Date;
  /** Fail synth on warnings too (as `zsp check --strict`). Default false: warnings become annotations. */
  readonly strict?: boolean;
}

// One record per stack and app for every copy of cdktf-zsp in the process: a golden module's own
// copy may suppress, the app's copy guards, and both must write one metadata element.
const suppressions = sharedWeakMap<TerraformStack, SuppressionRecord[]>("guard-suppressions", 1);
const guarded = sharedWeakSet<TerraformStack>("guarded-stacks", 1);
const wrappedApps = sharedWeakSet<App>("guarded-apps", 1);
const metadata = sharedWeakMap<TerraformStack, TerraformElement>("guard-metadata", 1);

/** Writes `"//": {"zsp": {"suppressions": [...], "profile": {...}}}` into the stack's synthesized JSON. */
class GuardMetadata extends TerraformElement {
  public constructor(private readonly stack: TerraformStack) {
    super(stack, "zsp-guard-metadata");
  }

  public override toTerraform(): Record<string, unknown> {
    const zsp: Record<string, unknown> = {};
    const list = suppressions.get(this.stack);
    if (list && list.length > 0) zsp.suppressions = list;
    if (guarded.has(this.stack)) zsp.profile = profileJson(ZspProfile.of(this.stack));
    return Object.keys(zsp).length > 0 ? { "//": { zsp } } : {};
  }
}

function ensureMetadata(stack: TerraformStack): void {
  if (!metadata.has(stack)) metadata.set(stack, new GuardMetadata(stack));
}

function profileJson(p: ResolvedZspProfile): Record<string, unknown> {
  return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
}

/** Accepting a finding, with a reason, an owner and an expiry. */
export class Guard {
  /**
   * Suppresses `ruleId` for `scope` and everything under it (a stack
   * suppresses the rule in the whole stack, providers included). All three
   * props are required. The suppression is written into the synthesized
   * JSON, so `zsp check` honours it on the synth output, and on a plan of
   * the same stack with `--suppressions <cdk.tf.json>`. Suppressed findings
   * still appear in JSON and SARIF output, marked as suppressed.
   */
  public static suppress(scope: IConstruct, ruleId: string, props: SuppressionProps): void {
    requireConstruct(scope, "Guard.suppress");
    const path = scope.node.path;
    const fail = (prop: string, problem: string, fix: string): never => {
      throw new ZspError({ path: path || "app", prop, problem, fix });
    };
    if (!(RULE_IDS as readonly string[]).includes(ruleId)) fail("ruleId", `"${ruleId}" is not a guard rule id`, `use one of ${RULE_IDS.join(", ")}`);
    if (ruleId === "ZSP013") fail("ruleId", "ZSP013 (expired windows and suppressions) cannot be suppressed", "remove the expired grant or renew the suppression");
    for (const key of ["reason", "owner", "expires"] as const) {
      const v = (props as unknown as Record<string, unknown> | undefined)?.[key];
      if (v !== undefined && v !== null && typeof v !== "string") fail(`props.${key}`, `must be a string, got ${typeof v}`, "give reason, owner and expires (YYYY-MM-DD) as strings");
      if (typeof v !== "string" || v.trim() === "") fail(`props.${key}`, "is required: a suppression says why, who accepted it and until when", "give reason, owner and expires (YYYY-MM-DD)");
    }
    if (!isRealDay(props.expires)) {
      fail("props.expires", `"${props.expires}" is not a real date in YYYY-MM-DD form`, 'give the last day the suppression is valid, e.g. "2026-12-31" (UTC, inclusive)');
    }
    let stack: TerraformStack;
    try {
      stack = TerraformStack.of(scope);
    } catch {
      return fail("scope", "is not a stack or a construct inside one", "suppress on the stack, or on the construct whose findings you accept");
    }
    const list = suppressions.get(stack) ?? [];
    list.push({ rule: ruleId, path: path || stack.node.path, reason: props.reason, owner: props.owner, expires: props.expires });
    suppressions.set(stack, list);
    ensureMetadata(stack);
  }

  private constructor() {}
}

/** Formats a finding for a synth error: rule, address, construct path, source line when recorded (`zsp:sourceLocations`), message (which says how to fix it). */
export function formatFinding(f: Finding): string {
  const at = f.sourceLocation !== undefined ? ` at ${f.sourceLocation.file}:${f.sourceLocation.line}` : "";
  return `${f.rule} ${f.severity} ${f.address}${f.constructPath !== undefined ? ` (${f.constructPath})` : ""}${at}: ${f.message}`;
}

/** Runs the rules on a stack's synthesized JSON. */
export function checkStack(stack: TerraformStackLike, now: Date): readonly Finding[] {
  const json = stack.toTerraform() as Record<string, unknown>;
  return check(loadConfig(json, stack.node.id), { now, profile: ZspProfile.of(stack) }).findings;
}

/**
 * The guard at synth: applied to an app or a stack, it runs the same rules
 * as `zsp check` on each stack's synthesized JSON and fails `cdktf synth`
 * with every finding listed (rule, address, construct path, message and
 * fix). Warnings become annotations (or fail too with `strict`). It also
 * writes the stack's profile into the JSON, so `zsp check` on the synth
 * output uses the same thresholds.
 */
export class ZspGuard {
  /**
   * Guards `scope`: an app (every stack in it, including stacks created after
   * this call), a stack, or any construct (its stack).
   */
  public static apply(scope: Construct, options: ZspGuardOptions = {}): void {
    requireConstruct(scope, "ZspGuard.apply");
    recordSourceLocations(scope);
    const at = scope.node.path || "app";
    if (options.now !== undefined && typeof options.now !== "function") {
      throw new ZspError({ path: at, prop: "options.now", code: "E_SHAPE", problem: `must be a function returning a Date, got ${typeof options.now}`, fix: "pass () => new Date(\"2026-12-01T00:00:00Z\") or leave it out (zsp:now, else ZSP_NOW, else the real time)" });
    }
    if (options.strict !== undefined && typeof options.strict !== "boolean") {
      throw new ZspError({ path: at, prop: "options.strict", code: "E_SHAPE", problem: `must be true or false, got ${typeof options.strict}`, fix: "pass strict: true to fail synth on warnings too" });
    }
    if (TerraformStack.isStack(scope)) {
      guardStack(scope, options);
      return;
    }
    if (!App.isApp(scope)) {
      guardStack(TerraformStack.of(scope), options);
      return;
    }
    const app: App = scope;
    const guardAll = (): void => app.node.findAll().filter(TerraformStack.isStack).forEach((s) => guardStack(s, options));
    guardAll();
    if (!wrappedApps.has(app)) {
      wrappedApps.add(app);
      // Stacks created after apply() are guarded when the app synthesizes, before any stack is written.
      const synth = app.synth.bind(app);
      app.synth = (): void => {
        guardAll();
        synth();
      };
    }
  }

  private constructor() {}
}

/** Refuses a scope that is not a construct (undefined, null, plain objects) with a ZspError instead of a TypeError. */
function requireConstruct(scope: unknown, api: string): void {
  const node = typeof scope === "object" && scope !== null ? (scope as { node?: { path?: unknown } }).node : undefined;
  if (typeof node?.path !== "string") {
    throw new ZspError({ path: "(none)", prop: "scope", code: "E_SHAPE", problem: `${api} needs a construct (an app, a stack or a construct in one), got ${scope === null ? "null" : typeof scope}`, fix: "pass the app, the stack, or the construct whose findings you accept" });
  }
}

function guardStack(stack: TerraformStack, options: ZspGuardOptions): void {
  if (guarded.has(stack)) return;
  guarded.add(stack);
  ensureMetadata(stack);
  stack.node.addValidation({ validate: () => validate(stack, options) });
}

function validate(stack: TerraformStack, options: ZspGuardOptions): string[] {
  // The same clock the constructs use (now prop aside): context "zsp:now", else ZSP_NOW, else the real time.
  const now = (options.now ?? (() => new Date(resolveNow(stack, undefined, { path: stack.node.path, prop: "now" }))))();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    // Fail closed: with no valid clock no window or suppression could ever expire.
    throw new ZspError({ path: stack.node.path, prop: "options.now", problem: `returned ${now instanceof Date ? "an invalid Date" : typeof now}`, fix: "return a valid Date, e.g. () => new Date(\"2026-12-01T00:00:00Z\")" });
  }
  const findings = checkStack(stack, now).filter((f) => !f.suppressed);
  const failing = findings.filter((f) => f.severity === "error" || options.strict === true);
  for (const f of findings) if (!failing.includes(f)) Annotations.of(stack).addWarning(`zsp guard: ${formatFinding(f)}`);
  return failing.map((f) => `zsp guard: ${formatFinding(f)}`);
}
