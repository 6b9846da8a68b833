import { Scope, Unknown, Value, evaluate, finish } from "./evaluate";
import { HclSyntaxError, Step, parseTemplate } from "./hcl-expr";
import { UNKNOWN, isRecord } from "./model";

/** How many references may be followed inside one another (`local.a` → `local.b` → ...) before the value counts as unknown. */
export const MAX_REFERENCE_DEPTH = 100;

/** A resource or data source as written, for references to its literal attributes. */
export interface WrittenResource {
  /** Its arguments as written. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Whether it has `count` or `for_each` (references index an instance). */
  readonly counted: boolean;
}

/** What a configuration's expressions may refer to. */
export interface ConfigInputs {
  /** Variable values: the var-file's, else the default; absent names are unknown. */
  readonly variables: ReadonlyMap<string, unknown>;
  /** `locals` as written. */
  readonly locals: ReadonlyMap<string, unknown>;
  /** Resources (`type.name`) and data sources (`data.type.name`) as written. */
  readonly resources: ReadonlyMap<string, WrittenResource>;
}

/**
 * The values of one root module's configuration: evaluates written JSON
 * values (every string is a template) against variables, locals and the
 * literal attributes of resources, lazily, each reference once, cycles and
 * over-deep reference chains unknown.
 */
export class ConfigScope implements Scope {
  private readonly cache = new Map<string, Value>();
  private readonly active = new Set<string>();

  public constructor(private readonly inputs: ConfigInputs) {}

  /** A written value evaluated, as plain data: unknown parts are `${...}` strings. */
  public evaluated(raw: unknown): unknown {
    return finish(this.value(raw));
  }

  /** A written value evaluated; unknown parts are {@link Unknown}. */
  public value(raw: unknown): Value {
    if (typeof raw === "string") return this.text(raw);
    if (raw instanceof Unknown) return raw;
    if (Array.isArray(raw)) return raw.map((x) => this.value(x));
    if (!isRecord(raw)) return raw;
    const out: Record<string, Value> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k === "//") continue;
      const key = k.includes("${") ? this.text(k) : k;
      out[key instanceof Unknown ? key.shown : typeof key === "string" ? key : String(key)] = this.value(v);
    }
    return out;
  }

  /** A `local.<name>` value. */
  public local(name: string): Value {
    return this.memo(`local.${name}`, () => (this.inputs.locals.has(name) ? this.value(this.inputs.locals.get(name)) : new Unknown(`\${local.${name}}`)));
  }

  /** Attribute `attr` of the resource at `address` (`type.name` or `data.type.name`), when written literally. */
  public attribute(address: string, attr: string): Value {
    return this.memo(`${address}\u0000${attr}`, () => {
      const r = this.inputs.resources.get(address);
      return r && Object.prototype.hasOwnProperty.call(r.body, attr) ? this.value(r.body[attr]) : new Unknown(`\${${address}.${attr}}`);
    });
  }

  public resolve(name: string, steps: readonly Step[], _key: unknown, src: string): { value: Value; used: number } {
    const unknown = { value: new Unknown(`\${${src}}`), used: steps.length };
    const attr = (i: number): string | undefined => {
      const s = steps[i];
      return s?.kind === "attr" ? s.name : undefined;
    };
    if (name === "var") {
      const v = attr(0);
      return v !== undefined && this.inputs.variables.has(v) ? { value: this.inputs.variables.get(v), used: 1 } : unknown;
    }
    if (name === "local") {
      const v = attr(0);
      return v !== undefined ? { value: this.local(v), used: 1 } : unknown;
    }
    const isData = name === "data";
    const type = isData ? attr(0) : name;
    const rname = attr(isData ? 1 : 0);
    if (type === undefined || rname === undefined) return unknown;
    const address = `${isData ? "data." : ""}${type}.${rname}`;
    const r = this.inputs.resources.get(address);
    if (!r) return unknown;
    let i = isData ? 2 : 1;
    // An instance of a counted resource: every instance has the attributes written literally (per-instance ones use count/each, unknown here).
    if (r.counted) {
      if (steps[i]?.kind !== "index") return unknown;
      i++;
    }
    const a = attr(i);
    return a === undefined ? unknown : { value: this.attribute(address, a), used: i + 1 };
  }

  private text(raw: string): Value {
    if (!raw.includes("${") && !raw.includes("%{")) return raw;
    try {
      return evaluate(parseTemplate(raw), this);
    } catch (e) {
      if (e instanceof HclSyntaxError) return new Unknown(raw.includes("${") ? raw : UNKNOWN);
      throw e;
    }
  }

  private memo(key: string, compute: () => Value): Value {
    if (this.cache.has(key)) return this.cache.get(key);
    if (this.active.has(key) || this.active.size >= MAX_REFERENCE_DEPTH) return new Unknown(`\${${key.replace("\u0000", ".")}}`);
    this.active.add(key);
    try {
      const v = compute();
      this.cache.set(key, v);
      return v;
    } finally {
      this.active.delete(key);
    }
  }
}
