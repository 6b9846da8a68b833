import { isRecord } from "./model";

/**
 * Observed use of the roles' grants over a period: the part of
 * `zsp tighten --format json` that rule ZSP019 reads. Plain data, so the
 * guard does not depend on the CLI that produced it.
 */

/** An action/resource pair of an Allow statement. */
export interface UnusedGrant {
  /** Action as written, e.g. `lambda:UpdateFunctionCode` or `s3:Get*`. */
  readonly action: string;
  /** Resource as written, e.g. `arn:aws:s3:::bucket/prefix/*`. */
  readonly resource: string;
}

/** The calls observed and the period they span. */
export interface ObservedPeriod {
  /** Calls of the role's sessions. */
  readonly calls: number;
  /** First event, ISO 8601 (hour precision from aggregated rows); null when none. */
  readonly first: string | null;
  /** Last event; null when none. */
  readonly last: string | null;
}

/** One role's unused grants over the period. */
export interface RoleUsageRecord {
  /** Terraform address of the `aws_iam_role`. */
  readonly address: string;
  /** Stack (or input) name the address belongs to. */
  readonly stack: string;
  /** Action/resource pairs of its Allow statements that no call used. */
  readonly unused: readonly UnusedGrant[];
  /** Calls observed and the period they span. */
  readonly events: ObservedPeriod;
}

/** The usage input of `zsp check --usage`. */
export interface UsageReport {
  /** Roles, as `zsp tighten` wrote them. */
  readonly roles: readonly RoleUsageRecord[];
}

/** A usage file that is not what `zsp tighten --format json` writes. */
export class UsageInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "UsageInputError";
  }
}

/**
 * Reads the JSON `zsp tighten --format json` writes.
 * @throws UsageInputError naming what is missing
 */
export function parseUsage(json: unknown): UsageReport {
  if (!isRecord(json) || !Array.isArray(json.roles)) throw new UsageInputError("is not zsp tighten JSON output (no roles list)");
  const roles = json.roles.map((r: unknown, i): RoleUsageRecord => {
    const where = `roles[${i}]`;
    if (!isRecord(r) || typeof r.address !== "string" || typeof r.stack !== "string" || !Array.isArray(r.unused) || !isRecord(r.events)) {
      throw new UsageInputError(`${where} lacks address, stack, unused or events`);
    }
    const unused = r.unused.map((u: unknown, j) => {
      if (!isRecord(u) || typeof u.action !== "string" || typeof u.resource !== "string") throw new UsageInputError(`${where}.unused[${j}] lacks action or resource`);
      return { action: u.action, resource: u.resource };
    });
    const e = r.events;
    const time = (v: unknown): string | null => (typeof v === "string" ? v : null);
    return { address: r.address, stack: r.stack, unused, events: { calls: typeof e.calls === "number" ? e.calls : 0, first: time(e.first), last: time(e.last) } };
  });
  return { roles };
}
