/**
 * Whether text is JSON, told without building its value: the secret scan
 * (secret-scan.ts) decides what a JSON document cannot hold from its text and
 * needs to know that `JSON.parse` would read it (and not fall back to reading
 * it as lines).
 */

/** A control character (U+0000 to U+001F): never raw inside a JSON string. */
const CONTROL = /[\x00-\x1f]/g;

const OBJECT = 1;
const ARRAY = 2;
/** What may come next. */
const VALUE = 0;
const KEY_OR_END = 1;
const COMMA_OR_END = 2;
const KEY = 3;
const VALUE_OR_END = 4;

/**
 * Whether `JSON.parse(text)` succeeds, for text that holds no `\` (with one
 * the answer is false: escapes are not read here). Exactly RFC 8259: JSON
 * whitespace only, no trailing commas, numbers without leading zeros, no raw
 * control characters in strings.
 */
export function isJsonWithoutEscapes(text: string): boolean {
  if (text.includes("\\")) return false;
  const n = text.length;
  const open: number[] = [];
  let inside = 0;
  let next = VALUE;
  let control = -1;
  let i = skipJsonSpace(text, 0);
  for (;;) {
    if (i >= n) return false;
    let c = text.charCodeAt(i);
    if (next === COMMA_OR_END) {
      if (c === 44) {
        next = inside === OBJECT ? KEY : VALUE;
        i = skipJsonSpace(text, i + 1);
        continue;
      }
      if (!((c === 125 && inside === OBJECT) || (c === 93 && inside === ARRAY))) return false;
      inside = open.pop() ?? 0;
      i++;
    } else if (c === 34) {
      const close = text.indexOf('"', i + 1);
      if (close === -1) return false;
      if (control < i) {
        CONTROL.lastIndex = i;
        control = CONTROL.test(text) ? CONTROL.lastIndex - 1 : n;
      }
      if (control < close) return false;
      i = close + 1;
      if (next === KEY_OR_END || next === KEY) {
        i = skipJsonSpace(text, i);
        if (text.charCodeAt(i) !== 58) return false;
        next = VALUE;
        i = skipJsonSpace(text, i + 1);
        continue;
      }
    } else if (next === KEY_OR_END || next === KEY) {
      if (c !== 125 || next !== KEY_OR_END) return false;
      inside = open.pop() ?? 0;
      i++;
    } else if (c === 123 || c === 91) {
      open.push(inside);
      inside = c === 123 ? OBJECT : ARRAY;
      next = c === 123 ? KEY_OR_END : VALUE_OR_END;
      i = skipJsonSpace(text, i + 1);
      continue;
    } else if (c === 93 && next === VALUE_OR_END) {
      inside = open.pop() ?? 0;
      i++;
    } else if (c === 116 || c === 102 || c === 110) {
      const word = c === 116 ? "true" : c === 102 ? "false" : "null";
      if (!text.startsWith(word, i)) return false;
      i += word.length;
    } else {
      if (c === 45) c = text.charCodeAt(++i);
      if (c === 48) {
        c = text.charCodeAt(++i);
      } else if (isDigit(c)) {
        do c = text.charCodeAt(++i); while (isDigit(c));
      } else {
        return false;
      }
      if (c === 46) {
        if (!isDigit(text.charCodeAt(++i))) return false;
        do c = text.charCodeAt(++i); while (isDigit(c));
      }
      if (c === 101 || c === 69) {
        c = text.charCodeAt(++i);
        if (c === 43 || c === 45) c = text.charCodeAt(++i);
        if (!isDigit(c)) return false;
        do c = text.charCodeAt(++i); while (isDigit(c));
      }
    }
    // a value ended
    i = skipJsonSpace(text, i);
    if (inside === 0) return i >= n;
    next = COMMA_OR_END;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The first index from `i` on (`step` 1) or back (`step` -1) that is not JSON whitespace. */
export function skipJsonSpace(text: string, i: number, step: 1 | -1 = 1): number {
  for (;; i += step) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
}
