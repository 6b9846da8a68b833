import { Duration, formatDuration, parseDuration } from "./duration";
import { REGION } from "./aws-names";
import { PropContext, ZspError } from "./errors";

/**
 * An organisation profile as written by people: in cdktf.json under the
 * context key `zsp`, in a JSON file, or in code. Every field is optional;
 * missing fields take the safe defaults of {@link DEFAULT_PROFILE}.
 */
export interface ZspProfileProps {
  /** Bounds IAM role `max_session_duration` and provider `assume_role` duration. Default `1h`; AWS allows 1h–12h. */
  readonly maxSession?: Duration;
  /** Bounds Vault AWS roles' `default_sts_ttl` / `max_sts_ttl`. Default `1h`. */
  readonly maxStsTtl?: Duration;
  /** Bounds Vault secrets mounts' leases, database role and PKI TTLs. Default `1h`. */
  readonly maxLease?: Duration;
  /** Bounds Vault auth roles' `token_ttl` / `token_max_ttl` / `token_explicit_max_ttl`. Default `15m`. */
  readonly maxTokenTtl?: Duration;
  /** Bounds each AI agent intent's TTL (the agent's Vault token; STS sessions are at least 15m, see docs/agents.md). Default `5m`. */
  readonly maxAgentIntentTtl?: Duration;
  /** Tag keys every taggable resource must carry. The four `zsp:*` keys are always required. */
  readonly requiredTags?: readonly string[];
  /** AWS regions providers and deny conditions may name. Default: any. */
  readonly allowedRegions?: readonly string[];
  /** Regular expression a `ticket` must match, e.g. `^[A-Z]+-[0-9]+$`. Default: any non-empty ticket. */
  readonly ticketPattern?: string;
  /** ARN of the organisation's permissions boundary; when set, JIT roles use it instead of creating one. */
  readonly boundaryArn?: string;
  /** What an access window that is already over is: `error` (default) or `warning`. */
  readonly expiredWindow?: "error" | "warning";
}

/** A validated profile: durations in seconds, lists complete. Plain data, safe to serialize. */
export interface ResolvedZspProfile {
  /** Max IAM session, seconds. */
  readonly maxSession: number;
  /** Max Vault STS TTL, seconds. */
  readonly maxStsTtl: number;
  /** Max Vault lease, seconds. */
  readonly maxLease: number;
  /** Max Vault token TTL, seconds. */
  readonly maxTokenTtl: number;
  /** Max AI agent intent TTL, seconds. */
  readonly maxAgentIntentTtl: number;
  /** Required tag keys, always including the `zsp:*` ownership keys. */
  readonly requiredTags: readonly string[];
  /** Allowed regions; undefined means any. */
  readonly allowedRegions?: readonly string[];
  /** Ticket pattern source; undefined means any non-empty ticket. */
  readonly ticketPattern?: string;
  /** Organisation boundary ARN, if any. */
  readonly boundaryArn?: string;
  /** Severity of an access window that is already over. */
  readonly expiredWindow: "error" | "warning";
}

/** Tag keys that are always required (see DESIGN.md vocabulary). */
export const ALWAYS_REQUIRED_TAGS: readonly string[] = ["zsp:owner", "zsp:contact", "zsp:purpose", "zsp:access"];

/** The defaults: the safe values DESIGN.md names. */
export const DEFAULT_PROFILE: ResolvedZspProfile = Object.freeze({
  maxSession: 3600,
  maxStsTtl: 3600,
  maxLease: 3600,
  maxTokenTtl: 900,
  maxAgentIntentTtl: 300,
  requiredTags: ALWAYS_REQUIRED_TAGS,
  expiredWindow: "error",
});

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "maxSession", "maxStsTtl", "maxLease", "maxTokenTtl", "maxAgentIntentTtl",
  "requiredTags", "allowedRegions", "ticketPattern", "boundaryArn", "expiredWindow",
]);
const POLICY_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/;
const AWS_MIN_MAX_SESSION = 3600;
const AWS_MAX_MAX_SESSION = 43200;

