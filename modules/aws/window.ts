import { Instant, parseInstant } from "../core/clock";
import { PropContext, ZspError, nested } from "../core/errors";

/** A time window during which a role can be obtained and used. */
export interface AccessWindow {
  /** Start, inclusive in spirit (`aws:CurrentTime` must be after it). */
  readonly notBefore: Instant;
  /** End: `aws:CurrentTime` must be before it. */
  readonly notAfter: Instant;
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
