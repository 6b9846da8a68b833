/**
 * The streaming splitter of CloudTrail log files must hand over exactly the
 * records JSON.parse finds, however the bytes are cut into chunks (escaped
 * quotes and backslashes, multi-byte UTF-8 and keys split across chunks).
 */
import fc from "fast-check";
import { RecordsSplitter } from "../cli/tighten/json-records";
import { CsvReader, LineSplitter } from "../cli/tighten/lines";

function split(text: string, cuts: readonly number[]): unknown[] {
  const bytes = Buffer.from(text);
  const out: unknown[] = [];
  const s = new RecordsSplitter((t) => out.push(JSON.parse(t) as unknown));
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(bytes.length, Math.max(at, c));
    s.push(bytes.subarray(at, end));
    at = end;
  }
  s.push(bytes.subarray(at));
  s.end();
  return out;
}

const value = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom('\\', '"', '\\"', '\\\\', "}", "]", "{\"x\":[", "é€𝄞"), fc.integer(), fc.boolean(), fc.constant(null));
const record = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("Records", "a\\\"b", "é")), fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.dictionary(fc.string(), value, { maxKeys: 3 })), { maxKeys: 6 });

describe("RecordsSplitter", () => {
  it("yields what JSON.parse yields, for any records and any chunking", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.array(fc.nat(4000), { maxLength: 12 }), fc.boolean(), (records, cuts, extraKey) => {
        const text = JSON.stringify(extraKey ? { Other: { Records: [1] }, Records: records, After: "]}" } : { Records: records });
        expect(split(text, cuts)).toEqual(records);
      }),
      { numRuns: 300, seed: 4242 },
    );
  });

  it("names the record a truncated file ends in, and refuses what is not a Records file", () => {
    expect(() => split('{"Records":[{"a":1},{"b":"x', [])).toThrow("the file ends inside record 2 (truncated?)");
    expect(() => split('{"Records":[{"a":1},2]}', [])).toThrow("record 2 is not an object");
    expect(() => split('{"digestStartTime":"x"}', [])).toThrow("not a CloudTrail log file: no top-level Records array");
    expect(() => split("[1]", [])).toThrow("not a CloudTrail log file: the top level is not an object");
  });
});

describe("LineSplitter and CsvReader", () => {
  it("split lines and CSV rows (quoted commas, quotes, newlines) across any chunking", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), fc.array(fc.nat(300), { maxLength: 8 }), (rows, cuts) => {
        const cell = (v: string): string => `"${v.replace(/"/g, '""')}"`;
        const text = `a,b\r\n${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
        const bytes = Buffer.from(text);
        const got: Array<Record<string, string>> = [];
        const csv = new CsvReader((row) => got.push(row), (m) => {
          throw new Error(m);
        });
        let at = 0;
        for (const c of [...cuts].sort((x, y) => x - y)) {
          const end = Math.min(bytes.length, Math.max(at, c));
          csv.push(bytes.subarray(at, end));
          at = end;
        }
        csv.push(bytes.subarray(at));
        csv.end();
        expect(got).toEqual(rows.map(([a, b]) => ({ a, b })));
        const lines: string[] = [];
        const ls = new LineSplitter((l) => lines.push(l));
        ls.push(Buffer.from("x\r\n\ny"));
        ls.end();
        expect(lines).toEqual(["x", "y"]);
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
