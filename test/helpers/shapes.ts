import type { ResolvedZspProfile } from "../../modules/core/profile";
import { check, loadDocument } from "../../modules/guard/engine";
import type { Finding, TfModel } from "../../modules/guard/model";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { toPlan } = require("../fixtures/to-plan.js") as { toPlan: (config: unknown, computed?: Record<string, Record<string, unknown>>) => unknown };

/** The clock every guard test reads. */
export const NOW = new Date("2026-12-02T00:00:00Z");

/** Planned values Terraform computes from literal-only expressions (`jsonencode`, `base64encode`), by address. */
export type Computed = Record<string, Record<string, unknown>>;

/**
 * One Terraform JSON configuration in both input shapes: as written
 * (`config`) and as `terraform show -json` prints its plan (`plan`, made by
 * test/fixtures/to-plan.js; `computed` fills in what Terraform evaluates).
 */
export function bothShapes(config: Record<string, unknown>, computed: Computed = {}): Array<[string, TfModel]> {
  return [
    ["config", loadDocument(config, "case")],
    ["plan", loadDocument(toPlan(config, computed), "case")],
  ];
}

/** The `terraform show -json` plan of `config` (test/fixtures/to-plan.js), as parsed JSON. */
export function planOf(config: Record<string, unknown>, computed: Computed = {}): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return toPlan(config, computed) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Findings of `rules` in `model`, as `RULE address` lines (`profile`: as `zsp check --profile` gives it). */
export function findings(model: TfModel, rules: readonly string[], profile?: ResolvedZspProfile): string[] {
  return check(model, { now: NOW, ...(profile ? { profile } : {}) }).findings.filter((f: Finding) => rules.includes(f.rule)).map((f) => `${f.rule} ${f.address}`);
}

/** A configuration with an AWS provider (and Vault, when asked) around `resource`, `data` and `variable` sections. */
export function tf(sections: { resource?: Record<string, unknown>; data?: Record<string, unknown>; variable?: Record<string, unknown>; provider?: Record<string, unknown>; [k: string]: unknown }): Record<string, unknown> {
  return { provider: { aws: [{ region: "eu-west-1" }] }, ...sections };
}

/**
 * The array form of a Terraform JSON configuration written in the object form
 * (every labelled block's body in a one-element list, `locals` and `terraform`
 * as lists, backends by type in lists): what `@cdktf/hcl2json` writes for the
 * same HCL. Nested blocks are already lists in the object form the tests write.
 */
export function arrayForm(config: Record<string, unknown>): Record<string, unknown> {
  const wrap = (v: unknown): unknown => (Array.isArray(v) ? v : [v]);
  const byName = (section: unknown): Record<string, unknown> => Object.fromEntries(Object.entries((section ?? {}) as Record<string, unknown>).map(([k, v]) => [k, wrap(v)]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key === "resource" || key === "data") {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([type, named]) => [type, byName(named)]));
    } else if (key === "provider" || key === "variable" || key === "output" || key === "module") {
      out[key] = byName(value);
    } else if (key === "locals") {
      out[key] = wrap(value);
    } else if (key === "terraform") {
      out[key] = (wrap(value) as Record<string, unknown>[]).map((tf) => ({ ...tf, ...(tf.backend ? { backend: byName(tf.backend) } : {}), ...(tf.cloud ? { cloud: wrap(tf.cloud) } : {}) }));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** One configuration as written in the object form, in the array form, and (`plan`: when the plan carries what is checked) as its plan. */
export function allShapes(config: Record<string, unknown>, options: { plan?: boolean; computed?: Computed; variables?: Record<string, unknown> } = {}): Array<[string, TfModel]> {
  const vars = options.variables ? { variables: options.variables } : {};
  return [
    ["object form", loadDocument(config, "case", vars)],
    ["array form", loadDocument(arrayForm(config), "case", vars)],
    ...(options.plan === false ? [] : [["plan", loadDocument(toPlan(config, options.computed), "case")] as [string, TfModel]]),
  ];
}
