import { CatalogueAction } from "../../modules/iam/catalogue";
import { Statement } from "../../modules/guard/policy";
import { NEEDS_NO_PERMISSION, actionOfEvent, resourceOfCall } from "./event-actions";
import { RolePermissions } from "./grants";
import { Observation } from "./observation";
import { actionMatches, resourceMatches } from "./patterns";

/**
 * What each role of the input was seen doing, aggregated as events stream
 * by: memory grows with the number of distinct actions, statements and
 * contexts, never with the number of events (every open-ended set is capped
 * and its overflow counted).
 */

/** Distinct values kept per open-ended set (IPs, user agents, denied calls); more are counted, not kept. */
export const KEEP = 1000;
/** Distinct ARNs remembered per (statement, resource pattern, action); beyond it only their common prefix. */
export const SAMPLE = 6;

/** A capped tally: value → count, with the count of values it had no room for. */
export class Tally {
  public readonly counts = new Map<string, number>();
  public overflow = 0;
  public constructor(private readonly cap = KEEP) {}
  /** Adds `n` to `key`. */
  public add(key: string, n: number): void {
    const had = this.counts.get(key);
    if (had !== undefined) this.counts.set(key, had + n);
    else if (this.counts.size < this.cap) this.counts.set(key, n);
    else this.overflow += n;
  }
}

/** The ARNs one (statement, resource pattern, action) was used on: a sample, their common prefix, and whether there were more. */
export interface ResourceUse {
  /** Distinct ARNs, up to {@link SAMPLE}. */
  readonly sample: Set<string>;
  /** Longest common prefix of every ARN seen. */
  prefix: string;
  /** True when more than {@link SAMPLE} distinct ARNs were seen. */
  more: boolean;
  /** Calls. */
  calls: number;
}

/** Who obtained sessions of a role, and how many calls those sessions made. */
export interface SessionSource {
  /** OIDC/SAML subject, calling role ARN, or `account <id>`. */
  readonly subject: string;
  /** The identity provider, when federated. */
  readonly provider: string;
  /** `sts:SourceIdentity`, when set. */
  readonly sourceIdentity: string;
  /** Sessions obtained. */
  obtained: number;
  /** Calls made by those sessions (when the logs link them). */
  calls: number;
}

/** Everything observed for one role. */
export class RoleUsage {
  /** Calls by the role's sessions (allowed and denied). */
  public calls = 0;
  /** Calls not denied. */
  public allowed = 0;
  /** Calls denied for lack of permission. */
  public denied = 0;
  /** Sessions obtained. */
  public obtained = 0;
  /** First and last event time. */
  public first = "";
  public last = "";
  /** `i:ap:j` (statement, action pattern, resource pattern) → calls. */
  public readonly pairUse = new Map<string, number>();
  /** `i:j:action` → the ARNs used. */
  public readonly resourceUse = new Map<string, ResourceUse>();
  /** `i:action` → calls whose resource the trail does not name. */
  public readonly unknownResource = new Map<string, number>();
  /** `action resource` → calls allowed in the logs that no current Allow statement grants. */
  public readonly notGranted = new Tally();
  /** `action\tresource\terrorCode` → denied calls. */
  public readonly deniedCalls = new Tally();
  /** `source:name` → calls the action catalogue cannot name. */
  public readonly unmapped = new Tally();
  /** Concrete action → allowed calls. */
  public readonly actions = new Tally();
  /** Baseline of context. */
  public readonly regions = new Tally();
  public readonly sourceIps = new Tally();
  /** Source address → the first day it was seen, and whether it was seen on another day too. */
  public readonly ipDays = new Map<string, { readonly first: string; again: boolean }>();
  public readonly vpces = new Tally();
  public readonly userAgents = new Tally(100);
  /** Calls that need no permission (`sts:GetCallerIdentity`): left out of the baseline. */
  public unpermissioned = 0;
  /** Calls made by AWS services on the role's behalf (`sourceIPAddress` is a service name). */
  public viaAwsService = 0;
  /** Calls per hour of day, UTC. */
  public readonly hours: number[] = new Array<number>(24).fill(0);
  /** Days with calls, `YYYY-MM-DD`. */
  public readonly days = new Tally();
  /** `subject|provider|sourceIdentity` → session source. */
  public readonly sources = new Map<string, SessionSource>();
  /** Access key id → calls (raw records; linked to sources at the end). */
  public readonly sessionCalls = new Tally(200_000);
  /** Calls whose session source the logs do not show. */
  public unlinkedCalls = 0;
  private readonly matchCache = new Map<string, Array<{ i: number; aps: number[] }>>();

  public constructor(public readonly permissions: RolePermissions) {}

