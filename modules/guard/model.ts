/**
 * The guard's internal model: one shape for Terraform JSON configuration
 * (cdktf synth output, hand-written `*.tf.json`) and `terraform show -json`
 * plans, so that every rule is written once. Plain data, no cdktf imports.
 */
import type { SourceLocation } from "../core/source-location";

/** Which input shape a model was built from. */
export type InputShape = "config" | "plan";

/**
 * The placeholder for a value Terraform only knows after apply (a plan's
 * `after_unknown`) or that an expression hides. It has the form of a
 * Terraform interpolation so that every "is this an expression?" test treats
 * it as one: unknown is never silently clean.
 */
export const UNKNOWN = "${(known after apply)}";

/** A managed resource or data source. */
export interface TfResource {
  /** Terraform address, e.g. `aws_iam_role.x`, `module.a.aws_iam_role.x[0]`, `data.aws_iam_policy_document.y`. */
  readonly address: string;
  /** `managed` for resources, `data` for data sources. */
  readonly mode: "managed" | "data";
  /** Resource type, e.g. `aws_iam_role`. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** Module path (`module.a.module.b`), empty in the root module. */
  readonly module: string;
  /**
   * Argument values, evaluated: what rules read. In configuration, every
   * expression whose inputs are known is evaluated (see "What zsp reads" in
   * docs/rules.md: `jsonencode`, `local.*`, `var.*`, templates, references
   * to literal attributes, common pure functions); a part that stays unknown
   * is kept as a `${...}` string (its source, or {@link UNKNOWN}), so
   * {@link isExpression} tells it apart. In a plan: the planned `after`
   * values (authoritative), where `after_unknown` the configuration's
   * reference (`${aws_iam_role.x.arn}`) when the plan has one, else
   * {@link UNKNOWN}.
   */
  readonly values: Readonly<Record<string, unknown>>;
  /**
   * The configuration view: literal values as written and `${reference}`
   * strings for expressions (unevaluated). From a plan's `configuration`
   * (`constant_value` / `references`); undefined when the plan carries no
   * configuration for this resource.
   */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Address of the provider configuration it uses, e.g. `provider.aws.east`. */
  readonly provider: string;
  /** Construct path from cdktf's `//` metadata, when present. */
  readonly constructPath?: string;
  /** The TypeScript line that created it, from `"//": {"zsp": {"source": ...}}` (synth with `zsp:sourceLocations` on). */
  readonly sourceLocation?: SourceLocation;
}

/** A provider configuration. */
export interface TfProvider {
  /** `provider.<name>` or `provider.<name>.<alias>`, prefixed with `module.<m>.` in a module. */
  readonly address: string;
  /** Provider local name, e.g. `aws`. */
  readonly name: string;
  /** Alias, if any. */
  readonly alias?: string;
  /** Module path, empty in the root module. */
  readonly module: string;
  /** Configuration view of its arguments (literals and `${reference}` strings, unevaluated). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Its arguments evaluated as {@link TfResource.values} are (the same as `config` in a plan). */
  readonly values: Readonly<Record<string, unknown>>;
  /** The TypeScript line that created it, when synth recorded it (`zsp:sourceLocations`). */
  readonly sourceLocation?: SourceLocation;
}

/** An input variable. */
export interface TfVariable {
  /** `var.<name>`, prefixed with `module.<m>.` in a module. */
  readonly address: string;
  /** Variable name. */
  readonly name: string;
  /** Whether it is declared `sensitive`. */
  readonly sensitive: boolean;
  /** Its literal default, if any. */
  readonly default?: unknown;
  /**
   * The value it takes in this input, when one is given: from `--var-file`
   * (configuration) or the plan's `variables`. Absent: the default applies.
   */
  readonly value?: unknown;
}

/** A named value of the module (`locals`), or an output. */
export interface TfNamedValue {
  /** `local.<name>` or `output.<name>`, prefixed with `module.<m>.` in a module. */
  readonly address: string;
  /** Its name. */
  readonly name: string;
  /** Module path, empty in the root module. */
  readonly module: string;
  /** The written value (literal, or `${...}` strings for expressions). */
  readonly config: unknown;
  /** The value evaluated as {@link TfResource.values} are. */
  readonly value: unknown;
  /** Whether it is declared `sensitive` (outputs). */
  readonly sensitive: boolean;
}

