import { ConditionTest, Statement } from "../../modules/guard/policy";
import { RolePermissions } from "./grants";
import { actionCovers, actionMatches, resourceCovers } from "./patterns";
import { Proposal, ProposedGrant } from "./propose";
import { RoleUsage, grantsAction } from "./usage";

/**
 * The proof that a proposal grants nothing new and still allows what was
 * used, checked from the current statements and the evidence alone (not from
 * how the proposal was made):
 *
 * 1. every (action, resource) pattern pair of every proposed Allow lies within
 *    one current Allow statement (action pattern covered, resource pattern
 *    covered field by field), and the proposed statement carries every
 *    condition of that statement unchanged (conditions no looser);
 * 2. the current Deny statements stay (the proposal only replaces Allows) and
 *    `denyUnless` only adds Denies;
 * 3. every observed allowed call that the current statements grant is granted
 *    by a proposed statement carrying the conditions it passed, and meets
 *    `denyUnless` (its region, VPC endpoint or source address is listed).
 */

/** The outcome. */
export interface ProofResult {
  /** True when every check held. */
  readonly proved: boolean;
  /** What failed, one line each. */
  readonly failures: readonly string[];
  /** How many (action, resource) pairs and observed uses were checked. */
  readonly checked: { readonly pairs: number; readonly observed: number };
}

/** Whether `p` keeps every condition test of `s` (same operator, key and values). */
export function conditionsNoLooser(p: readonly ConditionTest[], s: readonly ConditionTest[]): boolean {
  const norm = (c: ConditionTest): string => JSON.stringify([c.operator, c.key, [...c.values].sort()]);
  const have = new Set(p.map(norm));
  return s.every((c) => have.has(norm(c)));
}

/** Whether `s` grants every string of action pattern `a` on every resource of pattern `r`, under conditions `p` keeps. */
function within(s: Statement, a: string, r: string, conditions: readonly ConditionTest[]): boolean {
  if (s.actions === undefined || s.resources === undefined) return false;
  return s.actions.some((sa) => actionCovers(sa, a)) && s.resources.some((sr) => resourceCovers(sr, r)) && conditionsNoLooser(conditions, s.conditions);
}

function grantsCall(g: ProposedGrant, action: string, arnPattern: string): boolean {
  return g.actions.some((a) => actionMatches(a, action)) && g.resources.some((r) => resourceCovers(r, arnPattern));
}

/** Checks a proposal against the current permissions and the usage evidence. */
export function prove(current: RolePermissions, proposal: Proposal, usage: RoleUsage): ProofResult {
  const failures: string[] = [];
  let pairs = 0;
  let observed = 0;
  // 1. Nothing new.
  for (const g of proposal.grants) {
    for (const a of g.actions) {
      for (const r of g.resources) {
        pairs++;
        if (!current.allows.some((s) => within(s, a, r, g.conditions))) {
          failures.push(`${a} on ${r} is not within one current Allow statement with the same conditions`);
        }
      }
    }
  }
  // 2. Denies: the proposal replaces Allow statements only, so current Denies stay by construction; denyUnless adds Denies.
  // 3. Every observed allowed call the current statements grant is still granted.
  const allowsOf = (i: number): Statement | undefined => current.allows[i];
  for (const [key, use] of usage.resourceUse) {
    const [i, , action] = splitKey(key);
    const s = allowsOf(i);
    if (s === undefined) continue;
    const arns: string[] = use.more ? [`${use.prefix}*`] : [...use.sample];
    for (const arn of arns) {
      observed++;
      const kept = proposal.grants.some((g) => grantsCall(g, action, arn) && conditionsNoLooser(s.conditions, g.conditions) && conditionsNoLooser(g.conditions, s.conditions));
      if (!kept) failures.push(`observed ${action} on ${arn} would no longer be allowed`);
    }
  }
  for (const [key] of usage.unknownResource) {
    const colon = key.indexOf(":");
    const i = Number(key.slice(0, colon));
    const action = key.slice(colon + 1);
    const s = allowsOf(i);
    if (s === undefined || grantsAction(s, action) === undefined) continue;
    for (const sr of s.resources ?? ["*"]) {
      observed++;
      if (!proposal.grants.some((g) => g.actions.some((a) => actionMatches(a, action)) && g.resources.some((r) => resourceCovers(r, sr)) && conditionsNoLooser(g.conditions, s.conditions))) {
        failures.push(`${action} was used on a resource the logs do not name, but is no longer granted on all of ${sr}`);
      }
    }
  }
  const d = proposal.denyUnless;
  if (d.regions !== undefined) {
    for (const region of usage.regions.counts.keys()) {
      if (!d.regions.includes(region)) failures.push(`observed calls in ${region || "(no region)"} would be denied by denyUnless.regions`);
    }
    if (usage.regions.overflow > 0) failures.push("more regions were observed than were kept: denyUnless.regions cannot be checked");
  }
  if (d.sourceIp !== undefined || d.sourceVpce !== undefined) {
    for (const vpce of usage.vpces.counts.keys()) {
      if (!(d.sourceVpce ?? []).includes(vpce)) failures.push(`observed calls through ${vpce} would be denied by denyUnless`);
    }
    for (const ip of usage.sourceIps.counts.keys()) {
      if (!(d.sourceIp ?? []).some((cidr) => inCidr(ip, cidr))) failures.push(`observed calls from ${ip} would be denied by denyUnless`);
    }
    if (usage.sourceIps.overflow > 0 || usage.vpces.overflow > 0) failures.push("more networks were observed than were kept: denyUnless networks cannot be checked");
  }
  return { proved: failures.length === 0, failures, checked: { pairs, observed } };
}

function splitKey(key: string): [number, number, string] {
  const a = key.indexOf(":");
  const b = key.indexOf(":", a + 1);
  return [Number(key.slice(0, a)), Number(key.slice(a + 1, b)), key.slice(b + 1)];
}

/** Whether IPv4/IPv6 address `ip` lies in `cidr` (only exact host CIDRs and IPv4 prefixes are understood). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const bits = Number(bitsText);
  if (base === undefined) return false;
  const v4 = (s: string): number | undefined => {
    const parts = s.split(".").map(Number);
    return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n < 256) ? parts.reduce((acc, n) => acc * 256 + n, 0) : undefined;
  };
  const a = v4(ip);
  const b = v4(base);
  if (a !== undefined && b !== undefined) {
    const size = 2 ** (32 - bits);
    return Math.floor(a / size) === Math.floor(b / size);
  }
  return ip.toLowerCase() === base.toLowerCase() && (bits === 128 || Number.isNaN(bits));
}

