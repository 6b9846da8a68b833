import { isJsonWithoutEscapes } from "./json-text";
import { UNKNOWN, isExpression, isRecord } from "./model";
import { hasBase64Run, jsonMayHoldSecret, mayAssignSecret } from "./secret-absence";
import { secretFormatIn, secretFormatInBase64 } from "./secret-formats";
import { ASSIGNMENT, AWS_CREDENTIALS_FILE, MAX_DEPTH, PAIR_NAMES, PAIR_VALUES, assignsSecret, isLiteralValue, restatesName } from "./secret-literal";
import { isSecretName, isSettingName, normalName } from "./secret-names";

export { isLiteralValue } from "./secret-literal";

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
/** Shortest text read for formats and nested content. */
const MIN_FORMAT = 16;
/** In HCL expression text: `name = "literal"` / `"name": "literal"` (no interpolation in the literal). */
const HCL_ATTRIBUTE = /(?:^|[{,(\s])"?([A-Za-z_][\w.-]*)"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"/g;
/** In HCL expression text: `{name = "N", value = "V"}` in either order. */
const HCL_PAIR = /\{\s*"?name"?\s*[=:]\s*"([^"]*)"\s*,\s*"?value"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"|\{\s*"?value"?\s*[=:]\s*"((?:[^"\\$]|\\.)*)"\s*,\s*"?name"?\s*[=:]\s*"([^"]*)"/gi;
/** A quoted string literal in HCL expression text. */
const HCL_STRING = /"((?:[^"\\]|\\.)*)"/g;
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
 * The planned value beside member or element `key` of a configuration value,
 * given `beside`, the planned value beside that value (an array or record
 * when the plan has one there).
 */
function besideAt(beside: unknown, key: string | number): unknown {
  return beside === NOT_PLANNED ? NOT_PLANNED : (beside as Record<string | number, unknown> | undefined)?.[key];
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
      const b = besideAt(beside, i);
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
    const b = besideAt(beside, k);
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
    const v = written(value[k], besideAt(beside, k));
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
