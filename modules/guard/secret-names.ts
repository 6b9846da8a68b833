/**
 * Which names hold secrets (ZSP010 by name). A name is an argument, a map
 * key, an environment variable, an ECS `{"name", "value"}` pair's name or a
 * shell assignment's left side. It is compared in one normal form: camelCase
 * split, lower case, every run of other characters as `_`
 * (`DB_PASSWORD`, `dbPassword`, `db-password` → `db_password`).
 *
 * The reference is the providers' own sensitive arguments (AWS, Google,
 * Azure, GitHub, Vault: `password`, `master_password`, `secret_string`,
 * `plaintext_value`, `passwords`, `private_key`, `api_key`, `token`,
 * `client_secret`, `raw_key`, ...) plus the environment-variable spellings
 * of the same (`AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`).
 */

/**
 * The last word(s) of a secret's name (after normalization). A name is a
 * secret when it equals one of these or ends with `_` + one of these,
 * optionally followed by `_wo` (a write-only argument), and no setting
 * suffix ({@link SETTING_SUFFIXES}) follows.
 */
export const SECRET_NAME_ENDINGS: readonly string[] = [
  "password", "passwords", "passwd", "pwd", "pass", "passphrase", "pass_phrase",
  "secret", "secrets", "secret_key", "secret_access_key", "client_secret", "secret_string", "secret_binary",
  "token", "tokens", "access_token", "refresh_token", "auth_token", "api_token", "bearer_token",
  "private_key", "private_key_pem", "priv_key", "signing_key", "encryption_key", "master_key", "raw_key", "key_raw", "rsa_encrypted_key",
  "api_key", "apikey", "access_key", "account_key", "auth_key", "app_key", "license_key",
  "plaintext_value", "plaintext", "credential", "credentials", "bindpass", "jwt", "oauth_token", "connection_string",
];

/**
 * Setting and reference suffixes: a name ending with one of these names a
 * setting about a secret, or where a secret lives, not the secret itself
 * (`token_validity_units`, `secret_id`, `secret_arn`, `password_length`,
 * `auth_token_update_strategy`, `password_wo_version`, `private_key_path`).
 */
export const SETTING_SUFFIXES: readonly string[] = [
  "id", "ids", "arn", "arns", "name", "names", "ttl", "length", "units", "unit", "version", "versions", "type", "types",
  "count", "enabled", "policy", "path", "paths", "file", "files", "location", "uri", "url", "urls", "endpoint", "algorithm",
  "format", "mode", "rotation", "days", "seconds", "minutes", "hours", "interval", "period", "validity", "expiry",
  "expiration", "age", "min", "max", "size", "bits", "header", "prefix", "suffix", "source", "ref", "reference",
  "selector", "strategy", "description", "label", "labels", "hash", "sha", "checksum", "kms_key", "template", "field",
  "required", "reset_required", "provider", "usage", "scope", "scopes", "audience",
  "issuer", "method", "complexity", "history",
  "reuse_prevention", "wo_version", "lifetime", "duration", "limit", "timeout", "retention", "status", "state",
];

/** Leading words that make a name a setting (`manage_master_user_password`, `enable_token_auth`). */
export const SETTING_PREFIXES: readonly string[] = [
  "manage", "managed", "require", "requires", "enable", "enabled", "allow", "use", "is", "has", "create", "generate",
  "rotate", "skip", "include", "exclude", "auto", "min", "max", "minimum", "maximum", "number", "num", "disable",
  "ignore", "random", "no", "show", "store", "expose", "restrict", "bypass", "force", "recovery_window",
];

/** Normal form of a name: camelCase split, lower case, other characters as `_`. */
export function normalName(name: string): string {
  return normalNames(name);
}

/**
 * `judge` computed once per name: names repeat across thousands of resources
 * (`tags`, `policy`, `environment`, `SETTING_1_TTL`). The memory is bounded
 * (emptied past 100,000 names).
 */
function perName<T>(judge: (name: string) => T): (name: string) => T {
  const known = new Map<string, T>();
  return (name) => {
    let v = known.get(name);
    if (v === undefined) {
      if (known.size > 100_000) known.clear();
      known.set(name, (v = judge(name)));
    }
    return v;
  };
}

const normalNames = perName(normalize);

function normalize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const ENDINGS = [...SECRET_NAME_ENDINGS].sort((a, b) => b.length - a.length);
const SETTING_END = new RegExp(`(?:^|_)(?:${[...SETTING_SUFFIXES].sort((a, b) => b.length - a.length).join("|")})$`);
const SETTING_START = new RegExp(`^(?:${SETTING_PREFIXES.join("|")})_`);
const SECRET_END = new RegExp(`(?:^|_)(?:${ENDINGS.join("|")})(?:_wo)?$`);

/** Whether a name is a setting or reference rather than a value (see {@link SETTING_SUFFIXES}). */
export function isSettingName(name: string): boolean {
  return settingNames(name);
}

/** Whether a literal under this name is a secret (`DB_PASSWORD`, `clientSecret`, `passwords`, `password_wo`). */
export function isSecretName(name: string): boolean {
  return secretNames(name);
}

const settingNames = perName((name) => {
  const n = normalName(name);
  return SETTING_END.test(n) || SETTING_START.test(n);
});

const secretNames = perName((name) => {
  const n = normalName(name);
  if (n === "" || !SECRET_END.test(n)) return false;
  return !SETTING_START.test(n) && !SETTING_END.test(n.replace(/_wo$/, ""));
});

/**
 * Words one of which every secret name holds, in any case (`DB_PASSWORD`
 * holds `pass`, `clientSecret` holds `cret`, `authToken` holds `ken`): text
 * holding none of them names no secret. Each {@link SECRET_NAME_ENDINGS}
 * entry holds one of the chosen words, which start with letters rare in
 * text (they are looked for in whole documents); an ending added later that
 * holds none brings its last word.
 */
export const SECRET_NAME_WORDS: readonly string[] = wordsOfEndings(["pass", "pwd", "plaintext", "cret", "credential", "connection", "key", "ken", "jwt"]);

function wordsOfEndings(chosen: readonly string[]): readonly string[] {
  const more = SECRET_NAME_ENDINGS.filter((e) => !chosen.some((w) => e.includes(w))).map((e) => e.slice(e.lastIndexOf("_") + 1));
  return [...new Set([...chosen, ...more])];
}

/**
 * {@link SECRET_NAME_WORDS} in any case. A name's normal form is its lower
 * case split into words, so a secret name's word is in the name's lower case;
 * the one character outside ASCII whose lower case is an ASCII letter, the
 * Kelvin sign (lower case `k`), is matched where `k` is.
 */
const SECRET_NAME_WORD = new RegExp(SECRET_NAME_WORDS.map((w) => w.replace(/k/g, "[k\\u212a]")).join("|"), "gi");

/**
 * Where in `text`, at or after `from`, a {@link SECRET_NAME_WORDS} word
 * starts (any case; overlapping words each count): -1 if none. Every secret
 * name ({@link isSecretName}) written in `text` holds one.
 */
export function secretNameWordAt(text: string, from: number): number {
  SECRET_NAME_WORD.lastIndex = from;
  return SECRET_NAME_WORD.exec(text)?.index ?? -1;
}
