import { isExpression } from "./model";
import { isSecretName, normalName } from "./secret-names";

/**
 * What the secret scan (ZSP010, secret-scan.ts) counts as a literal secret,
 * wherever it reads one: a literal value under a secret name, a script's
 * `NAME=value`, a `{"name": N, "value": V}` pair. Shared by the scan and by
 * what tells where it need not look (secret-absence.ts).
 */

/** How deep the scan reads a value (its nesting, and text inside text). */
export const MAX_DEPTH = 12;
/** Shortest value a `NAME=value` line in a script counts as a secret (`FOO`, `bar` are examples, not keys). */
const MIN_SCRIPT_SECRET = 6;
/** The members that name a `{"name": N, "value": V}` pair (the first present with a string value). */
export const PAIR_NAMES = ["name", "Name", "key", "Key", "ParameterKey", "parameter_key"];
/** The members that hold a pair's value. */
export const PAIR_VALUES = ["value", "Value", "ParameterValue", "parameter_value"];
const NOT_A_VALUE = /^(?:true|false|null|nil|none|yes|no|on|off|enabled|disabled|required|optional|auto|default|minutes|seconds|hours|days|\*+|x+)$/i;
const REFERENCE = /^(?:arn:|\$|\{\{|%\{|`|<%|\/|\.\.?\/|~\/|file:\/\/|s3:\/\/|ssm:|secretsmanager:|vault:|projects\/[^/]+\/secrets\/|https:\/\/[^/]+\.vault\.azure\.net\/)/i;
/** A file provisioner's `destination` that places static AWS keys on the host. */
export const AWS_CREDENTIALS_FILE = /(?:^|\/)\.aws\/credentials$/;

/** What follows an assignment's name in a script: `=` or `:` (not `://`), then the value (group 1). */
const ASSIGNED = String.raw`["']?\s*(?:=|:(?![/\\]))[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|,}]+)`;
/** `NAME=value`, `export NAME="value"`, `--name=value`, `name: value` in a script or configuration file. */
export const ASSIGNMENT = new RegExp(String.raw`(?:^|[\s;&|(])(?:export\s+|set\s+|ENV\s+)?-{0,2}["']?([A-Za-z_][A-Za-z0-9_.-]*)` + ASSIGNED, "g");
/** {@link ASSIGNED} tried right after a name (sticky). */
export const ASSIGNED_AT = new RegExp(ASSIGNED, "y");

/** Whether a literal string, found under a secret name, is a value at all (not a setting word, a reference or a path). */
export function isLiteralValue(text: string): boolean {
  const t = text.trim().replace(/^["']|["']$/g, "");
  return t !== "" && !NOT_A_VALUE.test(t) && !REFERENCE.test(t) && !isExpression(t);
}

/** Whether a script's `key=value` ({@link ASSIGNMENT}) assigns a literal secret. */
export function assignsSecret(key: string, value: string): boolean {
  if (!isSecretName(key)) return false;
  const raw = value.replace(/^["']|["']$/g, "");
  return raw.length >= MIN_SCRIPT_SECRET && isLiteralValue(raw) && !restatesName(raw, key);
}

/** A placeholder that restates its own name (`secret_data = "secret-data"`, `password = "<password>"`). */
export function restatesName(value: string, name: string): boolean {
  const v = normalName(value);
  return v !== "" && v === normalName(name);
}
