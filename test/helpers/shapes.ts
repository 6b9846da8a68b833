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