/**
 * Validates an untrusted profile value (parsed JSON, context, code) over
 * `base` and returns the resolved profile. Unknown keys, wrong types and
 * impossible values throw a {@link ZspError} naming `source` and the key.
 */
export function resolveProfile(input: unknown, source: string, base: ResolvedZspProfile = DEFAULT_PROFILE): ResolvedZspProfile {
  if (input === undefined || input === null) {
    return base;
  }
  const ctx = (prop: string): PropContext => ({ path: source, prop: `profile.${prop}` });
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new ZspError({ ...ctx("(root)"), problem: "a profile must be an object", fix: 'write an object such as {"maxSession": "1h"}' });
  }
  const props = input as Record<string, unknown>;
  for (const key of Object.keys(props)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new ZspError({ ...ctx(key), problem: "unknown profile key", fix: `use only ${[...KNOWN_KEYS].join(", ")}` });
    }
  }
  const duration = (key: keyof ZspProfileProps, current: number): number => {
    const value = props[key];
    if (value === undefined) return current;
    if (typeof value !== "string" && typeof value !== "number") {
      throw new ZspError({ ...ctx(key), problem: `expected a duration, got ${JSON.stringify(value)}`, fix: 'use a string such as "1h" or seconds' });
    }
    return parseDuration(value, ctx(key));
  };
  const maxSession = duration("maxSession", base.maxSession);
  if (maxSession < AWS_MIN_MAX_SESSION || maxSession > AWS_MAX_MAX_SESSION) {
    throw new ZspError({
      ...ctx("maxSession"),
      problem: `${formatDuration(maxSession)} is outside what IAM accepts for max_session_duration (1h to 12h)`,
      fix: "use 1h; enforce shorter sessions at the issuer (Vault max_sts_ttl, CI role-duration-seconds)",
    });
  }
  const stringList = (key: "requiredTags" | "allowedRegions"): string[] | undefined => {
    const value = props[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v.length === 0)) {
      throw new ZspError({ ...ctx(key), problem: "expected a list of non-empty strings", fix: 'write e.g. ["eu-west-1"]' });
    }
    return value as string[];
  };
  const regions = stringList("allowedRegions");
  for (const region of regions ?? []) {
    if (!REGION.test(region)) {
      throw new ZspError({ ...ctx("allowedRegions"), problem: `"${region}" is not an AWS region name`, fix: 'use names such as "eu-west-1"' });
    }
  }
  const ticketPattern = optionalString(props, "ticketPattern", ctx);
  if (ticketPattern !== undefined) {
    try {
      new RegExp(ticketPattern);
    } catch (e) {
      throw new ZspError({ ...ctx("ticketPattern"), problem: `not a valid regular expression (${(e as Error).message})`, fix: "use e.g. ^[A-Z]+-[0-9]+$" });
    }
  }
  const boundaryArn = optionalString(props, "boundaryArn", ctx);
  if (boundaryArn !== undefined && !POLICY_ARN_PATTERN.test(boundaryArn)) {
    throw new ZspError({ ...ctx("boundaryArn"), problem: `"${boundaryArn}" is not an IAM policy ARN`, fix: "use arn:aws:iam::<account>:policy/<name>" });
  }
  const expiredWindow = props.expiredWindow ?? base.expiredWindow;
  if (expiredWindow !== "error" && expiredWindow !== "warning") {
    throw new ZspError({ ...ctx("expiredWindow"), problem: `expected "error" or "warning", got ${JSON.stringify(expiredWindow)}`, fix: 'use "error" (default) or "warning"' });
  }
  const extraTags = stringList("requiredTags") ?? base.requiredTags;
  return Object.freeze({
    maxSession,
    maxStsTtl: duration("maxStsTtl", base.maxStsTtl),
    maxLease: duration("maxLease", base.maxLease),
    maxTokenTtl: duration("maxTokenTtl", base.maxTokenTtl),
    maxAgentIntentTtl: duration("maxAgentIntentTtl", base.maxAgentIntentTtl),
    requiredTags: [...new Set([...ALWAYS_REQUIRED_TAGS, ...extraTags])],
    ...(regions ?? base.allowedRegions ? { allowedRegions: regions ?? base.allowedRegions } : {}),
    ...(ticketPattern ?? base.ticketPattern ? { ticketPattern: ticketPattern ?? base.ticketPattern } : {}),
    ...(boundaryArn ?? base.boundaryArn ? { boundaryArn: boundaryArn ?? base.boundaryArn } : {}),
    expiredWindow,
  });
}

