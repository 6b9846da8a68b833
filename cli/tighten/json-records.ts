/**
 * A streaming splitter for CloudTrail log files (`{"Records":[{...},{...}]}`):
 * it finds where each element of the top-level `Records` array starts and
 * ends, without building a tree, and hands each element's text to
 * `JSON.parse`. Memory is one record plus one chunk, whatever the file size.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** `Buffer.concat`, typed for this TypeScript and @types/node pairing. */
export function concat(parts: readonly Buffer[]): Buffer {
  return Buffer.concat(parts as unknown as Uint8Array[]);
}

/** A record larger than this is refused as malformed (CloudTrail records are a few KB; the largest are well under 1 MB). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Where the splitter stands. */
export class RecordsSplitter {
  private depth = 0;
  private inString = false;
  private inRecords = false;
  private recordsClosed = false;
  private keyStart = -1;
  private lastKey = "";
  private keyParts: Buffer[] = [];
  private parts: Buffer[] = [];
  private partBytes = 0;
  private recordStart = -1;
  private carrying = false;
  private pendingBackslash = false;
  /** Records emitted so far. */
  public count = 0;

  /**
   * @param onRecord called with each record's JSON text and its 1-based number
   * @throws Error when the text is not `{"Records":[...]}` of objects
   */
  public constructor(private readonly onRecord: (text: string, n: number) => void) {}

  /** Feeds the next chunk. */
  public push(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    if (this.carrying) this.recordStart = 0;
    while (i < n) {
      if (this.inString) {
        if (this.pendingBackslash) {
          this.pendingBackslash = false;
          i++;
          continue;
        }
        const q = chunk.indexOf(QUOTE, i);
        const b = chunk.indexOf(BACKSLASH, i);
        if (b !== -1 && (q === -1 || b < q)) {
          i = b + 1;
          if (i >= n) this.pendingBackslash = true;
          else i++;
          continue;
        }
        if (q === -1) {
          i = n;
          break;
        }
        this.inString = false;
        if (this.depth === 1) this.endKey(chunk, q);
        i = q + 1;
        continue;
      }
      const c = chunk[i] as number;
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1) {
          this.keyStart = i + 1;
          this.keyParts = [];
        }
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (this.depth === 0 && c !== OPEN_OBJECT) throw new Error("not a CloudTrail log file: the top level is not an object");
        if (this.depth === 1 && c === OPEN_ARRAY && this.lastKey === "Records") this.inRecords = true;
        else if (this.depth === 2 && this.inRecords) {
          if (c !== OPEN_OBJECT) throw new Error(`record ${this.count + 1} is not an object`);
          this.recordStart = i;
        }
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth < 0) throw new Error("unbalanced brackets");
        if (this.depth === 2 && this.inRecords && this.recordStart !== -1) this.emit(chunk, i + 1);
        else if (this.depth === 1 && this.inRecords) {
          this.inRecords = false;
          this.recordsClosed = true;
        }
      } else if (this.depth === 2 && this.inRecords && c > 0x20 && c !== 0x2c) {
        throw new Error(`record ${this.count + 1} is not an object`);
      }
      i++;
    }
    if (this.recordStart !== -1) {
      this.parts.push(this.recordStart === 0 ? chunk : chunk.subarray(this.recordStart));
      this.partBytes += chunk.length - this.recordStart;
      if (this.partBytes > MAX_RECORD_BYTES) throw new Error(`record ${this.count + 1} is larger than ${MAX_RECORD_BYTES / 1024 / 1024} MB`);
      this.carrying = true;
      this.recordStart = -1;
    }
    if (this.inString && this.depth === 1 && this.keyStart !== -1) {
      this.keyParts.push(chunk.subarray(this.keyStart));
      this.keyStart = 0;
    }
  }

  private endKey(chunk: Buffer, end: number): void {
    const head = this.keyStart === -1 ? Buffer.alloc(0) : chunk.subarray(this.keyStart, end);
    this.lastKey = this.keyParts.length === 0 ? head.toString("latin1") : concat([...this.keyParts, head]).toString("latin1");
    this.keyParts = [];
    this.keyStart = -1;
  }

  private emit(chunk: Buffer, end: number): void {
    let text: string;
    if (this.carrying) {
      this.parts.push(chunk.subarray(0, end));
      text = concat(this.parts).toString("utf8");
      this.carrying = false;
    } else {
      text = chunk.toString("utf8", this.recordStart, end);
    }
    this.parts = [];
    this.partBytes = 0;
    this.recordStart = -1;
    this.count++;
    this.onRecord(text, this.count);
  }

  /**
   * Ends the input.
   * @throws Error when the file ends inside a record or without its closing brackets
   */
  public end(): void {
    if (this.depth !== 0 || this.inString) throw new Error(`the file ends inside ${this.carrying ? `record ${this.count + 1}` : "the Records array"} (truncated?)`);
    if (!this.recordsClosed) throw new Error("not a CloudTrail log file: no top-level Records array");
  }
}
