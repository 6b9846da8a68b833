import type { Expr } from "./hcl-expr";

/**
 * A value the evaluator cannot know (a computed attribute, a variable
 * without default, an unsupported function). `shown` is how it appears in
 * evaluated values: a `${...}` string (its source), so that every
 * "is this an expression?" test treats it as one.
 */
export class Unknown {
  public constructor(public readonly shown: string) {}
}

/** An evaluated value: JSON-like data whose parts may be {@link Unknown}. */
export type Value = unknown;

/** A JSON object that is not an {@link Unknown}. */
export function isObject(v: Value): v is Record<string, Value> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Whether `v` is or contains an {@link Unknown}. */
export function hasUnknown(v: Value): boolean {
  if (v instanceof Unknown) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/** `v` as plain data: every {@link Unknown} replaced by its `shown` string. */
export function finish(v: Value): unknown {
  if (v instanceof Unknown) return v.shown;
  if (Array.isArray(v)) return v.map(finish);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = finish(x);
    return out;
  }
  return v;
}

/** The unknown value of `e`, shown as its source. */
export function unknownOf(e: Expr): Unknown {
  return new Unknown(`\${${e.src}}`);
}

/** A template part as text, or undefined when Terraform could not interpolate it. */
export function asText(v: Value): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

