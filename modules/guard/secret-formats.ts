/**
 * Secrets recognised by their format wherever they appear (ZSP010 by
 * format): in any argument, map, list, nested JSON, user data or tag. Each
 * format is specific enough that a match is a credential whatever its name.
 */
export interface SecretFormat {
  /** What it is, for the finding's message. */
  readonly what: string;
  /** The pattern (unanchored, no `g` flag). */
  readonly pattern: RegExp;
  /**
   * Literal text that every match of {@link pattern} contains (at least one
   * of these, with the case as written): where none occurs, the pattern
   * cannot match and is not tried. Each starts with a character that is rare
   * in text (`yJ` of a JWT's `eyJ`, not `e`): they are looked for in every
   * text the scan reads.
   */
  readonly anchors: readonly string[];
}

const PASSWORD_IN_URL: SecretFormat = {
  what: "a password in a URL",
  pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'{}$]+:(?!\{\{|\$\{|\$[A-Za-z_(]|%\{|<|\*+@)[^\s/@"']+@[^\s/]/i,
  anchors: ["://"],
};

/** The formats ZSP010 recognises (docs/rules.md lists them). */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  { what: "an AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/, anchors: ["AKIA", "ASIA", "ABIA", "ACCA"] },
  { what: "a PEM private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, anchors: ["PRIVATE KEY"] },
  { what: "a PuTTY private key", pattern: /PuTTY-User-Key-File-\d+:/, anchors: ["PuTTY-User-Key-File-"] },
  { what: "a GitHub token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/, anchors: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"] },
  { what: "a GitLab token", pattern: /(?<![A-Za-z0-9_])gl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/, anchors: ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-"] },
  { what: "a Slack token", pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/, anchors: ["xox"] },
  { what: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/, anchors: ["slack.com/"] },
  { what: "a JSON Web Token", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/, anchors: ["yJ"] },
  { what: "a Stripe secret key", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{20,}/, anchors: ["_live_"] },
  { what: "a Google API key", pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}/, anchors: ["AIza"] },
  { what: "a Google service account key", pattern: /"type"\s*:\s*"service_account"[\s\S]*"private_key"\s*:\s*"-----BEGIN/, anchors: ['_account"'] },
  { what: "a Vault token", pattern: /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{20,}/, anchors: ["vs.", "vb.", "vr."] },
  { what: "an npm token", pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/, anchors: ["pm_"] },
  { what: "a SendGrid API key", pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/, anchors: ["SG."] },
  { what: "an OpenAI or Anthropic API key", pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{32,}/, anchors: ["sk-"] },
  { what: "a Twilio API key", pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/, anchors: ["SK"] },
  { what: "a Mailgun API key", pattern: /(?<![A-Za-z0-9])key-[0-9a-f]{32}(?![A-Za-z0-9])/, anchors: ["key-"] },
  { what: "an Azure storage account key", pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/, anchors: ["AccountKey="] },
  { what: "static AWS credentials written to ~/.aws/credentials", pattern: /(?:>>?|\btee(?:\s+-a)?)\s*["']?[\w~$/.{}-]*\.aws\/credentials\b/, anchors: ["ws/cred"] },
  PASSWORD_IN_URL,
];

/**
 * The first format `text` matches, if any. One pass looks for the anchors of
 * every format but the URL one (most text holds none); a format's pattern is
 * tried only where its anchor occurs, and a URL's password only after each
 * `://` ({@link hasPasswordInUrl}, the same match as its pattern).
 */
export function secretFormatIn(text: string): SecretFormat | undefined {
  if (ANCHORS.test(text)) {
    for (const f of SECRET_FORMATS) if (f.anchors.some((a) => text.includes(a)) && matches(f, text)) return f;
    return undefined;
  }
  return hasPasswordInUrl(text) ? PASSWORD_IN_URL : undefined;
}

const ANCHORS = new RegExp(alternation(SECRET_FORMATS.filter((f) => f !== PASSWORD_IN_URL).flatMap((f) => f.anchors)));

/**
 * {@link secretFormatIn} for text made of base64 characters only
 * (`[A-Za-z0-9+/=]`, as `user_data_base64`): every match holds an anchor of
 * its format, so only formats with an anchor of those characters can match,
 * and only those anchors are looked for.
 */
export function secretFormatInBase64(text: string): SecretFormat | undefined {
  if (!BASE64_ANCHORS.test(text)) return undefined;
  for (const f of BASE64_FORMATS) if (f.anchors.some((a) => text.includes(a)) && matches(f, text)) return f;
  return undefined;
}

const isBase64Anchor = (a: string): boolean => /^[A-Za-z0-9+/=]+$/.test(a);
const BASE64_FORMATS = SECRET_FORMATS.filter((f) => f.anchors.some(isBase64Anchor));
const BASE64_ANCHORS = new RegExp(alternation(BASE64_FORMATS.flatMap((f) => f.anchors.filter(isBase64Anchor))));

/**
 * A pattern matching any of `words`, factored by common prefix
 * (`A(?:KIA|SIA|...)`): the regular expression engine tries fewer
 * alternatives at each character.
 */
function alternation(words: readonly string[]): string {
  return [...new Set(words.map((w) => w.charAt(0)))]
    .map((c) => {
      const rests = words.filter((w) => w.charAt(0) === c).map((w) => w.slice(1));
      return escape(c) + (rests.length === 1 ? escape(rests[0] ?? "") : `(?:${alternation(rests)})`);
    })
    .join("|");
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function matches(f: SecretFormat, text: string): boolean {
  return f === PASSWORD_IN_URL ? hasPasswordInUrl(text) : f.pattern.test(text);
}

/** The URL pattern after its `://`, tried from there (sticky). */
const AFTER_SCHEME = /[^\s/:@"'{}$]+:(?!\{\{|\$\{|\$[A-Za-z_(]|%\{|<|\*+@)[^\s/@"']+@[^\s/]/iy;

/**
 * Whether {@link PASSWORD_IN_URL}'s pattern matches `text`, looking only at
 * each `://`: its scheme is the whole run of scheme characters before it
 * (the pattern's look-behind), which must start with a letter.
 */
function hasPasswordInUrl(text: string): boolean {
  for (let i = text.indexOf("://"); i !== -1; i = text.indexOf("://", i + 1)) {
    let start = i;
    while (start > 0 && isSchemeChar(text.charCodeAt(start - 1))) start--;
    if (start === i || !isLetter(text.charCodeAt(start)) || !hasUserInfo(text, i + 3)) continue;
    AFTER_SCHEME.lastIndex = i + 3;
    if (AFTER_SCHEME.test(text)) return true;
  }
  return false;
}

/**
 * Whether an `@` comes after `from` before a space, `/` or quote: the
 * pattern's user and password are made of other characters (most URLs have
 * no user: their host ends at the first `/`).
 */
function hasUserInfo(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return true;
    if (c <= 32 || c === 47 || c === 34 || c === 39) return false;
  }
  return false;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** `[a-z0-9+.-]`, case-insensitive. */
function isSchemeChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 46 || c === 45;
}
