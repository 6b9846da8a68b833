import { StringDecoder } from "node:string_decoder";
import { MAX_RECORD_BYTES, concat } from "./json-records";

/** Splits a byte stream into lines (LF or CRLF), streaming; the last line needs no newline. */
export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  /** Lines emitted so far (empty lines included in the numbering). */
  public count = 0;

  /** @param onLine called with each non-empty line and its 1-based line number */
  public constructor(private readonly onLine: (line: string, n: number) => void) {}

  /** Feeds the next chunk. @throws Error when one line exceeds {@link MAX_RECORD_BYTES} */
  public push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      let text: string;
      if (this.carry.length > 0) {
        text = concat([...this.carry, chunk.subarray(start, nl)]).toString("utf8");
        this.carry = [];
        this.carryBytes = 0;
      } else {
        text = chunk.toString("utf8", start, nl);
      }
      this.line(text);
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.carry.push(chunk.subarray(start));
      this.carryBytes += chunk.length - start;
      if (this.carryBytes > MAX_RECORD_BYTES) throw new Error(`line ${this.count + 1} is longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`);
    }
  }

  private line(text: string): void {
    this.count++;
    const t = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (t.trim().length > 0) this.onLine(t, this.count);
  }

  /** Ends the input: the last line, if it had no newline. */
  public end(): void {
    if (this.carry.length > 0) {
      const text = concat(this.carry).toString("utf8");
      this.carry = [];
      this.line(text);
    }
  }
}

/**
 * A streaming RFC 4180 CSV reader (quoted fields may hold commas, quotes as
 * `""` and newlines): the first row is the header; each further row is handed
 * over as an object keyed by header names, with its 1-based row number.
 */
export class CsvReader {
  private readonly decoder = new StringDecoder("utf8");
  private header: string[] | undefined;
  private row: string[] = [];
  private field = "";
  private quoted = false;
  private afterQuote = false;
  private atFieldStart = true;
  /** Data rows emitted so far. */
  public count = 0;

  /**
   * @param onRow called with each data row
   * @param onBad called when a row's field count differs from the header's
   */
  public constructor(private readonly onRow: (row: Record<string, string>, n: number) => void, private readonly onBad: (message: string, n: number) => void) {}

  /** Feeds the next chunk. */
  public push(chunk: Buffer): void {
    const text = this.decoder.write(chunk);
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      if (this.quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else {
            this.quoted = false;
            this.afterQuote = true;
          }
        } else {
          this.field += c;
        }
        if (this.field.length > MAX_RECORD_BYTES) throw new Error(`row ${this.count + 1} has a field longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB`);
        continue;
      }
      if (c === '"' && this.afterQuote) {
        // `""` split across chunks: the quote was escaped after all
        this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
      } else if (c === '"' && this.atFieldStart) {
        this.quoted = true;
        this.atFieldStart = false;
      } else if (c === ",") {
        this.endField();
      } else if (c === "\n") {
        this.endField();
        this.endRow();
      } else if (c === "\r") {
        // CRLF: the LF ends the row
      } else {
        this.field += c;
        this.atFieldStart = false;
        this.afterQuote = false;
      }
    }
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = "";
    this.atFieldStart = true;
    this.afterQuote = false;
  }

  private endRow(): void {
    const row = this.row;
    this.row = [];
    if (row.length === 1 && row[0] === "") return;
    if (this.header === undefined) {
      this.header = row.map((h) => h.trim());
      return;
    }
    this.count++;
    if (row.length !== this.header.length) {
      this.onBad(`has ${row.length} fields, the header ${this.header.length}`, this.count);
      return;
    }
    const out: Record<string, string> = {};
    this.header.forEach((h, i) => {
      out[h] = row[i] as string;
    });
    this.onRow(out, this.count);
  }

  /** Ends the input. @throws Error when it ends inside a quoted field */
  public end(): void {
    const rest = this.decoder.end();
    if (rest.length > 0) this.push(Buffer.from(rest));
    if (this.quoted) throw new Error(`the file ends inside a quoted field of row ${this.count + 1} (truncated?)`);
    if (this.field.length > 0 || this.row.length > 0) {
      this.endField();
      this.endRow();
    }
  }
}
