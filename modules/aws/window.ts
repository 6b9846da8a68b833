import { IConstruct } from "constructs";
import { edgeNow } from "../core/clock";
import { PropContext, ZspError, nested } from "../core/errors";

/** The construct-context key that fixes "now" for synthesis (ISO 8601 UTC), e.g. in tests: `{ "zsp:now": "2026-11-25T00:00:00Z" }`. */
export const NOW_CONTEXT_KEY = "zsp:now";

/** An instant: an ISO 8601 UTC string `YYYY-MM-DDTHH:MM:SSZ` or a `Date`. */
export type Instant = string | Date;

/** A time window during which a role can be obtained and used. */
export interface AccessWindow {
  /** Start, inclusive in spirit (`aws:CurrentTime` must be after it). */
  readonly notBefore: Instant;
  /** End: `aws:CurrentTime` must be before it. */
  readonly notAfter: Instant;
}

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

/** A validated window. */
export interface ResolvedWindow {
  /** Start as `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly notBefore: string;
  /** End as `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly notAfter: string;
  /** True when the window ended before now. */
  readonly expired: boolean;
}

/** Validates a window: both ends real UTC instants, start before end; reports whether it is already over. */
export function resolveWindow(window: AccessWindow, now: number, ctx: PropContext): ResolvedWindow {
  if (window === null || typeof window !== "object") {
    throw new ZspError({ ...ctx, problem: "must be an object { notBefore, notAfter }", fix: 'give e.g. { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" }' });
  }
  const start = parseInstant(window.notBefore, nested(ctx, "notBefore"));
  const end = parseInstant(window.notAfter, nested(ctx, "notAfter"));
  if (end.ms <= start.ms) {
    throw new ZspError({ ...nested(ctx, "notAfter"), problem: `${end.iso} is not after notBefore ${start.iso}`, fix: "give an end after the start" });
  }
  return { notBefore: start.iso, notAfter: end.iso, expired: end.ms <= now };
}
