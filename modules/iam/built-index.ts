import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The data indexes `npm run build` writes next to the compiled IAM modules
 * (`scripts/iam-catalogue.js`, `scripts/managed-policies.js`): a JSON header
 * line, then one JSON array per line whose first element is its key (a
 * service prefix, a policy name). Opened at the first lookup, never at
 * start-up; a line is parsed only when its key is asked for.
 */
export interface BuiltIndex {
  /** The header line, parsed. */
  readonly header: Readonly<Record<string, unknown>>;
  /** The line of `key` (lower-case), parsed; undefined when the index has none. */
  line(key: string): unknown[] | undefined;
}

/** Where a built index is: next to this module (dist), or in the build output when run from source (tests). */
function locate(name: string): string | undefined {
  const here = join(__dirname, name);
  if (existsSync(here)) return here;
  const built = join(__dirname, "..", "..", "dist", "modules", "iam", name);
  return existsSync(built) ? built : undefined;
}

/**
 * The built index `name` (e.g. `iam-catalogue.ndjson`), opened at its first
 * use: declaring it costs nothing at start-up.
 *
 * @throws Error (at the first use) naming the file and the fix when the index was not built.
 */
export function builtIndex(name: string): BuiltIndex {
  let opened: Opened | undefined;
  const open = (): Opened => (opened ??= read(name));
  return {
    get header(): Readonly<Record<string, unknown>> {
      return open().header;
    },
    line(key: string): unknown[] | undefined {
      const { text, spans } = open();
      const span = spans.get(key.toLowerCase());
      return span === undefined ? undefined : (JSON.parse(text.slice(span[0], span[1])) as unknown[]);
    },
  };
}

/** An opened index: its header, its text and where each key's line is. */
interface Opened {
  readonly header: Record<string, unknown>;
  readonly text: string;
  readonly spans: ReadonlyMap<string, readonly [number, number]>;
}

function read(name: string): Opened {
  const file = locate(name);
  if (file === undefined) throw new Error(`the index ${name} is missing: run npm run build`);
  const text = readFileSync(file, "utf8");
  const spans = new Map<string, readonly [number, number]>();
  let start = text.indexOf("\n") + 1;
  const header = JSON.parse(text.slice(0, start)) as Record<string, unknown>;
  while (start > 0 && start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // Every line opens with `["<key>"`.
    spans.set(text.slice(start + 2, text.indexOf('"', start + 2)).toLowerCase(), [start, end]);
    start = end + 1;
  }
  return { header, text, spans };
}
