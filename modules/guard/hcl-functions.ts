import { Unknown, Value, asText, finish, hasUnknown, isObject, unknownOf } from "./hcl-value";
import type { Expr } from "./hcl-expr";

type Fn = (args: Value[]) => Value;

/** Thrown inside a function when Terraform would fail: the call is unknown. */
class Invalid extends Error {}

const str = (v: Value): string => {
  const t = asText(v);
  if (t === undefined) throw new Invalid();
  return t;
};
const num = (v: Value): number => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || Number.isNaN(n)) throw new Invalid();
  return n;
};
const list = (v: Value): Value[] => {
  if (Array.isArray(v)) return v;
  throw new Invalid();
};
const obj = (v: Value): Record<string, Value> => {
  if (isObject(v)) return v;
  throw new Invalid();
};

/** Terraform's `jsonencode`: object keys sorted, as cty encodes them. */
function jsonText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonText).join(",")}]`;
  if (typeof v === "object" && v !== null) {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${jsonText(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** Terraform's `format` verbs the guard needs: %s %d %v %q %f %t %%, with no flags. */
function format(spec: string, args: Value[]): string {
  let i = 0;
  return spec.replace(/%(%|[sdvqft])/g, (_m, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) throw new Invalid();
    const a = args[i++];
    if (verb === "d") return String(Math.trunc(num(a)));
    if (verb === "q") return JSON.stringify(str(a));
    if (verb === "v" && (Array.isArray(a) || isObject(a) || a === null)) return jsonText(a);
    return str(a);
  });
}

/** Terraform's `replace`: a substring, or a regular expression written `/re/`. */
function replace(s: string, find: string, by: string): string {
  if (find.length > 1 && find.startsWith("/") && find.endsWith("/")) {
    let re: RegExp;
    try {
      re = new RegExp(find.slice(1, -1), "g");
    } catch {
      throw new Invalid();
    }
    return s.replace(re, by.replace(/\$\{(\w+)\}/g, "$$<$1>"));
  }
  return find === "" ? s : s.split(find).join(by);
}

/** `toset`: duplicates removed; a set of strings lists in lexical order, as Terraform does. */
function toSet(v: Value[]): Value[] {
  const seen = new Map<string, Value>();
  for (const x of v) seen.set(jsonText(x), x);
  const out = [...seen.values()];
  return out.every((x) => typeof x === "string") ? (out as string[]).sort() : out;
}

function trimChars(s: string, chars: string, start: boolean, end: boolean): string {
  let a = 0;
  let b = s.length;
  while (start && a < b && chars.includes(s[a] as string)) a++;
  while (end && b > a && chars.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** Functions whose arguments must be wholly known. */
const STRICT: Readonly<Record<string, Fn>> = {
  replace: ([s, f, r]) => replace(str(s), str(f), str(r)),
  format: ([spec, ...rest]) => format(str(spec), rest),
  formatlist: ([spec, ...rest]) => {
    const n = Math.max(0, ...rest.map((r) => (Array.isArray(r) ? r.length : 0)));
    return Array.from({ length: n }, (_x, i) => format(str(spec), rest.map((r) => (Array.isArray(r) ? r[i] : r))));
  },
  join: ([sep, ...lists]) => lists.flatMap(list).map(str).join(str(sep)),
  split: ([sep, s]) => str(s).split(str(sep)),
  lower: ([s]) => str(s).toLowerCase(),
  upper: ([s]) => str(s).toUpperCase(),
  title: ([s]) => str(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([s]) => str(s).trim(),
  chomp: ([s]) => str(s).replace(/(\r?\n)+$/, ""),
  trim: ([s, c]) => trimChars(str(s), str(c), true, true),
  trimprefix: ([s, p]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)),
  trimsuffix: ([s, p]) => (str(p) !== "" && str(s).endsWith(str(p)) ? str(s).slice(0, -str(p).length) : str(s)),
  substr: ([s, o, l]) => {
    const t = [...str(s)];
    const off = num(o) < 0 ? t.length + num(o) : num(o);
    return t.slice(off, num(l) < 0 ? undefined : off + num(l)).join("");
  },
  startswith: ([s, p]) => str(s).startsWith(str(p)),
  endswith: ([s, p]) => str(s).endsWith(str(p)),
  strcontains: ([s, p]) => str(s).includes(str(p)),
  contains: ([l, v]) => list(l).some((x) => jsonText(x) === jsonText(v)),
  distinct: ([l]) => [...new Map(list(l).map((x) => [jsonText(x), x])).values()],
  sort: ([l]) => list(l).map(str).sort(),
  toset: ([l]) => toSet(list(l)),
  tostring: ([v]) => (v === null ? null : str(v)),
  tonumber: ([v]) => (v === null ? null : num(v)),
  tobool: ([v]) => {
    if (v === null || typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw new Invalid();
  },
  jsondecode: ([s]) => {
    try {
      return JSON.parse(str(s)) as unknown;
    } catch {
      throw new Invalid();
    }
  },
  base64encode: ([s]) => Buffer.from(str(s), "utf8").toString("base64"),
  base64decode: ([s]) => Buffer.from(str(s), "base64").toString("utf8"),
  min: (args) => Math.min(...args.map(num)),
  max: (args) => Math.max(...args.map(num)),
  abs: ([n]) => Math.abs(num(n)),
  ceil: ([n]) => Math.ceil(num(n)),
  floor: ([n]) => Math.floor(num(n)),
};

/** Functions that only rearrange values: their known structure survives unknown parts. */
const STRUCTURAL: Readonly<Record<string, Fn>> = {
  tolist: ([l]) => list(l),
  tomap: ([m]) => obj(m),
  concat: (lists) => lists.flatMap(list),
  merge: (maps) => Object.assign({}, ...maps.filter((m) => m !== null).map(obj)) as Record<string, Value>,
  flatten: ([l]) => {
    const out: Value[] = [];
    const walk = (v: Value[], depth: number): void => {
      if (depth > 32) throw new Invalid();
      for (const x of v) {
        if (x instanceof Unknown) throw new Invalid();
        if (Array.isArray(x)) walk(x, depth + 1);
        else out.push(x);
      }
    };
    walk(list(l), 0);
    return out;
  },
  length: ([v]) => (Array.isArray(v) ? v.length : isObject(v) ? Object.keys(v).length : [...str(v)].length),
  element: ([l, i]) => {
    const xs = list(l);
    if (xs.length === 0) throw new Invalid();
    return xs[((Math.trunc(num(i)) % xs.length) + xs.length) % xs.length];
  },
  lookup: ([m, k, d]) => {
    const o = obj(m);
    const key = str(k);
    if (Object.prototype.hasOwnProperty.call(o, key)) return o[key];
    if (d === undefined) throw new Invalid();
    return d;
  },
  keys: ([m]) => Object.keys(obj(m)).sort(),
  values: ([m]) => {
    const o = obj(m);
    return Object.keys(o).sort().map((k) => o[k]);
  },
  zipmap: ([k, v]) => {
    const ks = list(k).map(str);
    const vs = list(v);
    if (ks.length !== vs.length) throw new Invalid();
    return Object.fromEntries(ks.map((key, i) => [key, vs[i]]));
  },
  compact: ([l]) => list(l).filter((x) => {
    if (x instanceof Unknown) throw new Invalid();
    return x !== null && x !== "";
  }),
  reverse: ([l]) => [...list(l)].reverse(),
  slice: ([l, a, b]) => list(l).slice(num(a), num(b)),
  one: ([l]) => {
    const xs = list(l);
    if (xs.length > 1) throw new Invalid();
    return xs.length === 0 ? null : xs[0];
  },
  coalesce: (args) => {
    for (const a of args) {
      if (a instanceof Unknown) throw new Invalid();
      if (a !== null && a !== "") return a;
    }
    throw new Invalid();
  },
  coalescelist: (args) => {
    for (const a of args) if (list(a).length > 0) return a;
    throw new Invalid();
  },
};

/** Names of the functions the evaluator computes (the rest are unknown). */
export const FUNCTIONS: readonly string[] = ["jsonencode", "try", ...Object.keys(STRICT), ...Object.keys(STRUCTURAL)].sort();

/**
 * Calls the Terraform function of `e` on its evaluated arguments. Unknown
 * when the function is not one of {@link FUNCTIONS}, when an argument it
 * inspects is unknown, or when Terraform would fail.
 */
export function callFunction(e: Expr & { kind: "call" }, ev: (x: Expr) => Value): Value {
  const name = e.name.replace(/^core::/, "");
  let args = e.args.map(ev);
  if (e.expand) {
    const last = args[args.length - 1];
    if (!Array.isArray(last)) return unknownOf(e);
    args = [...args.slice(0, -1), ...last];
  }
  if (name === "jsonencode") {
    if (args.length !== 1 || args[0] instanceof Unknown) return unknownOf(e);
    // Known structure with unknown leaves: the JSON text, each unknown leaf shown as its `${...}` source.
    const text = jsonText(finish(args[0]));
    return hasUnknown(args[0]) ? new Unknown(text) : text;
  }
  if (name === "try") {
    // An unknown first argument might be an error Terraform would skip: only a known one decides.
    const first = args[0];
    return first !== undefined && !hasUnknown(first) ? first : unknownOf(e);
  }
  const strict = Object.prototype.hasOwnProperty.call(STRICT, name) ? STRICT[name] : undefined;
  const structural = Object.prototype.hasOwnProperty.call(STRUCTURAL, name) ? STRUCTURAL[name] : undefined;
  const fn = strict ?? structural;
  if (!fn || (strict && args.some(hasUnknown)) || args.some((a) => a instanceof Unknown)) return unknownOf(e);
  try {
    const out = fn(args);
    return out === undefined ? unknownOf(e) : out;
  } catch (err) {
    if (err instanceof Invalid || err instanceof RangeError || err instanceof TypeError) return unknownOf(e);
    throw err;
  }
}
