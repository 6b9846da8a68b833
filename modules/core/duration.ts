import { PropContext, ZspError } from "./errors";

/**
 * A duration: a string of one or more `<integer><unit>` parts (`"15m"`,
 * `"1h"`, `"1h30m"`, units `s`, `m`, `h`, `d`) or a whole number of seconds.
 */
export type Duration = string | number;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_PATTERN = /^(?:\d+[smhd])+$/;
const PART_PATTERN = /(\d+)([smhd])/g;

/**
 * Parses a {@link Duration} into whole seconds. Garbage, zero, negative and
 * fractional values are refused with a {@link ZspError} naming `ctx`: a zero
 * TTL means "system default" (32 days on a default Vault), never "short".
 */
export function parseDuration(value: Duration, ctx: PropContext): number {
  const fix = 'give a positive duration such as "15m", "1h" or a whole number of seconds';
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value <= 0) {
      throw new ZspError({ ...ctx, problem: `${value} is not a positive whole number of seconds`, fix });
    }
    return value;
  }
  if (typeof value !== "string") {
    throw new ZspError({ ...ctx, problem: `expected a duration, got ${typeof value}`, fix });
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return parseDuration(Number(text), ctx);
  }
  if (!DURATION_PATTERN.test(text)) {
    throw new ZspError({ ...ctx, problem: `"${value}" is not a duration`, fix });
  }
  let seconds = 0;
  for (const match of text.matchAll(PART_PATTERN)) {
    seconds += Number(match[1]) * (UNIT_SECONDS[match[2] ?? ""] ?? 0);
  }
  if (seconds <= 0) {
    throw new ZspError({ ...ctx, problem: `"${value}" is zero`, fix });
  }
  return seconds;
}

/** The profile's duration bounds: a value over one of these may be raised by a documented stack profile exception. */
const PROFILE_BOUNDS: ReadonlySet<string> = new Set(["maxSession", "maxStsTtl", "maxLease", "maxTokenTtl", "maxAgentIntentTtl"]);

/**
 * Parses `value` (or `fallback` when undefined) and refuses it when it exceeds
 * `maxSeconds`, naming the bound: a profile key (`maxLease`, ...) says where
 * it can be raised; any other bound (`provider session limit`, a mount's max
 * lease) is named as it is.
 */
export function boundedDuration(
  value: Duration | undefined,
  fallback: Duration,
  maxSeconds: number,
  ctx: PropContext,
  boundName: string,
): number {
  const seconds = parseDuration(value ?? fallback, ctx);
  if (seconds > maxSeconds) {
    const max = formatDuration(maxSeconds);
    throw new ZspError(PROFILE_BOUNDS.has(boundName)
      ? {
        ...ctx,
        code: "E_PROFILE",
        problem: `${formatDuration(seconds)} exceeds the profile's ${boundName} of ${max}`,
        fix: `use at most ${max}, or raise ${boundName} in the stack's ZspProfile as a documented exception`,
      }
      : { ...ctx, problem: `${formatDuration(seconds)} exceeds the ${boundName} of ${max}`, fix: `use at most ${max}` });
  }
  return seconds;
}

/** Formats seconds as the shortest `1h30m`-style string (`0s` never occurs for valid input). */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60], ["s", 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join("") : "0s";
}

/** Parses a Go duration (`15m`, `1h30m`, `900s`) into seconds; undefined when it is not one. */
export function goDurationSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || !/^(\d+(\.\d+)?(h|m|s|ms|us|µs|ns))+$/.test(value)) return undefined;
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * (unit[m[2] ?? ""] ?? 0);
  return total;
}

/** A Vault TTL (seconds as number or numeric string, or a duration string) in seconds; undefined if unreadable. */
export function vaultTtlSeconds(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.includes("${")) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const d = /^(\d+)d$/.exec(value);
  if (d) return Number(d[1]) * 86400;
  return goDurationSeconds(value);
}
