import { PropContext, ZspError } from "../core/errors";

/**
 * Shape checks for props given from plain JavaScript or JSON (no compiler to
 * catch a string where a list belongs): a wrong shape is a {@link ZspError}
 * naming the prop, never a `TypeError` later.
 */

/** `value` as a list: `[]` when undefined, otherwise it must be an array. */
export function optionalList(value: unknown, ctx: PropContext, example: string): readonly unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new ZspError({ ...ctx, problem: `${describe(value)} is not a list`, fix: `give a list, e.g. ${example}, or leave it out` });
  }
  return value;
}

/** Refuses anything but a plain object (arrays and null included). */
export function requireObject<T>(value: T, ctx: PropContext, fix: string): asserts value is NonNullable<T> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ZspError({ ...ctx, problem: `${describe(value)} is not an object`, fix });
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
