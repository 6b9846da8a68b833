import { ConditionTest, Statement } from "../../modules/guard/policy";
import { expandAction, loggingOf, serviceOfSource } from "./event-actions";
import { globMatches, resourceCovers } from "./patterns";
import { DataEventCoverage, RoleUsage } from "./usage";

/**
 * A proposal for one role: Allow statements cut down from the current ones
 * to what was used (each keeps the conditions of the statement it came from),
 * and context conditions (`denyUnless`) that every observed call met.
 */

/** One proposed Allow statement. */
export interface ProposedGrant {
  /** Concrete actions. */
  readonly actions: readonly string[];
  /** Resource patterns, each within a resource pattern of the statement it came from. */
  readonly resources: readonly string[];
  /** The conditions of the statement it came from, unchanged. */
  readonly conditions: readonly ConditionTest[];
}

/** Proposed context conditions, in the shape of `JitRole`'s `denyUnless`. */
export interface ProposedDenyUnless {
  /** `aws:RequestedRegion` values. */
  readonly regions?: readonly string[];
  /** `aws:SourceVpce` values. */
  readonly sourceVpce?: readonly string[];
  /** `aws:SourceIp` CIDRs. */
  readonly sourceIp?: readonly string[];
}

/** A role's proposal. */
export interface Proposal {
  /** The Allow statements. */
  readonly grants: readonly ProposedGrant[];
  /** Context conditions every observed call met. */
  readonly denyUnless: ProposedDenyUnless;
  /** Hours of day (UTC) within which every observed call fell, when narrower than the whole day. */
  readonly regularHoursUtc?: { readonly from: number; readonly to: number };
  /** Why something was kept or not proposed. */
  readonly notes: readonly string[];
}

/** At most this many observed ARNs are listed as they are; more are summarized by their common prefix. */
export const MAX_LISTED = 5;
/** At most this many distinct source addresses become `sourceIp` entries. */
export const MAX_SOURCE_IPS = 5;

/** The last `/` or `:` before the end: a common prefix is only cut at a separator. */
function cutAtSeparator(prefix: string): string {
  const at = Math.max(prefix.lastIndexOf("/"), prefix.lastIndexOf(":"));
  return at < 0 ? "" : prefix.slice(0, at + 1);
}

/** A pattern that stands for a key prefix (`.../releases/*`): new objects appear under it. */
function isPrefixGrant(pattern: string): boolean {
  return /\/\*$/.test(pattern);
}

/**
 * The resources a used (statement, pattern, action) still needs:
 * the pattern itself when it has no wildcard, when one ARN only was seen
 * under a prefix grant, or when no narrower pattern is justified; the
 * observed ARNs when few; else their common prefix up to a separator.
 */
function narrowed(pattern: string, sample: ReadonlySet<string>, prefix: string, more: boolean): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  if (!more && sample.size <= MAX_LISTED && !isPrefixGrant(pattern)) return [...sample].sort();
  if (sample.size < 2) return [pattern];
  const cut = cutAtSeparator(prefix);
  const candidate = `${cut}*`;
  return cut.length > 0 && candidate !== pattern && resourceCovers(pattern, candidate) ? [candidate] : [pattern];
}