/** A module call (`module "<name>" { source = ... }`) with the arguments it passes. */
export interface TfModuleCall {
  /** `module.<name>`, prefixed with the calling module's path. */
  readonly address: string;
  /** Call name. */
  readonly name: string;
  /** Module path of the caller, empty in the root module. */
  readonly module: string;
  /** `source`, when it is a literal. */
  readonly source?: string;
  /** The arguments as written (meta-arguments `source`, `version`, `providers`, `count`, `for_each`, `depends_on` excluded). */
  readonly config: Readonly<Record<string, unknown>>;
  /** The arguments evaluated as {@link TfResource.values} are. */
  readonly values: Readonly<Record<string, unknown>>;
  /** Whether the input shows the module's contents (a plan does; configuration does not). */
  readonly opaque: boolean;
}

/** A state backend or HCP Terraform `cloud` block of a `terraform` block. */
export interface TfBackend {
  /** `terraform.backend.<type>` or `terraform.cloud`. */
  readonly address: string;
  /** Backend type (`s3`, `remote`, ...) or `cloud`. */
  readonly type: string;
  /** Its arguments as written. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** A suppression as it travels in synthesized JSON (`"//": {"zsp": {"suppressions": [...]}}`). */
export interface SuppressionRecord {
  /** Rule id, e.g. `ZSP005`. */
  readonly rule: string;
  /** Construct path of the suppressed scope (all resources at or under it). */
  readonly path?: string;
  /** Or: one Terraform address. */
  readonly address?: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Who accepted it. */
  readonly owner: string;
  /** Last day (UTC, inclusive) it is valid, `YYYY-MM-DD`. */
  readonly expires: string;
}

/** Everything the rules read from one input document. */
export interface TfModel {
  /** Input shape. */
  readonly shape: InputShape;
  /** Stack name (cdktf) or input name. */
  readonly stack: string;
  /** Resources and data sources, in input order. */
  readonly resources: readonly TfResource[];
  /**
   * Configuration input: resources whose `count` or `for_each` is known to
   * create no instance (`count = 0`, `for_each` over an empty collection, as
   * the variables' values or defaults give them). Terraform creates nothing
   * for them, so no rule judges them, except that a literal secret written in
   * them is still in the configuration (ZSP010). A plan lists none: it holds
   * no change for them.
   */
  readonly notCreated?: readonly TfResource[];
  /** Provider configurations. */
  readonly providers: readonly TfProvider[];
  /** Input variables. */
  readonly variables: readonly TfVariable[];
  /** Named values (`locals`; configuration input only: plans do not carry them). */
  readonly locals: readonly TfNamedValue[];
  /** Outputs. */
  readonly outputs: readonly TfNamedValue[];
  /** Module calls, with their arguments. */
  readonly moduleCalls: readonly TfModuleCall[];
  /** State backends and `cloud` blocks (configuration input; plans do not carry them). */
  readonly backends: readonly TfBackend[];
  /** Suppressions carried by the input (cdktf `//` metadata). */
  readonly suppressions: readonly unknown[];
  /** The stack's profile as the guard embedded it, if any (unvalidated). */
  readonly embeddedProfile?: unknown;
  /** False when a plan carries no `configuration` (literal vs reference cannot be told). */
  readonly hasConfiguration: boolean;
}

/** Finding severity. */
export type Severity = "error" | "warning";

/** One guard finding. */
export interface Finding {
  /** Rule id, e.g. `ZSP005`. */
  readonly rule: string;
  /** Severity. */
  readonly severity: Severity;
  /** Terraform address of the resource, provider or variable. */
  readonly address: string;
  /** What is wrong and how to fix it. */
  readonly message: string;
  /** Stack (or input) name. */
  readonly stack: string;
  /** Construct path, when the input carries one. */
  readonly constructPath?: string;
  /** The TypeScript line that created the resource or provider, when synth recorded it (`zsp:sourceLocations`). */
  readonly sourceLocation?: SourceLocation;
  /** Set when an unexpired suppression covers the finding. */
  readonly suppressed?: SuppressionInfo;
}

/** The suppression that covers a finding. */
export interface SuppressionInfo {
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Who accepted it. */
  readonly owner: string;
  /** Last valid day, `YYYY-MM-DD` (UTC, inclusive). */
  readonly expires: string;
}

/** Whether `value` is (or contains) a Terraform expression rather than a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Terraform blocks are lists of objects in JSON; hand-written JSON may give a single object. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** The first block of a nested block list, if any. */
export function firstBlock(value: unknown): Record<string, unknown> | undefined {
  return blocks(value)[0];
}

/** Any value as short text for a message (never throws, whatever the input holds). */
export function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? typeof value : text;
  } catch {
    return typeof value;
  }
}
