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
}

/** The formats ZSP010 recognises (docs/rules.md lists them). */
export const SECRET_FORMATS: readonly SecretFormat[] = [
  { what: "an AWS access key id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/ },
  { what: "a PEM private key", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { what: "a PuTTY private key", pattern: /PuTTY-User-Key-File-\d+:/ },
  { what: "a GitHub token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  { what: "a GitLab token", pattern: /(?<![A-Za-z0-9_])gl(?:pat|dt|rt|ptt|cbt|oas)-[A-Za-z0-9_-]{20,}/ },
  { what: "a Slack token", pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: "a Slack webhook URL", pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/ },
  { what: "a JSON Web Token", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/ },
  { what: "a Stripe secret key", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_live_[A-Za-z0-9]{20,}/ },
  { what: "a Google API key", pattern: /(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}/ },
  { what: "a Google service account key", pattern: /"type"\s*:\s*"service_account"[\s\S]*"private_key"\s*:\s*"-----BEGIN/ },
  { what: "a Vault token", pattern: /(?<![A-Za-z0-9])hv[sbr]\.[A-Za-z0-9_-]{20,}/ },
  { what: "an npm token", pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/ },
  { what: "a SendGrid API key", pattern: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/ },
  { what: "an OpenAI or Anthropic API key", pattern: /(?<![A-Za-z0-9_-])sk-(?:proj-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{32,}/ },
  { what: "a Twilio API key", pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/ },
  { what: "a Mailgun API key", pattern: /(?<![A-Za-z0-9])key-[0-9a-f]{32}(?![A-Za-z0-9])/ },
  { what: "an Azure storage account key", pattern: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { what: "static AWS credentials written to ~/.aws/credentials", pattern: /(?:>>?|\btee(?:\s+-a)?)\s*["']?[\w~$/.{}-]*\.aws\/credentials\b/ },
  { what: "a password in a URL", pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'{}$]+:(?!\{\{|\$\{|\$[A-Za-z_(]|%\{|<|\*+@)[^\s/@"']+@[^\s/]/i },
];

/** The first format `text` matches, if any. */
export function secretFormatIn(text: string): SecretFormat | undefined {
  for (const f of SECRET_FORMATS) if (f.pattern.test(text)) return f;
  return undefined;
}