function optionalString(props: Record<string, unknown>, key: string, ctx: (prop: string) => PropContext): string | undefined {
  const value = props[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0) {
    throw new ZspError({ ...ctx(key), problem: `expected a non-empty string, got ${JSON.stringify(value)}`, fix: "give a string or leave the key out" });
  }
  return value;
}

/**
 * Layers `input` over `base` so that it can only tighten: durations take the
 * smaller value, regions the intersection, required tags the union, an
 * existing ticket pattern is kept (a second one must match too), a second,
 * different boundary is refused (a role has one boundary, and neither may
 * silently replace the other), and `error` beats `warning`. Golden modules use this so that a
 * consumer's own profile can never loosen the organisation's.
 */
export function restrictProfile(base: ResolvedZspProfile, input: ZspProfileProps, source: string): ResolvedZspProfile {
  const wanted = resolveProfile(input, source, base);
  const regions = base.allowedRegions === undefined || input.allowedRegions === undefined
    ? wanted.allowedRegions
    : base.allowedRegions.filter((r) => wanted.allowedRegions?.includes(r));
  if (regions !== undefined && regions.length === 0) {
    throw new ZspError({ path: source, prop: "profile.allowedRegions", problem: "no region is allowed by both profiles", fix: `allow at least one of ${base.allowedRegions?.join(", ")}` });
  }
  if (base.boundaryArn !== undefined && input.boundaryArn !== undefined && input.boundaryArn !== base.boundaryArn) {
    throw new ZspError({
      path: source,
      prop: "profile.boundaryArn",
      problem: `a role has one permissions boundary, and the profile in force already names ${base.boundaryArn}; ${input.boundaryArn} cannot replace it here (either could be the looser one)`,
      fix: "use one boundary: remove boundaryArn from one of the two profiles",
    });
  }
  const ticketPattern = base.ticketPattern !== undefined && wanted.ticketPattern !== base.ticketPattern
    ? `(?=${base.ticketPattern})(?:${wanted.ticketPattern})`
    : wanted.ticketPattern;
  return Object.freeze({
    maxSession: Math.min(base.maxSession, wanted.maxSession),
    maxStsTtl: Math.min(base.maxStsTtl, wanted.maxStsTtl),
    maxLease: Math.min(base.maxLease, wanted.maxLease),
    maxTokenTtl: Math.min(base.maxTokenTtl, wanted.maxTokenTtl),
    maxAgentIntentTtl: Math.min(base.maxAgentIntentTtl, wanted.maxAgentIntentTtl),
    requiredTags: [...new Set([...base.requiredTags, ...wanted.requiredTags])],
    ...(regions !== undefined ? { allowedRegions: regions } : {}),
    ...(ticketPattern !== undefined ? { ticketPattern } : {}),
    ...((base.boundaryArn ?? wanted.boundaryArn) !== undefined ? { boundaryArn: base.boundaryArn ?? wanted.boundaryArn } : {}),
    expiredWindow: base.expiredWindow === "error" || wanted.expiredWindow === "error" ? "error" : "warning",
  });
}