  /** The allow statements granting `action`: statement index and the indices of its action patterns that match. */
  public statementsFor(action: string): Array<{ i: number; aps: number[] }> {
    let hit = this.matchCache.get(action);
    if (hit === undefined) {
      hit = [];
      this.permissions.allows.forEach((s, i) => {
        const aps = grantsAction(s, action);
        if (aps !== undefined) (hit as Array<{ i: number; aps: number[] }>).push({ i, aps });
      });
      this.matchCache.set(action, hit);
    }
    return hit;
  }
}

/** Indices of `s`'s action patterns matching `action` (`[-1]` for a NotAction that does not exclude it), or undefined. */
export function grantsAction(s: Statement, action: string): number[] | undefined {
  if (s.actions !== undefined) {
    const aps = s.actions.map((p, n) => (actionMatches(p, action) ? n : -1)).filter((n) => n >= 0);
    return aps.length > 0 ? aps : undefined;
  }
  if (s.notActions !== undefined) return s.notActions.some((p) => actionMatches(p, action)) ? undefined : [-1];
  return undefined;
}

/** Indices of `s`'s resource patterns matching `arn` (`[-1]` for a NotResource that does not exclude it). */
export function grantsResource(s: Statement, arn: string): number[] {
  if (s.resources !== undefined) return s.resources.map((p, n) => (resourceMatches(p, arn) ? n : -1)).filter((n) => n >= 0);
  if (s.notResources !== undefined) return s.notResources.some((p) => resourceMatches(p, arn)) ? [] : [-1];
  return [];
}

const DENIED = /AccessDenied|Unauthorized/i;
const SERVICE_ADDRESS = /^[a-z0-9.-]+\.amazonaws\.com$|^AWS Internal$/;

function commonPrefix(a: string, b: string): string {
  let n = 0;
  const max = Math.min(a.length, b.length);
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return a.slice(0, n);
}

/** Where data events were recorded: event sources, and S3 buckets (trails often select data events per bucket). */
export class DataEventCoverage {
  /** Event sources with at least one data event. */
  public readonly sources = new Set<string>();
  /** S3 buckets with at least one data event. */
  public readonly buckets = new Tally(10_000);
  /** Records it. */
  public add(o: Observation): void {
    if (!o.data) return;
    this.sources.add(o.eventSource);
    if (o.eventSource === "s3.amazonaws.com") {
      for (const arn of o.resources) {
        const m = /^arn:[^:]+:s3:::([^/]+)/.exec(arn);
        if (m) this.buckets.add(m[1] as string, 1);
      }
    }
  }
}

/** Options of {@link UsageCollector}. */
export interface CollectorOptions {
  /** Ignore events before this instant (epoch ms). */
  readonly since?: number;
}

/** Aggregates observations into per-role usage. */
export class UsageCollector {
  /** Usage by role ARN. */
  public readonly byArn = new Map<string, RoleUsage>();
  /** Events of roles that are not in the input, by role ARN (counted, never guessed at). */
  public readonly otherRoles = new Tally();
  /** Events before `since`. */
  public outsidePeriod = 0;
  /** Observations read. */
  public observations = 0;
  /** Data-event coverage of the input. */
  public readonly coverage = new DataEventCoverage();
  /** Access key → session source key, from `AssumeRole*` events. */
  private readonly issued = new Map<string, string>();
  private readonly sinceMs: number | undefined;

  public constructor(roles: readonly RolePermissions[], options: CollectorOptions = {}) {
    for (const r of roles) if (r.roleArn !== undefined) this.byArn.set(r.roleArn, new RoleUsage(r));
    this.sinceMs = options.since;
  }

  /** Adds one observation. */
  public add(o: Observation): void {
    this.observations += o.count;
    if (this.sinceMs !== undefined) {
      const t = Date.parse(o.time.length === 13 ? `${o.time}:00:00Z` : o.time);
      if (!Number.isNaN(t) && t < this.sinceMs) {
        this.outsidePeriod += o.count;
        return;
      }
    }
    this.coverage.add(o);
    const usage = this.byArn.get(o.role);
    if (usage === undefined) {
      this.otherRoles.add(o.role, o.count);
      return;
    }
    if (usage.first === "" || o.time < usage.first) usage.first = o.time;
    if (o.time > usage.last) usage.last = o.time;
    if (o.kind === "obtain") this.obtain(usage, o);
    else this.call(usage, o);
  }

  private sourceKey(usage: RoleUsage, subject: string, provider: string, sourceIdentity: string): string {
    const key = `${subject}|${provider}|${sourceIdentity}`;
    if (!usage.sources.has(key) && usage.sources.size < KEEP) usage.sources.set(key, { subject, provider, sourceIdentity, obtained: 0, calls: 0 });
    return key;
  }

