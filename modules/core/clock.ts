import { IConstruct } from "constructs";
import { PropContext, ZspError } from "./errors";

/**
 * The one clock. Every reader of "now" goes through this file: the constructs
 * and the synth-time guard ({@link resolveNow}: `now` prop, context `zsp:now`,
 * `ZSP_NOW`, real time) and the CLI ({@link edgeNow}: `--now`, `ZSP_NOW`, real
 * time). The guard engine itself never reads a clock: `now` is its parameter.
 */

/**
 * The clock at the edge: `flag` (the CLI's `--now`) when given, else
 * `ZSP_NOW` (an ISO date, for reproducible builds and tests, like
 * SOURCE_DATE_EPOCH), else the real time.
 * @throws ZspError when the chosen value is not a date (never silently another clock).
 */
export function edgeNow(env: Readonly<Record<string, string | undefined>> = process.env, flag?: string): Date {
  const [text, where, prop] = flag !== undefined ? [flag, "command line", "--now"] : [env.ZSP_NOW, "environment", "ZSP_NOW"];
  if (text === undefined || text === "") return new Date();
  const now = new Date(text);
  if (Number.isNaN(now.getTime())) {
    throw new ZspError({ path: where, prop, problem: `"${text}" is not a date`, fix: `${flag !== undefined ? "give" : "unset it, or give"} an ISO date such as 2026-12-01T00:00:00Z` });
  }
  return now;
}

/** The construct-context key that fixes "now" for synthesis (ISO 8601 UTC), e.g. in tests: `{ "zsp:now": "2026-11-25T00:00:00Z" }`. */
export const NOW_CONTEXT_KEY = "zsp:now";

/** An instant: an ISO 8601 UTC string `YYYY-MM-DDTHH:MM:SSZ` or a `Date`. */
export type Instant = string | Date;


const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/** Parses an {@link Instant} and returns it as `YYYY-MM-DDTHH:MM:SSZ` (the form IAM date conditions use). */
export function parseInstant(value: unknown, ctx: PropContext): {
  /** The instant as `YYYY-MM-DDTHH:MM:SSZ`. */
  iso: string;
  /** The instant in epoch milliseconds. */
  ms: number;
} {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
  } else if (typeof value === "string" && ISO_UTC.test(value)) {
    ms = Date.parse(value);
    // Date.parse rolls 2026-02-30 over to March; refuse dates that do not exist.
    if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) ms = Number.NaN;
  } else {
    ms = Number.NaN;
  }
  if (Number.isNaN(ms)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(value)} is not a UTC timestamp`, fix: 'write ISO 8601 in UTC, e.g. "2026-12-01T02:00:00Z"' });
  }
  return { iso: new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z"), ms };
}

/**
 * "Now" for `scope`: the `now` prop when given, else the construct context
 * value `zsp:now`, else the `ZSP_NOW` environment variable, else the system
 * clock (the same clock `ZspGuard` checks with). Read once per construct, so a
 * synthesis is deterministic when tests fix it.
 */
export function resolveNow(scope: IConstruct, nowProp: Instant | undefined, ctx: PropContext): number {
  if (nowProp !== undefined) return parseInstant(nowProp, ctx).ms;
  const fromContext: unknown = scope.node.tryGetContext(NOW_CONTEXT_KEY);
  if (fromContext !== undefined) return parseInstant(fromContext, { path: scope.node.path, prop: `context "${NOW_CONTEXT_KEY}"` }).ms;
  return edgeNow().getTime();
}
