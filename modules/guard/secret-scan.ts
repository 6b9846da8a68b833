import { isJsonWithoutEscapes } from "./json-text";
import { UNKNOWN, isExpression, isRecord } from "./model";
import { secretFormatIn, secretFormatInBase64 } from "./secret-formats";
import { isSecretName, isSettingName, normalName, secretNameWordAt } from "./secret-names";

/**
 * The secret scan (ZSP010): walks one value the guard read (an argument, a
 * local, a variable default, a module argument, a backend setting) and every
 * text nested in it, the way the value reaches a running system:
 *
 * - JSON text is decoded and walked (ECS `container_definitions`,
 *   `secret_string`, `data_json`, `jsonencode(...)` results);
 * - base64 text is decoded and scanned (`user_data_base64`, encoded keys);
 * - scripts and configuration files (user data, cloud-init, `.env`, HCL,
 *   YAML) are scanned line by line for `NAME=value` / `name: value`;
 * - `{"name": N, "value": V}` pairs (ECS environment, CloudFormation
 *   parameters) are read as `N = V`;
 * - a secret-named block's `value` (`api_key { key, value }`) is the secret.
 *
 * A literal under a secret name ({@link isSecretName}) is a secret; a value
 * in one of the {@link SECRET_FORMATS} is a secret under any name. Names that
 * are settings ({@link isSettingName}) and everything under them are judged
 * by format only. References, templates, shell variables and file paths are
 * not literals.
 */

/** One secret found: where in the value, and what. */
export interface SecretHit {
  /** Path inside the scanned value, e.g. `environment[0].variables.DB_PASSWORD`. */
  readonly path: string;
  /** What was found, e.g. `a literal password`, `an AWS access key id`. */
  readonly what: string;
}

/** How a value is read. */
interface Mode {
  /** Every literal is a secret (the value of a secret container such as `secret_string`). */
  readonly all: boolean;
  /** Name-based detection is off (inside a setting block such as `token_validity_units`). */
  readonly formatOnly: boolean;
  /**
   * No text here can hold a format: the value was parsed from JSON text that
   * holds none and no escapes, so each of its strings is a piece of it.
   */
  readonly noFormats: boolean;
}

/** The eight modes, by {@link modeOf}'s index. */
const MODES: readonly Mode[] = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ all: (i & 4) !== 0, formatOnly: (i & 2) !== 0, noFormats: (i & 1) !== 0 }));

function modeOf(all: boolean, formatOnly: boolean, noFormats: boolean): Mode {
  return MODES[(all ? 4 : 0) + (formatOnly ? 2 : 0) + (noFormats ? 1 : 0)] as Mode;
}