function sameConditions(a: readonly ConditionTest[], b: readonly ConditionTest[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Why CloudTrail cannot have recorded `action` (concrete) on `pattern` in these logs; undefined when it can. */
export function unknowable(action: string, pattern: string, usage: RoleUsage, coverage: DataEventCoverage): string | undefined {
  const service = action.slice(0, action.indexOf(":"));
  const logging = loggingOf(action);
  if (logging === "never") return `CloudTrail does not record ${action}`;
  if ([...usage.unmapped.counts.keys()].some((k) => serviceOfSource(k.slice(0, k.indexOf(":"))) === service)) {
    return `the logs hold ${service} events the action catalogue cannot name`;
  }
  if (logging === "data") {
    const source = `${service === "s3" ? "s3" : service}.amazonaws.com`;
    if (!coverage.sources.has(source)) return `the logs hold no ${service} data events, so ${action} use cannot be known`;
    if (service === "s3") {
      const bucket = /^arn:[^:]+:s3:::([^/]*)/.exec(pattern)?.[1] ?? "*";
      const seen = [...coverage.buckets.counts.keys()].some((b) => globMatches(bucket.length === 0 ? "*" : bucket, b));
      if (!seen && coverage.buckets.overflow === 0) return `the logs hold no S3 data events for ${bucket === "*" ? "these buckets" : `bucket ${bucket}`}, so ${action} use there cannot be known`;
    }
  }
  return undefined;
}

/** The proposal for a role, or a list of reasons there is none. */
export function propose(usage: RoleUsage, coverage: DataEventCoverage): Proposal | { readonly refused: readonly string[] } {
  const p = usage.permissions;
  if (p.unknown.length > 0) return { refused: p.unknown.map((u) => `current permissions not fully known: ${u}`) };
  if (p.roleArn === undefined) return { refused: ["the role's ARN is not known (give --account)"] };
  const notes: string[] = [];
  // (resources, conditions) → actions
  const groups = new Map<string, { resources: string[]; conditions: readonly ConditionTest[]; actions: Set<string> }>();
  const put = (action: string, resources: readonly string[], conditions: readonly ConditionTest[]): void => {
    const key = JSON.stringify([resources, conditions]);
    const g = groups.get(key);
    if (g) g.actions.add(action);
    else groups.set(key, { resources: [...resources], conditions, actions: new Set([action]) });
  };
  p.allows.forEach((s: Statement, i) => {
    if (s.actions === undefined || s.resources === undefined) {
      notes.push(`statement ${i + 1} uses ${s.actions === undefined ? "NotAction" : "NotResource"}: not narrowed, rewrite it with Action and Resource`);
      return;
    }
    const actions = [...new Set(s.actions.flatMap((a) => expandAction(a)))];
    for (const action of actions) {
      const unknownResource = usage.unknownResource.has(`${i}:${action}`);
      s.resources.forEach((pattern, j) => {
        const use = usage.resourceUse.get(`${i}:${j}:${action}`);
        if (unknownResource) {
          put(action, [pattern], s.conditions);
          return;
        }
        if (use !== undefined) {
          const out = narrowed(pattern, use.sample, use.prefix, use.more);
          for (const r of out) put(action, [r], s.conditions);
          return;
        }
        const why = unknowable(action, pattern, usage, coverage);
        if (why !== undefined) {
          put(action, [pattern], s.conditions);
          if (!notes.includes(`kept ${action}: ${why}`)) notes.push(`kept ${action}: ${why}`);
        }
      });
      if (unknownResource && !notes.some((n) => n.startsWith(`kept ${action} on every resource`))) {
        notes.push(`kept ${action} on every resource of statement ${i + 1}: the logs do not say which resource it acted on`);
      }
    }
  });
  // Merge resources of groups with the same actions and conditions.
  const merged = new Map<string, { actions: string[]; resources: string[]; conditions: readonly ConditionTest[] }>();
  for (const g of groups.values()) {
    const actions = [...g.actions].sort();
    const key = JSON.stringify([actions, g.conditions]);
    const m = merged.get(key);
    if (m) m.resources.push(...g.resources.filter((r) => !m.resources.includes(r)));
    else merged.set(key, { actions, resources: [...g.resources], conditions: g.conditions });
  }
  const grants = [...merged.values()].map((g) => ({ ...g, resources: g.resources.sort() }))
    .sort((a, b) => (a.actions[0] ?? "").localeCompare(b.actions[0] ?? "") || (a.resources[0] ?? "").localeCompare(b.resources[0] ?? ""));
  if (grants.length === 0 && usage.allowed === 0) notes.push("no call of this role in the logs: every grant is unused");
  const denyUnless = proposeDenyUnless(usage, notes);
  const hours = regularHours(usage.hours);
  return { grants, denyUnless, ...(hours ? { regularHoursUtc: hours } : {}), notes };
}

function proposeDenyUnless(usage: RoleUsage, notes: string[]): ProposedDenyUnless {
  if (usage.allowed === 0) return {};
  const regions = [...usage.regions.counts.keys()].filter((r) => r.length > 0).sort();
  const vpces = [...usage.vpces.counts.keys()].sort();
  const ips = [...usage.sourceIps.counts.keys()].filter((ip) => ip.length > 0).sort();
  const out: { regions?: string[]; sourceVpce?: string[]; sourceIp?: string[] } = {};
  if (regions.length > 0 && usage.regions.overflow === 0) out.regions = regions;
  const publicCalls = [...usage.sourceIps.counts.values()].reduce((a, b) => a + b, 0) + usage.sourceIps.overflow;
  // An address is regular when it was seen on more than one day (hosted CI runners get a new one per job).
  const irregular = ips.filter((ip) => !(usage.ipDays.get(ip)?.again ?? false));
  if (publicCalls === 0 && vpces.length > 0) out.sourceVpce = vpces;
  else if (usage.sourceIps.overflow === 0 && ips.length <= MAX_SOURCE_IPS && ips.every(isIp) && irregular.length === 0) {
    if (vpces.length > 0) out.sourceVpce = vpces;
    out.sourceIp = ips.map((ip) => (ip.includes(":") ? `${ip}/128` : `${ip}/32`));
  } else {
    const why = ips.length > MAX_SOURCE_IPS || usage.sourceIps.overflow > 0
      ? `${ips.length}${usage.sourceIps.overflow > 0 ? "+" : ""} public addresses (more than ${MAX_SOURCE_IPS})`
      : irregular.length > 0 ? `addresses seen on one day only (${irregular.slice(0, 3).join(", ")}${irregular.length > 3 ? ", ..." : ""}): a new address per run, as hosted CI runners have` : "sources that are not IP addresses";
    notes.push(`no network condition: calls came from ${why}`);
  }
  return out;
}

function isIp(value: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(value) || /^[0-9a-fA-F:]+:[0-9a-fA-F:]*$/.test(value);
}

/** The smallest span of hours of day (wrapping at midnight) holding every call, when shorter than 24 h. */
export function regularHours(hours: readonly number[]): { from: number; to: number } | undefined {
  const used = hours.map((n, h) => (n > 0 ? h : -1)).filter((h) => h >= 0);
  if (used.length === 0 || used.length === 24) return undefined;
  // The largest gap of unused hours; the window is its complement.
  let best = { start: 0, length: 0 };
  for (let h = 0; h < 24; h++) {
    if ((hours[h] as number) > 0) continue;
    if ((hours[(h + 23) % 24] as number) === 0) continue;
    let length = 0;
    while (length < 24 && (hours[(h + length) % 24] as number) === 0) length++;
    if (length > best.length) best = { start: h, length };
  }
  if (best.length === 0) return undefined;
  return { from: (best.start + best.length) % 24, to: best.start % 24 };
}
