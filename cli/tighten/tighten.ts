import { ConditionTest, Statement } from "../../modules/guard/policy";
import type { TfModel } from "../../modules/guard/model";
import { expandAction } from "./event-actions";
import { RolePermissions, rolePermissions } from "./grants";
import { ProofResult, prove } from "./proof";
import { ProposedDenyUnless, propose, unknowable } from "./propose";
import { ReadStats, readCloudTrail } from "./sources";
import { DataEventCoverage, RoleUsage, Tally, UsageCollector } from "./usage";

/** Options of {@link tighten}. */
export interface TightenOptions {
  /** CloudTrail files or directories. */
  readonly cloudtrail: readonly string[];
  /** Count malformed records instead of failing. @default false */
  readonly skipBad?: boolean;
  /** Only events at or after this instant (epoch ms). */
  readonly since?: number;
  /** The account of the roles, when the input does not say. */
  readonly account?: string;
}

/** A grant as the JSON output gives it: IAM condition block when it has conditions. */
export interface JsonGrant {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** One role in the output (DESIGN.md, CLI contract). */
export interface TightenRole {
  /** Terraform address of the role. */
  readonly address: string;
  /** Stack or input name. */
  readonly stack: string;
  /** Role name. */
  readonly name: string;
  /** Role ARN, path included; null when the account is not known. */
  readonly roleArn: string | null;
  /** Event counts and period. */
  readonly events: { readonly calls: number; readonly allowed: number; readonly denied: number; readonly obtained: number; readonly first: string | null; readonly last: string | null };
  /** Action/resource pairs of the current Allow statements used by no observed call. */
  readonly unused: ReadonlyArray<{ readonly action: string; readonly resource: string }>;
  /** Pairs whose use the logs cannot show (not recorded by CloudTrail, data events not selected). */
  readonly unknowable: ReadonlyArray<{ readonly action: string; readonly resource: string; readonly reason: string }>;
  /** What was used: action, resource (ARN, common prefix `...*`, or `(not recorded)`), calls. */
  readonly used: ReadonlyArray<{ readonly action: string; readonly resource: string; readonly calls: number }>;
  /** Calls denied for lack of permission. */
  readonly denied: ReadonlyArray<{ readonly action: string; readonly resource: string; readonly errorCode: string; readonly calls: number }>;
  /** Calls the logs show allowed that the current statements do not grant (the policy changed during the period, or a grant is outside the input). */
  readonly notGranted: ReadonlyArray<{ readonly call: string; readonly calls: number }>;
  /** Context of the allowed calls. */
  readonly baseline: {
    readonly regions: Readonly<Record<string, number>>;
    readonly sourceIps: Readonly<Record<string, number>>;
    readonly vpcEndpoints: Readonly<Record<string, number>>;
    readonly userAgents: Readonly<Record<string, number>>;
    readonly viaAwsService: number;
    readonly hoursUtc: readonly number[];
    readonly days: number;
    readonly sources: ReadonlyArray<{ readonly subject: string; readonly provider: string; readonly sourceIdentity: string; readonly obtained: number; readonly calls: number }>;
    readonly unlinkedCalls: number;
  };
  /** The proposal, only when proved. */
  readonly proposed: { readonly grants: readonly JsonGrant[]; readonly denyUnless: ProposedDenyUnless; readonly regularHoursUtc?: { readonly from: number; readonly to: number } } | null;
  /** The proof. */
  readonly proof: ProofResult | { readonly proved: false; readonly failures: readonly string[] };
  /** What was kept and why, what could not be known. */
  readonly notes: readonly string[];
}

/** The whole output. */
export interface TightenResult {
  /** Roles of the input. */
  readonly roles: readonly TightenRole[];
  /** Totals. */
  readonly summary: {
    readonly files: number;
    readonly records: number;
    readonly bad: number;
    readonly badExamples: readonly string[];
    readonly events: number;
    readonly outsidePeriod: number;
    readonly otherRoles: Readonly<Record<string, number>>;
    readonly otherRolesOverflow: number;
    readonly roles: number;
    readonly proved: number;
    readonly notProved: number;
  };
}

/**
 * Reads the CloudTrail under `options.cloudtrail` and tightens every role of
 * `models`.
 * @throws CloudTrailInputError on a malformed record or truncated file (unless `skipBad`)
 */
export async function tighten(models: readonly TfModel[], options: TightenOptions): Promise<TightenResult> {
  const perms = models.flatMap((m) => rolePermissions(m, options.account !== undefined ? { account: options.account } : {}));
  const collector = new UsageCollector(perms, options.since !== undefined ? { since: options.since } : {});
  const stats = await readCloudTrail(options.cloudtrail, { skipBad: options.skipBad ?? false }, (o) => collector.add(o));
  collector.finish();
  const roles = perms.map((p) => roleResult(p, p.roleArn !== undefined ? collector.byArn.get(p.roleArn) : undefined, collector.coverage));
  return { roles, summary: summary(stats, collector, roles) };
}

function summary(stats: ReadStats, collector: UsageCollector, roles: readonly TightenRole[]): TightenResult["summary"] {
  return {
    files: stats.files, records: stats.records, bad: stats.bad, badExamples: stats.badExamples,
    events: collector.observations, outsidePeriod: collector.outsidePeriod,
    otherRoles: record(collector.otherRoles), otherRolesOverflow: collector.otherRoles.overflow,
    roles: roles.length, proved: roles.filter((r) => r.proposed !== null).length, notProved: roles.filter((r) => r.proposed === null).length,
  };
}

function record(t: Tally): Record<string, number> {
  return Object.fromEntries([...t.counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

function conditionBlock(conditions: readonly ConditionTest[]): JsonGrant["conditions"] {
  const out: Record<string, Record<string, readonly string[]>> = {};
  for (const c of conditions) (out[c.operator] ??= {})[c.key] = c.values;
  return out;
}

function roleResult(p: RolePermissions, usage: RoleUsage | undefined, coverage: DataEventCoverage): TightenRole {
  const u = usage ?? new RoleUsage(p);
  const { unused, unknowable } = unusedPairs(p, u, coverage);
  const used: Array<{ action: string; resource: string; calls: number }> = [];
  for (const [key, use] of u.resourceUse) {
    const action = key.slice(key.indexOf(":", key.indexOf(":") + 1) + 1);
    if (use.more) used.push({ action, resource: `${use.prefix}*`, calls: use.calls });
    else used.push({ action, resource: [...use.sample].sort().join(" "), calls: use.calls });
  }
  for (const [key, calls] of u.unknownResource) used.push({ action: key.slice(key.indexOf(":") + 1), resource: "(not recorded)", calls });
  const notes: string[] = [];
  if (p.roleArn === undefined) notes.push("the role's account is not known from the input: give --account to attribute its events");
  let proposed: TightenRole["proposed"] = null;
  let proof: TightenRole["proof"];
  const proposal = propose(u, coverage);
  if ("refused" in proposal) {
    proof = { proved: false, failures: proposal.refused };
  } else {
    notes.push(...proposal.notes);
    const result = prove(p, proposal, u);
    proof = result;
    if (result.proved) {
      proposed = {
        grants: proposal.grants.map((g) => ({ actions: g.actions, resources: g.resources, ...(g.conditions.length > 0 ? { conditions: conditionBlock(g.conditions) } : {}) })),
        denyUnless: proposal.denyUnless,
        ...(proposal.regularHoursUtc ? { regularHoursUtc: proposal.regularHoursUtc } : {}),
      };
    } else {
      notes.push("no proposal: it could not be proved (see proof.failures)");
    }
  }
  if (u.unmapped.counts.size > 0) notes.push(`events the action catalogue cannot name: ${[...u.unmapped.counts.keys()].slice(0, 10).join(", ")}`);
  return {
    address: p.address, stack: p.stack, name: p.name ?? p.address, roleArn: p.roleArn ?? null,
    events: { calls: u.calls, allowed: u.allowed, denied: u.denied, obtained: u.obtained, first: u.first || null, last: u.last || null },
    unused, unknowable,
    used: used.sort((a, b) => a.action.localeCompare(b.action) || a.resource.localeCompare(b.resource)),
    denied: [...u.deniedCalls.counts.entries()].map(([key, calls]) => {
      const [action = "", resource = "", errorCode = ""] = key.split("\t");
      return { action, resource, errorCode, calls };
    }).sort((a, b) => b.calls - a.calls || a.action.localeCompare(b.action)),
    notGranted: [...u.notGranted.counts.entries()].map(([call, calls]) => ({ call, calls })),
    baseline: {
      regions: record(u.regions), sourceIps: record(u.sourceIps), vpcEndpoints: record(u.vpces), userAgents: record(u.userAgents),
      viaAwsService: u.viaAwsService, hoursUtc: u.hours, days: u.days.counts.size,
      sources: [...u.sources.values()].sort((a, b) => b.obtained + b.calls - (a.obtained + a.calls) || a.subject.localeCompare(b.subject)),
      unlinkedCalls: u.unlinkedCalls,
    },
    proposed, proof, notes,
  };
}

/** The (action pattern, resource pattern) pairs of the current Allows no call used, split into unused and unknowable. */
function unusedPairs(p: RolePermissions, u: RoleUsage, coverage: DataEventCoverage): Pick<TightenRole, "unused" | "unknowable"> {
  const unused: Array<{ action: string; resource: string }> = [];
  const unknowable: Array<{ action: string; resource: string; reason: string }> = [];
  p.allows.forEach((s: Statement, i) => {
    const aps = s.actions ?? [`NotAction ${JSON.stringify(s.notActions ?? [])}`];
    const rs = s.resources ?? [`NotResource ${JSON.stringify(s.notResources ?? [])}`];
    aps.forEach((action, ap) => {
      rs.forEach((resource, j) => {
        if (u.pairUse.has(`${i}:${s.actions ? ap : -1}:${s.resources ? j : -1}`)) return;
        const reason = s.actions ? whyUnknowable(action, resource, u, coverage) : undefined;
        if (reason !== undefined) unknowable.push({ action, resource, reason });
        else unused.push({ action, resource });
      });
    });
  });
  return { unused, unknowable };
}

function whyUnknowable(pattern: string, resource: string, u: RoleUsage, coverage: DataEventCoverage): string | undefined {
  for (const action of expandAction(pattern)) {
    const why = unknowable(action, resource, u, coverage);
    if (why !== undefined) return why;
  }
  return undefined;
}