  private obtain(usage: RoleUsage, o: Observation): void {
    if (o.errorCode !== "") return;
    usage.obtained += o.count;
    const key = this.sourceKey(usage, o.subject, o.provider, o.sourceIdentity);
    const source = usage.sources.get(key);
    if (source) source.obtained += o.count;
    if (o.accessKeyId !== "" && this.issued.size < 500_000) this.issued.set(o.accessKeyId, key);
  }

  private call(usage: RoleUsage, o: Observation): void {
    usage.calls += o.count;
    if (o.accessKeyId !== "") usage.sessionCalls.add(o.accessKeyId, o.count);
    else if (o.subject !== "" || o.sourceIdentity !== "") {
      const source = usage.sources.get(this.sourceKey(usage, o.subject, o.provider, o.sourceIdentity));
      if (source) source.calls += o.count;
    } else usage.unlinkedCalls += o.count;
    const action = actionOfEvent(o.eventSource, o.eventName);
    if (action !== undefined && NEEDS_NO_PERMISSION.has(action.name)) {
      usage.unpermissioned += o.count;
      return;
    }
    const resource = action === undefined ? undefined : resourceOfCall(action, o.resources);
    if (DENIED.test(o.errorCode)) {
      usage.denied += o.count;
      usage.deniedCalls.add(`${action?.name ?? `${o.eventSource}:${o.eventName}`}\t${resource ?? o.resources[0] ?? ""}\t${o.errorCode}`, o.count);
      return;
    }
    usage.allowed += o.count;
    usage.regions.add(o.region, o.count);
    if (SERVICE_ADDRESS.test(o.sourceIp)) usage.viaAwsService += o.count;
    else if (o.vpce !== "") usage.vpces.add(o.vpce, o.count);
    else {
      usage.sourceIps.add(o.sourceIp, o.count);
      const day = o.time.slice(0, 10);
      const seen = usage.ipDays.get(o.sourceIp);
      if (seen === undefined) {
        if (usage.ipDays.size < KEEP) usage.ipDays.set(o.sourceIp, { first: day, again: false });
      } else if (seen.first !== day) seen.again = true;
    }
    usage.userAgents.add(o.userAgent, o.count);
    const hour = Number(o.time.slice(11, 13));
    if (Number.isInteger(hour) && hour >= 0 && hour < 24) usage.hours[hour] = (usage.hours[hour] as number) + o.count;
    usage.days.add(o.time.slice(0, 10), o.count);
    if (action === undefined) {
      usage.unmapped.add(`${o.eventSource}:${o.eventName}`, o.count);
      return;
    }
    usage.actions.add(action.name, o.count);
    this.attribute(usage, action, resource, o.count);
  }

  private attribute(usage: RoleUsage, action: CatalogueAction, resource: string | undefined, count: number): void {
    const statements = usage.statementsFor(action.name);
    let granted = false;
    for (const { i, aps } of statements) {
      const s = usage.permissions.allows[i] as Statement;
      if (resource === undefined) {
        granted = true;
        usage.unknownResource.set(`${i}:${action.name}`, (usage.unknownResource.get(`${i}:${action.name}`) ?? 0) + count);
        const js = s.resources !== undefined ? s.resources.map((_, n) => n) : [-1];
        for (const ap of aps) for (const j of js) bump(usage.pairUse, `${i}:${ap}:${j}`, count);
        continue;
      }
      const js = grantsResource(s, resource);
      if (js.length === 0) continue;
      granted = true;
      for (const ap of aps) for (const j of js) bump(usage.pairUse, `${i}:${ap}:${j}`, count);
      for (const j of js) {
        const key = `${i}:${j}:${action.name}`;
        const use = usage.resourceUse.get(key);
        if (use === undefined) usage.resourceUse.set(key, { sample: new Set([resource]), prefix: resource, more: false, calls: count });
        else {
          use.calls += count;
          use.prefix = commonPrefix(use.prefix, resource);
          if (!use.sample.has(resource)) {
            if (use.sample.size < SAMPLE) use.sample.add(resource);
            else use.more = true;
          }
        }
      }
    }
    if (!granted) usage.notGranted.add(`${action.name} ${resource ?? "(resource not recorded)"}`, count);
  }

  /** Links calls to the sessions' sources (raw records carry the access key; `AssumeRole*` events say who got it). */
  public finish(): void {
    for (const usage of this.byArn.values()) {
      for (const [key, calls] of usage.sessionCalls.counts) {
        const source = usage.sources.get(this.issued.get(key) ?? "");
        if (source) source.calls += calls;
        else usage.unlinkedCalls += calls;
      }
      usage.unlinkedCalls += usage.sessionCalls.overflow;
    }
  }
}

function bump(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}
