/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character):
 * matching a concrete value, and proving that one pattern covers another.
 * Actions match case-insensitively, ARNs case-sensitively, as IAM does.
 */

const compiled = new Map<string, RegExp>();

function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? "i" : "c"}${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, re);
  }
  return re;
}

/** Whether the concrete `value` matches the IAM wildcard `pattern`. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return regexOf(pattern, ignoreCase).test(value);
}

/**
 * Whether every string `inner` matches is matched by `outer` too (sound: a
 * `true` is a proof; a `false` may only mean "not provable this way").
 * `outer`'s `*` may absorb any run of `inner`'s symbols, wildcards included;
 * `outer`'s `?` absorbs one literal or `?` of `inner`; a literal of `outer`
 * matches only the same literal.
 */
export function globCovers(outer: string, inner: string, ignoreCase = false): boolean {
  const o = ignoreCase ? outer.toLowerCase() : outer;
  const i = ignoreCase ? inner.toLowerCase() : inner;
  if (o === "*" || o === i) return true;
  // reach[k]: outer[0..p) can cover inner[0..k)
  let reach = new Array<boolean>(i.length + 1).fill(false);
  reach[0] = true;
  for (let p = 0; p < o.length; p++) {
    const c = o[p];
    const next = new Array<boolean>(i.length + 1).fill(false);
    if (c === "*") {
      let any = false;
      for (let k = 0; k <= i.length; k++) {
        any = any || (reach[k] as boolean);
        next[k] = any;
      }
    } else {
      for (let k = 0; k < i.length; k++) {
        if (!reach[k]) continue;
        const s = i[k];
        if (s === "*") continue;
        if (c === "?" || c === s) next[k + 1] = true;
      }
    }
    reach = next;
  }
  return reach[i.length] === true;
}

/** The six fields of an ARN (the resource field keeps its colons), or undefined when `value` is not one. */
function arnFields(value: string): string[] | undefined {
  const parts = value.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** Compares two resource strings the way IAM does: `*` matches all; ARNs field by field with `field`. */
function byArnField(outer: string, inner: string, field: (o: string, i: string) => boolean): boolean {
  if (outer === "*") return true;
  const o = arnFields(outer);
  const i = arnFields(inner);
  if (o === undefined || i === undefined) return field(outer, inner);
  return o.every((part, n) => field(part, i[n] as string));
}

/**
 * Whether IAM resource pattern `outer` covers `inner`. `*` covers everything;
 * ARNs are compared field by field (IAM matches each ARN field on its own),
 * so a proof never relies on a wildcard spanning fields.
 */
export function resourceCovers(outer: string, inner: string): boolean {
  if (inner === "*" && outer !== "*") return false;
  return byArnField(outer, inner, (o, i) => globCovers(o, i));
}

/** Whether IAM resource pattern `pattern` matches the concrete ARN `arn`. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return byArnField(pattern, arn, (o, i) => globMatches(o, i));
}

/** Whether action pattern `outer` covers action pattern `inner` (case-insensitive). */
export function actionCovers(outer: string, inner: string): boolean {
  return globCovers(outer, inner, true);
}

/** Whether action pattern `pattern` matches the concrete action `action` (case-insensitive). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}
