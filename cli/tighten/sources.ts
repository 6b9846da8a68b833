import { closeSync, createReadStream, openSync, readSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createGunzip } from "node:zlib";
import { RecordsSplitter, concat } from "./json-records";
import { CsvReader, LineSplitter } from "./lines";
import { BadRecord, Observation, fromAggregateRow, fromRecord, isAggregateRow, recordOfFlatRow } from "./observation";

/**
 * Reads CloudTrail as it is delivered or exported, streaming: log files
 * (`{"Records":[...]}`, gzipped or not), whole `AWSLogs/...` trees, and JSON
 * lines or CSV exports of CloudTrail Lake or Athena queries (records, or the
 * rows the `--athena-sql` query aggregates). The form is told by content,
 * gzip by its magic bytes, never by file name.
 */

/** A malformed record, a truncated file or an unreadable path: names the file and record number. */
export class CloudTrailInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "CloudTrailInputError";
  }
}

/** Counts of what was read. */
export interface ReadStats {
  /** Files read. */
  files: number;
  /** Records or rows read (good and bad). */
  records: number;
  /** Bad records or files skipped under `skipBad`. */
  bad: number;
  /** The first few bad-input messages (file and record number). */
  readonly badExamples: string[];
}

/** Options of {@link readCloudTrail}. */
export interface ReadOptions {
  /** Count malformed records and truncated files instead of failing. @default false */
  readonly skipBad?: boolean;
}

const CHUNK = 1024 * 1024;

/** Every file under `path` (a file gives itself), sorted; CloudTrail digest folders and hidden files are skipped. */
export function listFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new CloudTrailInputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    if (name.startsWith(".") || name === "CloudTrail-Digest") continue;
    out.push(...listFiles(join(path, name)));
  }
  return out;
}

function isGzip(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = new Uint8Array(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

type Form = "records" | "lines" | "csv";

function formOf(head: Buffer): Form {
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("{")) return /^\{\s*"Records"\s*:/.test(text) ? "records" : "lines";
  return "csv";
}

/** A parsed JSON line: an aggregated row, a record, or `{"eventJson": "<record>"}` (CloudTrail Lake). */
function observationsOfJson(value: unknown): Observation[] {
  if (isAggregateRow(value)) return [fromAggregateRow(value)];
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const wrapped = (value as Record<string, unknown>).eventJson ?? (value as Record<string, unknown>).eventjson;
    if (typeof wrapped === "string") return fromRecord(JSON.parse(wrapped) as unknown);
  }
  return fromRecord(value);
}

/**
 * Streams every record of every file under `paths` to `onObservation`.
 * @throws CloudTrailInputError naming the file and record number of a malformed record or truncated file (unless `skipBad`)
 */
export async function readCloudTrail(paths: readonly string[], options: ReadOptions, onObservation: (o: Observation) => void): Promise<ReadStats> {
  const stats: ReadStats = { files: 0, records: 0, bad: 0, badExamples: [] };
  const bad = (message: string): void => {
    if (!options.skipBad) throw new CloudTrailInputError(message);
    stats.bad++;
    if (stats.badExamples.length < 10) stats.badExamples.push(message);
  };
  for (const path of paths) {
    for (const file of listFiles(path)) {
      stats.files++;
      await readFile(file, stats, bad, onObservation);
    }
  }
  return stats;
}

async function readFile(file: string, stats: ReadStats, bad: (message: string) => void, emit: (o: Observation) => void): Promise<void> {
  const record = (n: number, parse: () => Observation[]): void => {
    stats.records++;
    let list: Observation[];
    try {
      list = parse();
    } catch (e) {
      if (e instanceof BadRecord || e instanceof SyntaxError) {
        bad(`${file}: record ${n} ${e instanceof SyntaxError ? `is not JSON (${e.message})` : e.message}`);
        return;
      }
      throw e;
    }
    for (const o of list) emit(o);
  };
  let gzip: boolean;
  try {
    gzip = isGzip(file);
  } catch (e) {
    throw new CloudTrailInputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  const stream = gzip ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 })) : raw;
  if (gzip) raw.on("error", (e) => stream.destroy(e));
  let parser: { push(chunk: Buffer): void; end(): void; count: number } | undefined;
  const head: Buffer[] = [];
  let headBytes = 0;
  const start = (): void => {
    const form = formOf(concat(head));
    if (form === "records") parser = new RecordsSplitter((text, n) => record(n, () => fromRecord(JSON.parse(text) as unknown)));
    else if (form === "lines") parser = new LineSplitter((line, n) => record(n, () => observationsOfJson(JSON.parse(line) as unknown)));
    else {
      let aggregate: boolean | undefined;
      parser = new CsvReader((row, n) => record(n, () => {
        aggregate ??= isAggregateRow(row);
        return aggregate ? [fromAggregateRow(row)] : fromRecord(recordOfFlatRow(row));
      }), (message, n) => {
        stats.records++;
        bad(`${file}: record ${n} ${message}`);
      });
    }
    for (const b of head) parser.push(b);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (parser !== undefined) parser.push(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= 4096) start();
      }
    }
    if (parser === undefined) start();
    (parser as unknown as { end(): void }).end();
  } catch (e) {
    if (e instanceof CloudTrailInputError) throw e;
    const at = parser?.count ?? 0;
    const err = e as NodeJS.ErrnoException;
    if (err.code === "Z_BUF_ERROR" || /unexpected end of file/.test(err.message)) {
      stats.records++;
      bad(`${file}: truncated gzip after record ${at}`);
    } else if (err.code?.startsWith("Z_")) {
      stats.records++;
      bad(`${file}: corrupt gzip after record ${at} (${err.message})`);
    } else if (err.code !== undefined && err.syscall !== undefined) {
      throw new CloudTrailInputError(`cannot read ${file}: ${err.code}`);
    } else {
      stats.records++;
      bad(`${file}: record ${at + 1}: ${err.message}`);
    }
  } finally {
    raw.destroy();
  }
}
