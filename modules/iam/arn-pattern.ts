import { globRegExp, hasWildcard } from "./glob";

/**
 * ARN patterns as identity policies use them in `Resource` / `NotResource`:
 * `*`, or `arn:partition:service:region:account:resource` where each field
 * may hold `*` / `?` globs. As IAM (and `@cloud-copilot/iam-simulate`) does:
 * the partition, service, region and account fields are matched field by
 * field (a wildcard never spans a `:` there) and ignoring case; the resource
 * part is matched case-sensitively and a `*` in it spans `/` and `:`. A
 * pattern with fewer than six fields is padded with `*` fields (identity
 * policies). IAM policy variables (`${aws:username}`) are read as `*`: they
 * can match something, and which thing depends on the request.
 */

interface SplitArn {
  readonly fields: readonly [string, string, string, string];
  readonly resource: string;
}

function split(text: string, pad: boolean): SplitArn | undefined {
  const parts = text.split(":");
  if (parts[0] !== "arn" && !(pad && hasWildcard(parts[0] ?? ""))) return undefined;
  if (parts.length < 6) {
    if (!pad) return undefined;
    while (parts.length < 6) parts.push("*");
  }
  return { fields: [parts[1] ?? "", parts[2] ?? "", parts[3] ?? "", parts[4] ?? ""], resource: parts.slice(5).join(":") };
}

/** `${aws:username}` and the other IAM policy variables, read as `*`. */
function variablesAsWildcards(pattern: string): string {
  return pattern.includes("${") ? pattern.replace(/\$\{[^}]*\}/g, "*") : pattern;
}

/**
 * Whether the resource pattern `pattern` (an identity policy's `Resource`
 * entry) matches the concrete resource ARN `arn`.
 *
 * @param pattern - e.g. `arn:aws:s3:::acme-reports/nightly/*` or `*`
 * @param arn - e.g. `arn:aws:s3:::acme-reports/nightly/2026-12-01.csv`
 */
export function arnMatches(pattern: string, arn: string): boolean {
  return arnMatcher(pattern)(arn);
}

/**
 * {@link arnMatches} for one pattern and many ARNs: the pattern is split and
 * its globs compiled once (testing every role of a large input against one
 * `role/*` pattern).
 *
 * @param pattern - e.g. `arn:aws:iam::111122223333:role/*` or `*`
 */
export function arnMatcher(pattern: string): (arn: string) => boolean {
  if (pattern === "*") return () => true;
  const p = split(variablesAsWildcards(pattern), true);
  if (!p) return () => false;
  const fields = p.fields.map((f) => globRegExp(f, true));
  const resource = globRegExp(p.resource, false);
  return (arn: string): boolean => {
    const a = split(arn, false);
    if (!a) return false;
    for (let i = 0; i < 4; i++) {
      if (!(fields[i] as RegExp).test(a.fields[i] as string)) return false;
    }
    return resource.test(a.resource);
  };
}

/**
 * Whether every ARN the pattern `specific` can match is matched by `general`
 * (`arn:aws:s3:::b/*` covers `arn:aws:s3:::b/x/*`; `*` covers everything).
 * Sound, not complete: true only when it can be shown field by field, so a
 * "grants nothing new" proof built on it never overstates coverage.
 *
 * @param general - the wider pattern
 * @param specific - the pattern that should lie inside it
 */
export function arnPatternCovers(general: string, specific: string): boolean {
  if (general === "*") return true;
  if (specific === "*") return false;
  const g = split(variablesAsWildcards(general), true);
  const s = split(specific, true);
  if (!g || !s || specific.includes("${")) return false;
  for (let i = 0; i < 4; i++) {
    if (!globCovers((g.fields[i] as string).toLowerCase(), (s.fields[i] as string).toLowerCase())) return false;
  }
  return globCovers(g.resource, s.resource);
}

/**
 * Whether every string the glob `s` matches is matched by the glob `g`: a
 * `*` of `g` absorbs any run of `s` (wildcards included); a `?` of `g`
 * absorbs one literal or `?`; a `*` of `s` can only be absorbed by a `*` of `g`.
 */
export function globCovers(g: string, s: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (s.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === g.length) r = j === s.length;
    else if (g[i] === "*") r = go(i + 1, j) || (j < s.length && go(i, j + 1));
    else if (j === s.length || s[j] === "*") r = false;
    else if (g[i] === "?") r = go(i + 1, j + 1);
    else r = s[j] !== "?" && g[i] === s[j] && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}
