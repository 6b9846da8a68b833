import { isRecord } from "./model";

/**
 * Reading a `terraform show -json` plan without building what it repeats.
 *
 * A plan holds most resources twice: `resource_changes[].change.after` and
 * `planned_values.root_module` (the same values, nested by module). The
 * guard reads a resource from `resource_changes` and takes from
 * `planned_values` only what `resource_changes` lacks (see `load-plan.ts`):
 * its outputs and resources without a change record, such as data sources
 * read while planning. {@link parsePlanText} therefore parses everything but
 * `planned_values`, looks at the addresses `planned_values` names, and
 * parses it (in full, or only its `outputs`) when it holds something new.
 * The model is the one `JSON.parse` of the whole text gives; only the
 * objects nobody reads are not built (about a third of a plan).
 *
 * Where the text is laid out otherwise than Terraform writes it, or anything
 * is in doubt, the whole text is parsed.
 */

/** The top-level key whose value is set aside. */
const PLANNED = '"planned_values":';
/**
 * The member after `planned_values` in Terraform's order (`resource_drift`,
 * when Terraform writes one, comes between: it is set aside with
 * `planned_values`; the guard does not read it). A plan without changes has
 * none, and is parsed whole.
 */
const NEXT = ',"resource_changes":';
/** How many places a cut is tried at before the whole text is parsed. */
const MAX_TRIES = 4;
/** Prefixes longer than this (huge `variables`) are not parsed twice: the whole text is parsed. */
const MAX_HEAD = 4 * 1024 * 1024;
/** A module instance path (`module.a`, `module.a["k"].module.b[0]`): `planned_values` names its child modules this way. */
const MODULE_PATH = /^module\.[^.[\]]+(?:\[[^\]]*\])?(?:\.module\.[^.[\]]+(?:\[[^\]]*\])?)*$/;
const ADDRESS_KEY = '"address":"';

/**
 * `JSON.parse(text)` for a plan, except that `planned_values` is parsed only
 * as far as it adds to `resource_changes`: when every resource it lists has
 * a change record, the result's `planned_values` holds only its `outputs`.
 * Any other JSON document is parsed as it is.
 *
 * @throws SyntaxError as `JSON.parse` does, when `text` is not JSON.
 */
export function parsePlanText(text: string): unknown {
  return withoutRepeats(text) ?? (JSON.parse(text) as unknown);
}

function withoutRepeats(text: string): unknown {
  if (!text.startsWith('{"format_version"')) return undefined;
  const p = text.indexOf(PLANNED);
  if (p < 0 || p > MAX_HEAD) return undefined;
  // `planned_values` must be a member of the top-level object: the text before it is then an object's start and whole members.
  const head = text.slice(0, p);
  if (!head.endsWith(",") || !isRecord(tryParse(`${head.slice(0, -1)}}`))) return undefined;
  const start = p + PLANNED.length;
  // Where planned_values may end: before resource_changes, nearest first (one key: a key absent from the text costs a scan of all of it).
  for (const q of occurrences(text, NEXT, start)) {
    // A cut inside planned_values leaves brackets open, and the parse fails: the cut that parses is where its value ends.
    const rest = tryParse(head + text.slice(q + 1));
    if (!isRecord(rest) || "planned_values" in rest) continue;
    const planned = text.slice(start, q);
    const kept = plannedKept(planned, changedAddresses(rest));
    if (kept === undefined) return undefined;
    rest.planned_values = kept;
    return rest;
  }
  return undefined;
}

/** The addresses with a change record (`resource_changes`, `deferred_changes`). */
function changedAddresses(plan: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const add = (rc: unknown): void => {
    if (isRecord(rc) && typeof rc.address === "string") out.add(rc.address);
  };
  const changes: unknown[] = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  for (let i = 0; i < changes.length; i++) add(changes[i]); // indexed: a one-off loop over 50,000 changes runs unoptimised at first, and for-of allocates per step there
  if (Array.isArray(plan.deferred_changes)) for (const d of plan.deferred_changes) add(isRecord(d) ? d.resource_change : undefined);
  return out;
}

/**
 * What of `planned_values` (its value's text) the guard reads: all of it
 * when it lists a resource without a change record (or cannot be told),
 * else only its outputs. Undefined when the text does not parse as expected.
 */
function plannedKept(planned: string, changed: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (addresses(planned).some((a) => a === undefined || (!changed.has(a) && !MODULE_PATH.test(a)))) return parsedRecord(planned);
  if (planned.startsWith('{"root_module":') || planned === "{}") return {};
  if (!planned.startsWith('{"outputs":')) return parsedRecord(planned);
  for (const q of occurrences(planned, ',"root_module":', 0)) {
    const outputs = tryParse(`${planned.slice(0, q)}}`);
    if (isRecord(outputs)) return outputs;
  }
  return parsedRecord(planned);
}

/** The first {@link MAX_TRIES} places of `key` in `text` from `from`, each searched for only when the one before did not do. */
function* occurrences(text: string, key: string, from: number): Generator<number> {
  let i = text.indexOf(key, from);
  for (let n = 0; i >= 0 && n < MAX_TRIES; n++) {
    yield i;
    i = text.indexOf(key, i + 1);
  }
}

/**
 * Every `"address"` member's string in `text` (JSON text), in order;
 * undefined for one that cannot be read. Inside a JSON string a quote is
 * escaped, so `"address":"` occurs only as a member name.
 */
function addresses(text: string): Array<string | undefined> {
  const out: Array<string | undefined> = [];
  for (let i = text.indexOf(ADDRESS_KEY); i >= 0; i = text.indexOf(ADDRESS_KEY, i + 1)) {
    const from = i + ADDRESS_KEY.length;
    let end = text.indexOf('"', from);
    while (end > 0 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
    if (end < 0) return [undefined];
    const raw = text.slice(from, end);
    out.push(raw.includes("\\") ? stringOf(tryParse(`"${raw}"`)) : raw);
    i = end;
  }
  return out;
}

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
function isEscaped(text: string, at: number): boolean {
  let n = 0;
  while (text.charCodeAt(at - 1 - n) === 92) n++;
  return n % 2 === 1;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function parsedRecord(text: string): Record<string, unknown> | undefined {
  const v = tryParse(text);
  return isRecord(v) ? v : undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
