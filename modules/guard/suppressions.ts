import { RULE_IDS } from "./catalogue";
import { Finding, SuppressionRecord, TfModel, isRecord } from "./model";

/** A suppression read from an input, with what it covers. */
export interface ResolvedSuppression {
  /** The record as written (fields may be missing in hand-written input). */
  readonly record: Partial<SuppressionRecord>;
  /** Why it cannot be honoured (missing field, unknown rule, expired); undefined when valid. */
  readonly problem?: string;
  /** Whether it covers `finding`. */
  covers(finding: Finding): boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a suppression that `expires` on that day (UTC, inclusive) has
 * expired at `now`. Fail closed: anything that is not a real `YYYY-MM-DD`
 * date counts as expired.
 */
export function isExpired(expires: unknown, now: Date): boolean {
  const end = endOfDay(expires);
  return end === undefined || now.getTime() >= end;
}

/** Whether `expires` is a real calendar day written `YYYY-MM-DD` (no 2026-02-30). */
export function isRealDay(expires: unknown): boolean {
  return endOfDay(expires) !== undefined;
}

/** The first instant after the UTC day `expires` names; undefined unless it is a real `YYYY-MM-DD` date. */
function endOfDay(expires: unknown): number | undefined {
  if (typeof expires !== "string") return undefined;
  const m = DAY.exec(expires);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(Date.UTC(y, mo - 1, d));
  if (start.getUTCFullYear() !== y || start.getUTCMonth() !== mo - 1 || start.getUTCDate() !== d) return undefined;
  return Date.UTC(y, mo - 1, d + 1);
}

/**
 * The suppressions `model` carries, resolved against it: a `path` covers the
 * resources whose construct path is at or under it (the stack's own path
 * covers everything in the stack, providers included); an `address` covers
 * that address. Coverage is by address, so the same suppressions apply to a
 * plan of the same stack.
 */
export function resolveSuppressions(model: TfModel, now: Date): ResolvedSuppression[] {
  return model.suppressions.map((raw): ResolvedSuppression => {
    const record: Partial<SuppressionRecord> = isRecord(raw) ? (raw as Partial<SuppressionRecord>) : {};
    const missing = (["rule", "reason", "owner", "expires"] as const).filter((k) => typeof record[k] !== "string" || (record[k] as string).trim() === "");
    if (typeof record.path !== "string" && typeof record.address !== "string") missing.push("path" as never);
    let problem: string | undefined;
    if (missing.length > 0) problem = `is missing ${missing.join(", ")}`;
    else if (!(RULE_IDS as readonly string[]).includes(record.rule as string)) problem = `names unknown rule ${record.rule}`;
    else if (record.rule === "ZSP013") problem = "cannot suppress ZSP013 (expired windows and suppressions)";
    else if (isExpired(record.expires, now)) {
      problem = isRealDay(record.expires)
        ? `expired on ${record.expires}` : `has an expiry that is not a real YYYY-MM-DD date (${JSON.stringify(record.expires)}), so it counts as expired`;
    }
    const addresses = new Set<string>();
    const path = record.path;
    const everything = typeof path === "string" && path === model.stack;
    if (typeof path === "string" && !everything) {
      for (const r of model.resources) {
        if (r.constructPath !== undefined && (r.constructPath === path || r.constructPath.startsWith(`${path}/`))) addresses.add(r.address);
      }
    }
    if (typeof record.address === "string") addresses.add(record.address);
    return {
      record,
      ...(problem !== undefined ? { problem } : {}),
      covers: (f) => f.rule === record.rule && (everything || addresses.has(f.address) ||
        (typeof path === "string" && f.constructPath !== undefined && (f.constructPath === path || f.constructPath.startsWith(`${path}/`)))),
    };
  });
}
