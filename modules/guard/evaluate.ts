import { Expr, Step } from "./hcl-expr";
import { callFunction } from "./hcl-functions";
import { Unknown, Value, asText, hasUnknown, isObject, unknownOf } from "./hcl-value";

export { Unknown, Value, finish, hasUnknown, isObject } from "./hcl-value";

/** Where the evaluator looks up names that are not bound by a `for` expression. */
export interface Scope {
  /**
   * The value of root name `name` (`var`, `local`, a resource type, `data`,
   * `count`, ...) followed by `steps`; returns the value and how many steps
   * it consumed (the evaluator applies the rest). `key` evaluates an index.
   */
  resolve(name: string, steps: readonly Step[], key: (e: Expr) => Value, src: string): { readonly value: Value; readonly used: number };
}

/**
 * Evaluates `e` in `scope`: what is known is computed, the rest is
 * {@link Unknown}. Never throws on what the input holds.
 */
export function evaluate(e: Expr, scope: Scope, bound: ReadonlyMap<string, Value> = new Map()): Value {
  const ev = (x: Expr): Value => evaluate(x, scope, bound);
  switch (e.kind) {
    case "literal":
      return e.value;
    case "template":
      return template(e, ev);
    case "tuple":
      return e.items.map(ev);
    case "object": {
      const out: Record<string, Value> = {};
      for (const [k, v] of e.items) {
        const key = ev(k);
        const text = asText(key);
        if (text === undefined) return unknownOf(e);
        out[text] = ev(v);
      }
      return out;
    }
    case "variable":
      return bound.has(e.name) ? bound.get(e.name) : scope.resolve(e.name, [], ev, e.src).value;
    case "traverse": {
      let value: Value;
      let rest: readonly Step[] = e.steps;
      if (e.target.kind === "variable" && !bound.has(e.target.name)) {
        const r = scope.resolve(e.target.name, e.steps, ev, e.src);
        value = r.value;
        rest = e.steps.slice(r.used);
      } else value = ev(e.target);
      return applySteps(value, rest, ev, e);
    }
    case "call":
      return callFunction(e, ev);
    case "conditional": {
      const c = ev(e.cond);
      if (typeof c !== "boolean") return unknownOf(e);
      return ev(c ? e.then : e.else);
    }
    case "unary": {
      const v = ev(e.operand);
      if (e.op === "!") return typeof v === "boolean" ? !v : unknownOf(e);
      return typeof v === "number" ? -v : unknownOf(e);
    }
    case "binary":
      return binary(e, ev(e.left), ev(e.right));
    case "for":
      return forExpr(e, scope, bound);
  }
}

function template(e: Expr & { kind: "template" }, ev: (x: Expr) => Value): Value {
  let text = "";
  let known = true;
  for (const part of e.parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const v = ev(part);
    const t = asText(v);
    if (t !== undefined) text += t;
    else {
      known = false;
      text += v instanceof Unknown ? v.shown : `\${${part.src}}`;
    }
  }
  return known ? text : new Unknown(text);
}

/** Applies traversal steps to a value; a step into an unknown or a missing key is unknown. */
export function applySteps(value: Value, steps: readonly Step[], ev: (x: Expr) => Value, whole: Expr): Value {
  let v = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    if (v instanceof Unknown) return unknownOf(whole);
    if (step.kind === "splat") {
      if (v === null) return [];
      const list = Array.isArray(v) ? v : [v];
      const rest = steps.slice(i + 1);
      return list.map((x) => applySteps(x, rest, ev, whole));
    }
    const key = step.kind === "attr" ? step.name : ev(step.key);
    if (key instanceof Unknown) return unknownOf(whole);
    if (Array.isArray(v) && typeof key === "number" && Number.isInteger(key) && key >= 0 && key < v.length) v = v[key];
    else if (Array.isArray(v) && typeof key === "string" && /^[0-9]+$/.test(key) && Number(key) < v.length) v = v[Number(key)];
    else if (isObject(v) && (typeof key === "string" || typeof key === "number") && Object.prototype.hasOwnProperty.call(v, String(key))) v = v[String(key)];
    else return unknownOf(whole);
  }
  return v;
}

function binary(e: Expr & { kind: "binary" }, l: Value, r: Value): Value {
  if (e.op === "&&" || e.op === "||") {
    // Short-circuit on a known side when it decides the result.
    if (e.op === "&&" && (l === false || r === false)) return false;
    if (e.op === "||" && (l === true || r === true)) return true;
    return typeof l === "boolean" && typeof r === "boolean" ? (e.op === "&&" ? l && r : l || r) : unknownOf(e);
  }
  if (hasUnknown(l) || hasUnknown(r)) return unknownOf(e);
  if (e.op === "==" || e.op === "!=") return (JSON.stringify(l) === JSON.stringify(r)) === (e.op === "==");
  const a = typeof l === "string" && l.trim() !== "" ? Number(l) : l;
  const b = typeof r === "string" && r.trim() !== "" ? Number(r) : r;
  if (typeof a !== "number" || typeof b !== "number" || Number.isNaN(a) || Number.isNaN(b)) return unknownOf(e);
  switch (e.op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return b === 0 ? unknownOf(e) : a / b;
    case "%": return b === 0 ? unknownOf(e) : a % b;
    case "<": return a < b;
    case ">": return a > b;
    case "<=": return a <= b;
    default: return a >= b;
  }
}

function forExpr(e: Expr & { kind: "for" }, scope: Scope, bound: ReadonlyMap<string, Value>): Value {
  const coll = evaluate(e.collection, scope, bound);
  if (coll instanceof Unknown || (!Array.isArray(coll) && !isObject(coll))) return unknownOf(e);
  const entries: Array<[Value, Value]> = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.keys(coll).sort().map((k) => [k, coll[k]]);
  const list: Value[] = [];
  const obj: Record<string, Value> = {};
  for (const [k, v] of entries) {
    const inner = new Map(bound);
    inner.set(e.valueVar, v);
    if (e.keyVar !== undefined) inner.set(e.keyVar, k);
    if (e.cond) {
      const c = evaluate(e.cond, scope, inner);
      if (typeof c !== "boolean") return unknownOf(e);
      if (!c) continue;
    }
    const value = evaluate(e.value, scope, inner);
    if (!e.object) {
      list.push(value);
      continue;
    }
    const key = asText(evaluate(e.key as Expr, scope, inner));
    if (key === undefined) return unknownOf(e);
    if (e.group) ((obj[key] ??= []) as Value[]).push(value);
    else if (key in obj) return unknownOf(e); // duplicate keys are an error in Terraform
    else obj[key] = value;
  }
  return e.object ? obj : list;
}