const PLAIN = modeOf(false, false, false);
const MAX_DEPTH = 12;
/** Shortest text read for formats and nested content. */
const MIN_FORMAT = 16;
/** Shortest value a `NAME=value` line in a script counts as a secret (`FOO`, `bar` are examples, not keys). */
const MIN_SCRIPT_SECRET = 6;
const PAIR_NAMES = ["name", "Name", "key", "Key", "ParameterKey", "parameter_key"];
const PAIR_VALUES = ["value", "Value", "ParameterValue", "parameter_value"];
const NOT_A_VALUE = /^(?:true|false|null|nil|none|yes|no|on|off|enabled|disabled|required|optional|auto|default|minutes|seconds|hours|days|\*+|x+)$/i;
const REFERENCE = /^(?:arn:|\$|\{\{|%\{|`|<%|\/|\.\.?\/|~\/|file:\/\/|s3:\/\/|ssm:|secretsmanager:|vault:|projects\/[^/]+\/secrets\/|https:\/\/[^/]+\.vault\.azure\.net\/)/i;
/** In HCL expression text: `name = "literal"` / `"name": "literal"` (no interpolation in the literal). */
const HCL_ATTRIBUTE = /(?:^|[{,(\s])"?([A-Za-z_][\w.-]*)"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"/g;
/** In HCL expression text: `{name = "N", value = "V"}` in either order. */
const HCL_PAIR = /\{\s*"?name"?\s*[=:]\s*"([^"]*)"\s*,\s*"?value"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"|\{\s*"?value"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"\s*,\s*"?name"?\s*[=:]\s*"([^"]*)"/gi;
/** A quoted string literal in HCL expression text. */
const HCL_STRING = /"((?:[^"\\]|\\.)*)"/g;
const AWS_CREDENTIALS_FILE = /(?:^|\/)\.aws\/credentials$/;
const BASE64 = /^[A-Za-z0-9+/]{24,}={0,2}$/;
/** What {@link BASE64} needs first (sticky). */
const BASE64_START = /[A-Za-z0-9+/]{24}/y;
/**
 * Arguments that run as a script or boot configuration on a machine (EC2 and
 * launch template `user_data`, Azure `custom_data`, GCE startup scripts).
 */
const BOOT_SCRIPT_NAMES = new Set(["user_data", "user_data_base64", "custom_data", "metadata_startup_script", "startup_script"]);
/**
 * A line of a boot script that holds nothing but one 40-character token in the
 * alphabet of an AWS secret access key (with at most quotes and trailing
 * punctuation around it): a key placed there to be read, not a command.
 */
const BARE_SECRET_KEY_LINE = /^[ \t"'`]*[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])[^\sA-Za-z0-9/+=]*[ \t"'`]*$/m;
/** {@link BARE_SECRET_KEY_LINE} tried at one place (sticky). */
const BARE_KEY_AT = new RegExp(BARE_SECRET_KEY_LINE.source.slice(1), "my");
/** Where a line ends for `^` and `$` in a multiline pattern. */
const LINE_BREAK = /[\n\r\u2028\u2029]/g;
/** A character that is not printable ASCII, a tab or a line break. */
const NOT_PRINTABLE = /[^\x20-\x7e\t\n\r]/;
/** A PEM block (a certificate's base64 lines are not keys standing alone). */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g;
/** What follows an assignment's name in a script: `=` or `:` (not `://`), then the value (group 1). */
const ASSIGNED = String.raw`["']?\s*(?:=|:(?![/\\]))[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|,}]+)`;
/** `NAME=value`, `export NAME="value"`, `--name=value`, `name: value` in a script or configuration file. */
const ASSIGNMENT = new RegExp(String.raw`(?:^|[\s;&|(])(?:export\s+|set\s+|ENV\s+)?-{0,2}["']?([A-Za-z_][A-Za-z0-9_.-]*)` + ASSIGNED, "g");
/** {@link ASSIGNED} tried right after a name (sticky). */
const ASSIGNED_AT = new RegExp(ASSIGNED, "y");

/** Whether a literal string, found under a secret name, is a value at all (not a setting word, a reference or a path). */
export function isLiteralValue(text: string): boolean {
  const t = text.trim().replace(/^["']|["']$/g, "");
  return t !== "" && !NOT_A_VALUE.test(t) && !REFERENCE.test(t) && !isExpression(t);
}

/**
 * Scans `value` (under the name `name`, at `path`) and returns what it holds.
 * `all`: the value is a secret container (every literal is a secret).
 */
export function scanForSecrets(value: unknown, name: string, path: string, all = false): SecretHit[] {
  const hits: SecretHit[] = [];
  walk(value, name, path, modeOf(all, false, false), hits, 0, NOT_PLANNED);
  return hits;
}

/**
 * {@link scanForSecrets} of what a plan's configuration wrote: `config`, with
 * each unknown part ({@link UNKNOWN}) read from `planned`, the planned value
 * at the same place (where the configuration shows an expression that
 * references nothing, such as `jsonencode({...})` of literals, the planned
 * value was computed from literals only).
 */
export function scanWrittenForSecrets(config: unknown, planned: unknown, name: string, path: string, all = false): SecretHit[] {
  const hits: SecretHit[] = [];
  walk(written(config, planned), name, path, modeOf(all, false, false), hits, 0, config === UNKNOWN ? NOT_PLANNED : planned);
  return hits;
}

/** Beside a value that is not a configuration's: inside a planned value, a text, or configuration input. */
const NOT_PLANNED: unique symbol = Symbol("not planned");

/** What was written where the configuration shows `config` and the plan `planned`. */
function written(config: unknown, planned: unknown): unknown {
  return config !== UNKNOWN || planned === NOT_PLANNED ? config : planned === UNKNOWN ? undefined : planned;
}

/**
 * `planned`: the planned value beside `value` (a configuration's), read where
 * `value` holds {@link UNKNOWN}; {@link NOT_PLANNED} for any other value.
 */
function walk(value: unknown, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number, planned: unknown): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    text(value, name, path, mode, hits, depth);
  } else if (Array.isArray(value)) {
    const beside: unknown = planned === NOT_PLANNED || Array.isArray(planned) ? planned : undefined;
    for (let i = 0; i < value.length; i++) {
      const c: unknown = value[i];
      const b: unknown = beside === NOT_PLANNED ? NOT_PLANNED : (beside as unknown[] | undefined)?.[i];
      const v = written(c, b);
      if (!inert(v, name, mode)) walk(v, name, `${path}[${i}]`, mode, hits, depth + 1, c === UNKNOWN ? NOT_PLANNED : b);
    }
  } else if (isRecord(value)) {
    object(value, name, path, mode, hits, depth, planned === NOT_PLANNED || isRecord(planned) ? planned : undefined);
  }
}

function object(value: Record<string, unknown>, parent: string, path: string, mode: Mode, hits: SecretHit[], depth: number, beside: unknown): void {
  const pairName = pairNameOf(value, beside);
  const pairValue = pairName === undefined ? undefined : PAIR_VALUES.find((k) => k in value);
  for (const k of Object.keys(value)) {
    if (k === "//") continue;
    const c = value[k];
    const b: unknown = beside === NOT_PLANNED ? NOT_PLANNED : (beside as Record<string, unknown> | undefined)?.[k];
    const v = written(c, b);
    const planned = c === UNKNOWN ? NOT_PLANNED : b;
    if (k === "tags" || k === "tags_all" || k === "labels") {
      walk(v, k, member(path, k), modeOf(false, true, mode.noFormats), hits, depth + 1, planned);
    } else if (k === "destination" && typeof v === "string" && AWS_CREDENTIALS_FILE.test(v)) {
      // a file provisioner placing an AWS credentials file on the host: static keys on the instance
      hits.push({ path: member(path, k), what: "static AWS credentials copied to ~/.aws/credentials" });
    } else if (pairName !== undefined && k === pairValue) {
      walk(v, pairName, `${path}[${pairName}]`, mode, hits, depth + 1, planned);
    } else if (k === "value" && !mode.formatOnly && isSecretName(parent)) {
      // a secret-named block's value: api_key { key = "x-api-key", value = "..." }
      walk(v, parent, member(path, k), mode, hits, depth + 1, planned);
    } else if (!inert(v, k, mode)) {
      const setting = typeof v === "object" && v !== null && isSettingName(k);
      walk(v, k, member(path, k), setting ? modeOf(false, true, mode.noFormats) : mode, hits, depth + 1, planned);
    }
  }
}

/** The path of member `k` of the object at `path`. */
function member(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

/** The name of a `{"name": N, "value": V}` pair ({@link PAIR_NAMES}), if `value` is one (`beside`: as {@link object}'s). */
function pairNameOf(value: Record<string, unknown>, beside: unknown): string | undefined {
  for (const k of PAIR_NAMES) {
    const v = written(value[k], beside === NOT_PLANNED ? NOT_PLANNED : (beside as Record<string, unknown> | undefined)?.[k]);
    if (typeof v === "string") return v;
  }
  return undefined;
}

/**
 * A value the scan would pass over without a look: a number, a boolean,
 * null, an empty string, or a string shorter than any format and not under
 * a secret name. Checked before its path is built (most values of a plan
 * are short settings).
 */
function inert(value: unknown, name: string, mode: Mode): boolean {
  if (typeof value !== "string") return typeof value !== "object" || value === null;
  return value.length === 0 || (value.length < MIN_FORMAT && (mode.formatOnly || !(mode.all || isSecretName(name))));
}

function text(value: string, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number): void {
  if (value.length === 0) return;
  const expression = isExpression(value);
  if (!expression && !mode.formatOnly && (mode.all || isSecretName(name)) && isLiteralValue(value) && !restatesName(value, name)) {
    hits.push({ path, what: mode.all ? "a literal secret value" : `a literal ${describe(name)}` });
    return;
  }
  if (value.length < MIN_FORMAT) return;
  const bytes = expression || value.length % 4 !== 0 ? undefined : base64Bytes(value);
  // Base64 holds the characters of few formats: only those are looked for.
  const format = mode.noFormats ? undefined : bytes === undefined ? secretFormatIn(value) : secretFormatInBase64(value);
  if (format) {
    hits.push({ path, what: format.what });
    return;
  }
  if (expression) {
    if (!mode.formatOnly) inExpression(value, name, path, mode, hits, depth);
    return;
  }
  nested(value, name, path, mode, hits, depth, true, bytes);
}

/**
 * Literals written inside an expression (`${jsonencode({password = "..."})}`,
 * `${base64encode("export TOKEN=...")}`): a quoted literal under a secret
 * name, a `{name = N, value = V}` pair, or a string literal holding a secret
 * is a literal secret whatever the rest of the expression references.
 */
function inExpression(value: string, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number): void {
  const report = (name: string, literal: string): void => {
    if (isSecretName(name) && isLiteralValue(literal) && !restatesName(literal, name)) hits.push({ path: `${path} (${name} = "...")`, what: `a literal ${describe(name)}` });
  };
  for (const m of value.matchAll(HCL_PAIR)) report(m[1] ?? m[4] ?? "", m[2] ?? m[3] ?? "");
  for (const m of value.matchAll(HCL_ATTRIBUTE)) report(m[1] ?? "", m[2] ?? "");
  for (const m of value.matchAll(HCL_STRING)) {
    const literal = (m[1] ?? "").replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1");
    if (literal.length >= 16 && !isExpression(literal)) nested(literal, isBootScript(name) ? name : "", path, modeOf(mode.all, mode.formatOnly, false), hits, depth + 1, false);
  }
}

/**
 * Text inside text: JSON documents, base64, scripts and configuration files.
 * `checked`: no format is in `value` (its formats were looked for); `bytes`:
 * `value` decoded, when it is base64 and that is known.
 */
function nested(value: string, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number, checked: boolean, bytes?: Buffer): void {
  const trimmed = value.trim();
  const first = trimmed[0];
  if ((first === "{" || first === "[") && (trimmed.endsWith("}") || trimmed.endsWith("]"))) {
    // Without escapes every string in the document is a piece of the text: none holds a format.
    const noFormats = checked && !value.includes("\\");
    if (noFormats && !mode.all) {
      const may = jsonMayHoldSecret(value);
      if (may === "no" || (may === "as lines" && isJsonWithoutEscapes(trimmed))) return;
    }
    try {
      walk(JSON.parse(trimmed) as unknown, "", path, noFormats ? modeOf(mode.all, mode.formatOnly, true) : mode, hits, depth + 1, NOT_PLANNED);
      return;
    } catch {
      // not JSON: HCL or another format, read as lines below
    }
  }
  const base64 = bytes ?? (trimmed.length % 4 === 0 ? base64Bytes(trimmed) : undefined);
  if (base64 !== undefined) {
    const decoded = decodeBase64Text(base64);
    if (decoded !== undefined) {
      // A boot script stays one when encoded (user_data_base64); other names do not carry over.
      walk(decoded, isBootScript(name) ? name : "", `${path} (base64)`, PLAIN, hits, depth + 1, NOT_PLANNED);
      return;
    }
  }
  if (isBootScript(name) && hasBareKeyLine(value.includes("-----BEGIN ") ? value.replace(PEM_BLOCK, "") : value)) {
    hits.push({ path, what: "a bare 40-character key (the form of an AWS secret access key) on a line of its own in a boot script" });
    return;
  }
  if (mode.formatOnly || (!value.includes("=") && !value.includes(":")) || !mayAssignSecret(value)) return;
  for (const m of value.matchAll(ASSIGNMENT)) {
    const key = m[1] ?? "";
    if (assignsSecret(key, m[2] ?? "")) hits.push({ path: `${path} (${key}=...)`, what: `a literal ${describe(key)}` });
  }
}

/** Whether a script's `key=value` ({@link ASSIGNMENT}) assigns a literal secret. */
function assignsSecret(key: string, value: string): boolean {
  if (!isSecretName(key)) return false;
  const raw = value.replace(/^["']|["']$/g, "");
  return raw.length >= MIN_SCRIPT_SECRET && isLiteralValue(raw) && !restatesName(raw, key);
}

/**
 * Whether a line of `script` is {@link BARE_SECRET_KEY_LINE}: the pattern is
 * tried at each line's start only (the places its `^` matches), not at every
 * character.
 */
function hasBareKeyLine(script: string): boolean {
  if (!hasBase64Run(script, 40)) return false;
  let start = 0;
  while (start !== -1) {
    BARE_KEY_AT.lastIndex = start;
    if (BARE_KEY_AT.test(script)) return true;
    LINE_BREAK.lastIndex = start;
    start = LINE_BREAK.test(script) ? LINE_BREAK.lastIndex : -1;
  }
  return false;
}

/** Whether the value under `name` runs as a boot script ({@link BOOT_SCRIPT_NAMES}). */
function isBootScript(name: string): boolean {
  return BOOT_SCRIPT_NAMES.has(normalName(name));
}

/** A placeholder that restates its own name (`secret_data = "secret-data"`, `password = "<password>"`). */
function restatesName(value: string, name: string): boolean {
  const v = normalName(value);
  return v !== "" && v === normalName(name);
}

/**
 * The bytes of `s` when it is {@link BASE64}; undefined otherwise. Base64 as
 * encoders write it comes back when decoded and encoded again, which is told
 * faster than by the pattern (tried where it does not).
 */
function base64Bytes(s: string): Buffer | undefined {
  BASE64_START.lastIndex = 0;
  if (!BASE64_START.test(s)) return undefined;
  const bytes = Buffer.from(s, "base64");
  return bytes.toString("base64") === s || BASE64.test(s) ? bytes : undefined;
}

/** UTF-8 text of base64 `bytes` when they decode to mostly printable text; undefined otherwise. */
function decodeBase64Text(bytes: Buffer): string | undefined {
  const text = bytes.toString("utf8");
  if (text.length > 0 && !NOT_PRINTABLE.test(text)) return text;
  let printable = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
  }
  return text.length > 0 && printable / text.length > 0.95 ? text : undefined;
}

function describe(name: string): string {
  return normalName(name).replace(/_/g, " ") || "secret";
}

// What text cannot hold, decided without reading it all the long way. Every
// secret name holds a secret name word (secretNameWordAt); the scan finds
// something by name only where a secret name is written, so it is enough to
// look around each such word. These answers may say "may" where the scan
// finds nothing, never "cannot" where it finds something.

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
function hasBase64Run(text: string, min: number): boolean {
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

/**
 * Whether a script `NAME=value` could assign a literal secret in `text` (so
 * {@link ASSIGNMENT} must be read). A secret assignment's name holds a secret
 * name word; the name is the whole run of name characters up to the `=` or
 * `:` and starts where the run starts or after a `-` (`--password=`); each
 * such name around each word is tried with the rest of the pattern.
 */
function mayAssignSecret(text: string): boolean {
  let judged = 0;
  for (let at = secretNameWordAt(text, 0); at !== -1; at = secretNameWordAt(text, at + 1)) {
    if (at < judged || !isNameChar(text.charCodeAt(at))) continue;
    let start = at;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
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
 */
function jsonMayHoldSecret(text: string): Maybe {
  if (hasBase64Run(text, 24)) return "may";
  let asLines: Maybe = "no";
  let judged = 0;
  let open = -1;
  let close = -1;
  for (let at = secretNameWordAt(text, 0); at !== -1; at = secretNameWordAt(text, at + 1)) {
    if (at > close) {
      open = text.lastIndexOf('"', at);
      close = text.indexOf('"', at);
      if (open === -1 || close === -1 || namesLiteral(text, open, close)) return "may";
    }
    if (at < judged || !isNameChar(text.charCodeAt(at))) continue;
    let start = at;
    while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isNameChar(text.charCodeAt(end))) end++;
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
type Maybe = "no" | "as lines" | "may";

/**
 * Whether the JSON string `text(open, close)` may name a literal: as a key
 * whose value gives one, or as the name of a pair whose value (any of
 * {@link PAIR_VALUES} beside it) gives one; or it names an AWS credentials
 * file (a `destination`).
 */
function namesLiteral(text: string, open: number, close: number): boolean {
  if (text.startsWith(".aws/credentials", close - 16) && AWS_CREDENTIALS_FILE.test(text.slice(open + 1, close))) return true;
  const after = skipSpace(text, close + 1, 1);
  if (text.charCodeAt(after) === COLON) {
    const key = text.slice(open + 1, close);
    return isSecretName(key) && givesLiteral(text, skipSpace(text, after + 1, 1), key, 0);
  }
  const colon = skipSpace(text, open - 1, -1);
  if (text.charCodeAt(colon) !== COLON) return false; // an array's element
  const keyClose = skipSpace(text, colon - 1, -1);
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
  let i = skipSpace(text, start + 1, 1);
  if (text.charCodeAt(i) === 93) return;
  for (;;) {
    if (each(i)) return;
    i = skipSpace(text, valueEnd(text, i), 1);
    if (text.charCodeAt(i) !== 44) return;
    i = skipSpace(text, i + 1, 1);
  }
}

/** Calls `each` with each key of the JSON object at `start` and where its value starts, until it returns true. */
function members(text: string, start: number, each: (key: string, at: number) => boolean): void {
  let i = skipSpace(text, start + 1, 1);
  while (text.charCodeAt(i) === QUOTE) {
    const close = text.indexOf('"', i + 1);
    const at = skipSpace(text, skipSpace(text, close + 1, 1) + 1, 1);
    if (each(text.slice(i + 1, close), at)) return;
    i = skipSpace(text, valueEnd(text, at), 1);
    if (text.charCodeAt(i) !== 44) return;
    i = skipSpace(text, i + 1, 1);
  }
}

/** The first index from `i` on (`step` 1) or back (`step` -1) that is not JSON whitespace. */
function skipSpace(text: string, i: number, step: 1 | -1): number {
  for (;; i += step) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
}

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
      if (depth === 0) return c === 123 ? i : -1;
      depth--;
    }
  }
  return -1;
}
