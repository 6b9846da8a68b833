import { ASSIGNED_AT, AWS_CREDENTIALS_FILE, MAX_DEPTH, PAIR_NAMES, PAIR_VALUES, assignsSecret, isLiteralValue, restatesName } from "./secret-literal";
import { skipJsonSpace } from "./json-text";
import { isSecretName, secretNameWordAt } from "./secret-names";

/**
 * Where the secret scan (ZSP010, secret-scan.ts) need not read, told without
 * reading all the long way: every secret name holds a secret name word
 * ({@link secretNameWordAt}) and the scan finds something by name only
 * where a secret name is written, so it is enough to look around each such
 * word. The answers may say "may" where the scan finds nothing, never "no"
 * where it finds something.
 */

const QUOTE = 34;
const DASH = 45;
const COLON = 58;

/** `[A-Za-z0-9_.-]`: a character of an assignment's name. */
function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === DASH;
}

/** 1 at the codes of `[A-Za-z0-9+/]`, the characters of base64 (and of a bare key line's key). */
const BASE64_CHARS = new Uint8Array(128).map((_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 43 || c === 47 ? 1 : 0));

function isBase64Char(c: number): boolean {
  return c < 128 && BASE64_CHARS[c] === 1;
}

/**
 * Whether `text` holds a run of at least `min` base64 characters: looked for
 * at every `min`-th character (every such run covers one).
 */
