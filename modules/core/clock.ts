import { ZspError } from "./errors";

/**
 * The clock at the edge: `ZSP_NOW` (an ISO date, for reproducible builds and
 * tests, like SOURCE_DATE_EPOCH) or the real time. A `ZSP_NOW` that is not a
 * date throws rather than silently using another clock.
 */
export function edgeNow(env: Readonly<Record<string, string | undefined>> = process.env): Date {
  const fixed = env.ZSP_NOW;
  if (fixed === undefined || fixed === "") return new Date();
  const now = new Date(fixed);
  if (Number.isNaN(now.getTime())) {
    throw new ZspError({ path: "environment", prop: "ZSP_NOW", problem: `"${fixed}" is not a date`, fix: "unset it, or give an ISO date such as 2026-12-01T00:00:00Z" });
  }
  return now;
}
