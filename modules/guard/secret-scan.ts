import { isExpression, isRecord } from "./model";
import { secretFormatIn } from "./secret-formats";
import { isSecretName, isSettingName, normalName } from "./secret-names";

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
}

const PLAIN: Mode = { all: false, formatOnly: false };
const FORMAT_ONLY: Mode = { all: false, formatOnly: true };
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
const ASSIGNMENT = /(?:^|[\s;&|(])(?:export\s+|set\s+|ENV\s+)?-{0,2}["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:(?![/\\]))[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|,}]+)/g;

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
  walk(value, name, path, all ? { all: true, formatOnly: false } : PLAIN, hits, 0);
  return hits;
}

function walk(value: unknown, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === "string") {
    text(value, name, path, mode, hits, depth);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (!inert(v, name, mode)) walk(v, name, `${path}[${i}]`, mode, hits, depth + 1);
    }
  } else if (isRecord(value)) {
    object(value, name, path, mode, hits, depth);
  }
}

function object(value: Record<string, unknown>, parent: string, path: string, mode: Mode, hits: SecretHit[], depth: number): void {
  const pairName = pairNameOf(value);
  const pairValue = pairName === undefined ? undefined : PAIR_VALUES.find((k) => k in value);
  for (const k of Object.keys(value)) {
    if (k === "//") continue;
    const v = value[k];
    if (k === "tags" || k === "tags_all" || k === "labels") {
      walk(v, k, member(path, k), FORMAT_ONLY, hits, depth + 1);
    } else if (k === "destination" && typeof v === "string" && AWS_CREDENTIALS_FILE.test(v)) {
      // a file provisioner placing an AWS credentials file on the host: static keys on the instance
      hits.push({ path: member(path, k), what: "static AWS credentials copied to ~/.aws/credentials" });
    } else if (pairName !== undefined && k === pairValue) {
      walk(v, pairName, `${path}[${pairName}]`, mode, hits, depth + 1);
    } else if (k === "value" && !mode.formatOnly && isSecretName(parent)) {
      // a secret-named block's value: api_key { key = "x-api-key", value = "..." }
      walk(v, parent, member(path, k), mode, hits, depth + 1);
    } else if (!inert(v, k, mode)) {
      const setting = typeof v === "object" && v !== null && isSettingName(k);
      walk(v, k, member(path, k), setting ? FORMAT_ONLY : mode, hits, depth + 1);
    }
  }
}

/** The path of member `k` of the object at `path`. */
function member(path: string, k: string): string {
  return path ? `${path}.${k}` : k;
}

/** The name of a `{"name": N, "value": V}` pair ({@link PAIR_NAMES}), if `value` is one. */
function pairNameOf(value: Record<string, unknown>): string | undefined {
  for (const k of PAIR_NAMES) {
    const v = value[k];
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
  const format = secretFormatIn(value);
  if (format) {
    hits.push({ path, what: format.what });
    return;
  }
  if (expression) {
    if (!mode.formatOnly) inExpression(value, name, path, mode, hits, depth);
    return;
  }
  nested(value, name, path, mode, hits, depth);
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
    if (literal.length >= 16 && !isExpression(literal)) nested(literal, isBootScript(name) ? name : "", path, mode, hits, depth + 1);
  }
}

/** Text inside text: JSON documents, base64, scripts and configuration files. */
function nested(value: string, name: string, path: string, mode: Mode, hits: SecretHit[], depth: number): void {
  const trimmed = value.trim();
  const first = trimmed[0];
  if ((first === "{" || first === "[") && (trimmed.endsWith("}") || trimmed.endsWith("]"))) {
    try {
      walk(JSON.parse(trimmed) as unknown, "", path, mode, hits, depth + 1);
      return;
    } catch {
      // not JSON: HCL or another format, read as lines below
    }
  }
  if (trimmed.length % 4 === 0 && BASE64.test(trimmed)) {
    const decoded = decodeBase64Text(trimmed);
    if (decoded !== undefined) {
      // A boot script stays one when encoded (user_data_base64); other names do not carry over.
      walk(decoded, isBootScript(name) ? name : "", `${path} (base64)`, PLAIN, hits, depth + 1);
      return;
    }
  }
  if (isBootScript(name) && hasBareKeyLine(value.includes("-----BEGIN ") ? value.replace(PEM_BLOCK, "") : value)) {
    hits.push({ path, what: "a bare 40-character key (the form of an AWS secret access key) on a line of its own in a boot script" });
    return;
  }
  if (mode.formatOnly || (!value.includes("=") && !value.includes(":"))) return;
  for (const m of value.matchAll(ASSIGNMENT)) {
    const key = m[1] ?? "";
    if (!isSecretName(key)) continue;
    const raw = (m[2] ?? "").replace(/^["']|["']$/g, "");
    if (raw.length >= MIN_SCRIPT_SECRET && isLiteralValue(raw) && !restatesName(raw, key)) {
      hits.push({ path: `${path} (${key}=...)`, what: `a literal ${describe(key)}` });
    }
  }
}

/**
 * Whether a line of `script` is {@link BARE_SECRET_KEY_LINE}: the pattern is
 * tried at each line's start only (the places its `^` matches), not at every
 * character.
 */
function hasBareKeyLine(script: string): boolean {
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

/** UTF-8 text of base64 `s` when it decodes to mostly printable text; undefined otherwise. */
function decodeBase64Text(s: string): string | undefined {
  const text = Buffer.from(s, "base64").toString("utf8");
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