export function hasBase64Run(text: string, min: number): boolean {
  for (let i = min - 1; i < text.length; i += min) {
    if (!isBase64Char(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isBase64Char(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && isBase64Char(text.charCodeAt(end))) end++;
    if (end - start >= min) return true;
  }
  return false;
}

/** Where the run of name characters holding `at` starts. */
function nameStart(text: string, at: number): number {
  let start = at;
  while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
  return start;
}

/** Where the run of name characters holding `at` ends (exclusive). */
function nameEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * Whether a script `NAME=value` could assign a literal secret in `text` (so
 * the assignment pattern must be read). A secret assignment's name holds a
 * secret name word and is the whole run of name characters around it, up to
 * the `=` or `:`: each such run is tried ({@link assignsSecretAfter}).
 */
export function mayAssignSecret(text: string): boolean {
  let judged = 0;
  for (let at = secretNameWordAt(text, 0); at !== -1; at = secretNameWordAt(text, at + 1)) {
    if (at < judged || !isNameChar(text.charCodeAt(at))) continue;
    const start = nameStart(text, at);
    const end = nameEnd(text, at);
    judged = end;
    if (assignsSecretAfter(text, start, end, 0, text.length)) return true;
  }
  return false;
}

/**
 * Whether a name in `text[start, end)` (a whole run of name characters),
 * read as {@link ASSIGNMENT}, assigns a literal secret when `text[from, to)`
 * is read (the whole text, or a string inside it). The name is the whole run
 * after what may come before one: the start of the text, a space or one of
 * `;&|(` ({@link beforeName}), then at most two `-` (`--password=`), then a
 * quote or not; then the rest of the pattern is tried after the run.
 */
function assignsSecretAfter(text: string, start: number, end: number, from: number, to: number): boolean {
  const lead = text.charCodeAt(start) === DASH ? (text.charCodeAt(start + 1) === DASH ? 2 : 1) : 0;
  const s = start + lead;
  const c = text.charCodeAt(s);
  if (s >= end || !((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return false;
  let b = start - 1;
  if (lead === 0 && b >= from && (text.charCodeAt(b) === QUOTE || text.charCodeAt(b) === 39)) {
    // a quote, at most two dashes before it
    b--;
    if (b >= from && text.charCodeAt(b) === DASH) b--;
    if (b >= from && text.charCodeAt(b) === DASH) b--;
  }
  if (b >= from && !beforeName(text.charCodeAt(b))) return false;
  const key = text.slice(s, end);
  if (!isSecretName(key)) return false;
  ASSIGNED_AT.lastIndex = end - from;
  const m = ASSIGNED_AT.exec(from === 0 && to === text.length ? text : text.slice(from, to));
  return m !== null && assignsSecret(key, m[1] ?? "");
}

/** Whether character `c` may come right before an assignment: `\s` (any character past ASCII, to be safe) or one of `;&|(`. */
function beforeName(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c > 127 || c === 59 || c === 38 || c === 124 || c === 40;
}

/**
 * What the scan could find in text `text` that looks like JSON (and holds
 * no `\` and no format): read as JSON (the walk of its value) or, were it
 * not JSON, as lines. Without escapes every string of the document is a
 * piece of the text between two `"`, and the scan finds something by name
 * only under a secret name, so around each secret name word:
 *
 * - the name run is tried as an assignment in the string around it (a string
 *   value read as a script), and in the whole text (read as lines);
 * - a string that is a secret name may be a key or a `{"name": N, "value": V}`
 *   pair's name: what the walk reads under it (the key's value, the pair's
 *   value) must give no literal ({@link givesLiteral});
 * - a string naming an AWS credentials file may be a file provisioner's
 *   `destination`.
 *
 * Base64 (decoded and read anew) and bare key lines need a long base64 run.
 * Answers "may" when the values skipped over to judge names add up to more
 * than a few times the text (a document with a pair name in one huge object
 * over and over): reading it is then cheaper.
 */
export function jsonMayHoldSecret(text: string): Maybe {
  if (hasBase64Run(text, 24)) return "may";
  skipped = 0;
  let asLines: Maybe = "no";
  let judged = 0;
  let open = -1;
  let close = -1;
  for (let at = secretNameWordAt(text, 0); at !== -1; at = secretNameWordAt(text, at + 1)) {
    if (at > close) {
      open = text.lastIndexOf('"', at);
      close = text.indexOf('"', at);
      if (open === -1 || close === -1 || namesLiteral(text, open, close) || skipped > SKIP_BUDGET * text.length) return "may";
    }
    if (at < judged || !isNameChar(text.charCodeAt(at))) continue;
    const start = nameStart(text, at);
    const end = nameEnd(text, at);
    judged = end;
    if (open < start && end <= close && assignsSecretAfter(text, start, end, open + 1, close)) return "may";
    if (asLines === "no" && assignsSecretAfter(text, start, end, 0, text.length)) asLines = "as lines";
  }
  return asLines;
}

/**
 * What {@link jsonMayHoldSecret} tells: the scan finds nothing in the text
 * read as JSON or as lines (`no`); finds nothing in it read as JSON, and may
 * were it read as lines, were it not JSON (`as lines`); may find something.
 */
export type Maybe = "no" | "as lines" | "may";

/**
 * Whether the JSON string `text(open, close)` may name a literal: as a key
 * whose value gives one, or as the name of a pair whose value (any of
 * {@link PAIR_VALUES} beside it) gives one; or it names an AWS credentials
 * file (a `destination`).
 */
function namesLiteral(text: string, open: number, close: number): boolean {
  if (text.startsWith(".aws/credentials", close - 16) && AWS_CREDENTIALS_FILE.test(text.slice(open + 1, close))) return true;
  const after = skipJsonSpace(text, close + 1, 1);
  if (text.charCodeAt(after) === COLON) {
    const key = text.slice(open + 1, close);
    return isSecretName(key) && givesLiteral(text, skipJsonSpace(text, after + 1, 1), key, 0);
  }
  const colon = skipJsonSpace(text, open - 1, -1);
  if (text.charCodeAt(colon) !== COLON) return false; // an array's element
  const keyClose = skipJsonSpace(text, colon - 1, -1);
  const keyOpen = text.lastIndexOf('"', keyClose - 1);
  if (!PAIR_NAMES.some((k) => k.length === keyClose - keyOpen - 1 && text.startsWith(k, keyOpen + 1))) return false;
  const token = text.slice(open + 1, close);
  if (!isSecretName(token)) return false;
  const pair = objectStart(text, keyOpen);
  if (pair === -1) return true;
  let given = false;
  members(text, pair, (key, at) => (given = PAIR_VALUES.includes(key) && givesLiteral(text, at, token, 0)));
  return given;
}

/**
 * Whether the JSON value at `start`, walked under the secret name `name`,
 * gives a literal: a string that is one, or an array's element or an
 * object's `value` (a secret-named block's value) that gives one. Other
 * members of an object are read under their own names. Past the walk's
 * depth, says true (the walk is left to tell).
 */
function givesLiteral(text: string, start: number, name: string, depth: number): boolean {
  if (depth > MAX_DEPTH) return true;
  const c = text.charCodeAt(start);
  if (c === QUOTE) {
    const value = text.slice(start + 1, text.indexOf('"', start + 1));
    return value !== "" && isLiteralValue(value) && !restatesName(value, name);
  }
  let given = false;
  if (c === 91) elements(text, start, (at) => (given = givesLiteral(text, at, name, depth + 1)));
  else if (c === 123) members(text, start, (key, at) => (given = key === "value" && givesLiteral(text, at, name, depth + 1)));
  return given;
}

/** Calls `each` with where each element of the JSON array at `start` starts, until it returns true. */
function elements(text: string, start: number, each: (at: number) => boolean): void {
  let i = skipJsonSpace(text, start + 1, 1);
  if (text.charCodeAt(i) === 93) return;
  for (;;) {
    if (each(i)) return;
    const end = valueEnd(text, i);
    if (end === -1) return;
    skipped += end - i;
    i = skipJsonSpace(text, end, 1);
    if (text.charCodeAt(i) !== 44) return;
    i = skipJsonSpace(text, i + 1, 1);
  }
}

/** Calls `each` with each key of the JSON object at `start` and where its value starts, until it returns true. */
function members(text: string, start: number, each: (key: string, at: number) => boolean): void {
  let i = skipJsonSpace(text, start + 1, 1);
  while (text.charCodeAt(i) === QUOTE) {
    const close = text.indexOf('"', i + 1);
    const at = skipJsonSpace(text, skipJsonSpace(text, close + 1, 1) + 1, 1);
    if (each(text.slice(i + 1, close), at)) return;
    const end = valueEnd(text, at);
    if (end === -1) return;
    skipped += end - i;
    i = skipJsonSpace(text, end, 1);
    if (text.charCodeAt(i) !== 44) return;
    i = skipJsonSpace(text, i + 1, 1);
  }
}

/**
 * How many characters {@link valueEnd} and {@link objectStart} went over
 * since {@link jsonMayHoldSecret} started, against
 * {@link SKIP_BUDGET} times the text.
 */
let skipped = 0;
const SKIP_BUDGET = 4;

/** Where the JSON value starting at `start` ends (exclusive); -1 if it does not. */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) {
    const close = text.indexOf('"', start + 1);
    return close === -1 ? -1 : close + 1;
  }
  if (first !== 123 && first !== 91) {
    let i = start;
    for (let c = first; i < text.length && c !== 44 && c !== 93 && c !== 125 && c !== 32 && c !== 10 && c !== 13 && c !== 9; c = text.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = text.indexOf('"', i + 1);
      if (i === -1) return -1;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if ((c === 125 || c === 93) && --depth === 0) {
      skipped += i - start;
      return i + 1;
    }
  }
  return -1;
}

/** Where the JSON object holding the string opening at `open` starts; -1 if not in an object. */
function objectStart(text: string, open: number): number {
  let depth = 0;
  for (let i = open - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = text.lastIndexOf('"', i - 1);
      if (i === -1) return -1;
    } else if (c === 125 || c === 93) {
      depth++;
    } else if (c === 123 || c === 91) {
      if (depth === 0) {
        skipped += open - i;
        return c === 123 ? i : -1;
      }
      depth--;
    }
  }
  return -1;
}
