/**
 * An EventBridge event-pattern matcher: the guard evaluates alert rules with
 * it (ZSP011: does the rule fire on an AssumeRole of the break-glass role,
 * and not on another role's?) and the tests prove the constructs' patterns
 * with it. No maintained npm package offers EventBridge matching offline
 * (AWS's own is `TestEventPattern`, an API call), so this implements the
 * documented semantics
 * (EventBridge user guide, "Event patterns" and "Comparison operators"):
 *
 * - every field named in the pattern must be present in the event, and the
 *   fields of one object are ANDed;
 * - a list of matchers is ORed; a matcher applies to a scalar value, or to
 *   any element when the event value is a list;
 * - exact values (strings, numbers, booleans, null) compare with `===`;
 * - `{ prefix }`, `{ suffix }`, `{ "equals-ignore-case" }`, `{ wildcard }`
 *   (`*` = any run of characters; `\*` is not supported), `{ exists }`,
 *   `{ "anything-but": value | list | { prefix } | { suffix } | { wildcard } }`;
 * - `$or: [p1, p2, …]` matches when at least one sub-pattern matches the
 *   same object;
 * - a nested pattern over a list of objects matches when one element matches
 *   it as a whole (EventBridge flattens lists, which can also combine fields
 *   of different elements; our patterns never depend on that difference).
 *
 * Any other operator (`numeric`, `cidr`) throws an
 * {@link UnsupportedPatternError}: the guard reports what it cannot evaluate
 * (ZSP000), and a pattern that grows a new operator fails its tests until
 * this matcher learns it.
 */

/** A pattern this matcher cannot evaluate (an unsupported operator or a malformed pattern). */
export class UnsupportedPatternError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "UnsupportedPatternError";
  }
}

/** A JSON value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * True when `event` matches `pattern` (an EventBridge event pattern, parsed).
 * @throws UnsupportedPatternError for an operator or shape it does not evaluate
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new UnsupportedPatternError(`a pattern must be an object, got ${JSON.stringify(pattern)}`);
  return matchObject(pattern, event);
}

function matchObject(pattern: Record<string, unknown>, value: unknown): boolean {
  if (Array.isArray(value)) return value.some((element) => matchObject(pattern, element));
  if (!isObject(value)) return false;
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!Array.isArray(sub) || sub.length < 2) throw new UnsupportedPatternError("$or takes a list of at least two patterns");
      if (!sub.some((alternative) => isObject(alternative) && matchObject(alternative, value))) return false;
      continue;
    }
    const present = Object.prototype.hasOwnProperty.call(value, key);
    if (Array.isArray(sub)) {
      if (!matchLeaf(sub, present, value[key])) return false;
    } else if (isObject(sub)) {
      if (!present || !matchObject(sub, value[key])) return false;
    } else {
      throw new UnsupportedPatternError(`pattern field "${key}" must be a list of matchers or an object`);
    }
  }
  return true;
}

function matchLeaf(matchers: unknown[], present: boolean, value: unknown): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && "exists" in matcher) {
      return matcher.exists === (present && !isObject(value));
    }
    if (!present) return false;
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => matchScalar(matcher, v));
  });
}

function matchScalar(matcher: unknown, value: unknown): boolean {
  if (!isObject(matcher)) return matcher === value;
  const keys = Object.keys(matcher);
  if (keys.length !== 1) throw new UnsupportedPatternError(`a matcher has exactly one operator: ${JSON.stringify(matcher)}`);
  const op = keys[0] as string;
  const arg = matcher[op];
  switch (op) {
    case "prefix":
      return typeof arg === "string" && typeof value === "string" && value.startsWith(arg);
    case "wildcard":
      return typeof arg === "string" && typeof value === "string" && wildcardRegExp(arg).test(value);
    case "suffix":
      return typeof arg === "string" && typeof value === "string" && value.endsWith(arg);
    case "equals-ignore-case":
      return typeof arg === "string" && typeof value === "string" && value.toLowerCase() === arg.toLowerCase();
    case "anything-but": {
      if (isObject(arg)) return !matchScalar(arg, value);
      const excluded = Array.isArray(arg) ? arg : [arg];
      if (excluded.some((e) => isObject(e))) throw new UnsupportedPatternError("anything-but with a list of operators is not supported");
      return !excluded.includes(value);
    }
    default:
      throw new UnsupportedPatternError(`unsupported pattern operator "${op}"`);
  }
}

function wildcardRegExp(wildcard: string): RegExp {
  if (wildcard.includes("\\")) throw new UnsupportedPatternError("escaped wildcards are not supported");
  const body = wildcard.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${body}$`, "s");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
