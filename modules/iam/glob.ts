/**
 * IAM's two wildcards, as policy strings use them in `Action`, `Resource` and
 * `*Like` conditions: `*` matches any run of characters (also none), `?`
 * exactly one. Everything else is literal.
 */

const cache = new Map<string, RegExp>();

/**
 * The anchored regular expression of an IAM glob. Compiled once per
 * `(pattern, caseInsensitive)` and kept (policies repeat the same patterns
 * across thousands of roles).
 *
 * @param pattern - the glob, e.g. `iam:Put*` or `arn:aws:s3:::bucket/*`
 * @param caseInsensitive - true for action names (IAM matches them case-insensitively)
 */
export function globRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  const key = `${caseInsensitive ? "i" : "s"}${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
    re = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
    if (cache.size > 50_000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether `text` contains an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}
