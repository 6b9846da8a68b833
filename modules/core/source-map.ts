/**
 * The smallest source-map reader that maps one generated position back to its
 * original file and line: enough to turn a frame of `main.js` (compiled by
 * `tsc` with `sourceMap` or `inlineSourceMap`, as the `cdktf init` tsconfig
 * does) into `main.ts`. Runs with plain `node`, which maps stack traces only
 * under `--enable-source-maps`. Each file's map is read and decoded once.
 * @packageDocumentation
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** A decoded map: per generated line, its segments as [generated column, source index, original line] (0-based). */
interface Decoded {
  readonly sources: readonly string[];
  readonly lines: ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>;
}

const cache = new Map<string, Decoded | null>();
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));
const URL_COMMENT = /\/\/[#@] sourceMappingURL=(\S+)\s*$/;

/** Base64 VLQ values of one segment. */
function vlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) return [];
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function decode(mappings: string): Decoded["lines"] {
  let source = 0;
  let line = 0;
  return mappings.split(";").map((text) => {
    let column = 0;
    const segments: Array<readonly [number, number, number]> = [];
    for (const seg of text.split(",")) {
      if (seg === "") continue;
      const v = vlq(seg);
      column += v[0] ?? 0;
      if (v.length < 4) continue;
      source += v[1] as number;
      line += v[2] as number;
      segments.push([column, source, line]);
    }
    return segments;
  });
}

function load(file: string): Decoded | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const url = URL_COMMENT.exec(text.slice(-100_000))?.[1];
  if (url === undefined) return null;
  let json: string;
  let base = dirname(file);
  const inline = /^data:application\/json[^,]*;base64,(.*)$/.exec(url);
  if (inline) {
    json = Buffer.from(inline[1] as string, "base64").toString("utf8");
  } else {
    const mapFile = url.startsWith("file://") ? fileURLToPath(url) : resolve(base, decodeURIComponent(url));
    if (!existsSync(mapFile)) return null;
    json = readFileSync(mapFile, "utf8");
    base = dirname(mapFile);
  }
  try {
    const map = JSON.parse(json) as { sources?: unknown; sourceRoot?: unknown; mappings?: unknown };
    if (!Array.isArray(map.sources) || typeof map.mappings !== "string") return null;
    const root = typeof map.sourceRoot === "string" ? map.sourceRoot : "";
    const sources = map.sources.map((s) => {
      const name = `${root}${typeof s === "string" ? s : ""}`;
      return name.startsWith("file://") ? fileURLToPath(name) : isAbsolute(name) ? name : resolve(base, name);
    });
    return { sources, lines: decode(map.mappings) };
  } catch {
    return null;
  }
}

/**
 * The original file and 1-based line of the 1-based `line` and `column` of
 * generated `file`, through its source map.
 *
 * @returns undefined when the file has no readable source map or the position is not mapped.
 */
export function originalPosition(file: string, line: number, column: number): { file: string; line: number } | undefined {
  if (!/\.[cm]?js$/.test(file)) return undefined;
  let map = cache.get(file);
  if (map === undefined) {
    map = load(file);
    cache.set(file, map);
  }
  const segments = map?.lines[line - 1];
  if (!map || !segments || segments.length === 0) return undefined;
  let best = segments[0] as readonly [number, number, number];
  for (const s of segments) if (s[0] <= column - 1) best = s;
  const source = map.sources[best[1]];
  return source === undefined ? undefined : { file: source, line: best[2] + 1 };
}
