import { PropContext, ZspError, nested } from "../core/errors";
import { ResolvedZspProfile } from "../core/profile";

/**
 * Who owns a non-human identity and why it exists. Every taggable resource
 * the modules create carries these as `zsp:*` tags, so an NHI is never
 * orphaned (OWASP NHI Top 10; NIST CSF 2.0 PR.AA).
 */
export interface Ownership {
  /** The owning team, e.g. `team-payments`. */
  readonly owner: string;
  /** An email address or on-call alias, e.g. `payments-oncall@acme.example` or `@payments-oncall`. */
  readonly contact: string;
  /** Why this identity exists, in a few words. */
  readonly purpose: string;
  /** Change or incident ticket this access is tied to, e.g. `CHG-4821`; must match the profile's `ticketPattern`. */
  readonly ticket?: string;
  /** Further tags the organisation requires (`requiredTags` of the profile); cannot override `zsp:*` keys. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The access model of an identity, recorded in the `zsp:access` tag. */
export type AccessModel = "jit" | "break-glass" | "issuer" | "audit";

/** The ownership tag keys of DESIGN.md. */
export const OWNERSHIP_TAG_KEYS = {
  /** The owning team. */
  owner: "zsp:owner",
  /** Email or on-call alias. */
  contact: "zsp:contact",
  /** Why the identity exists. */
  purpose: "zsp:purpose",
  /** Access model: jit, break-glass, issuer or audit. */
  access: "zsp:access",
  /** Change or incident ticket. */
  ticket: "zsp:ticket",
} as const;

const ACCESS_MODELS: readonly AccessModel[] = ["jit", "break-glass", "issuer", "audit"];
/** Characters AWS accepts in tag keys and values. */
const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAG_KEY = 128;
const MAX_TAG_VALUE = 256;
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const ALIAS = /^@?[a-z0-9][a-z0-9._-]*$/;

/**
 * Validates `ownership` and returns the tags it stands for. Throws a
 * {@link ZspError} naming `ctx` for an empty owner, a contact that is neither
 * an email nor an alias, values AWS would reject, a ticket that does not match
 * the profile's pattern, or a missing required tag.
 */
export function ownershipTags(
  ownership: Ownership | undefined,
  access: AccessModel,
  profile: ResolvedZspProfile,
  ctx: PropContext,
): Record<string, string> {
  if (ownership === undefined || ownership === null || typeof ownership !== "object") {
    throw new ZspError({ ...ctx, problem: "ownership is required: every non-human identity has an owner", fix: 'pass { owner: "team-…", contact: "…@…", purpose: "…" }' });
  }
  if (!ACCESS_MODELS.includes(access)) {
    throw new ZspError({ ...nested(ctx, "access"), problem: `"${String(access)}" is not an access model`, fix: `use one of ${ACCESS_MODELS.join(", ")}` });
  }
  const owner = tagValue(ownership.owner, nested(ctx, "owner"), "the owning team, e.g. team-payments");
  const contact = tagValue(ownership.contact, nested(ctx, "contact"), "an email or on-call alias");
  if (!EMAIL.test(contact) && !ALIAS.test(contact)) {
    throw new ZspError({ ...nested(ctx, "contact"), problem: `"${contact}" is neither an email address nor an on-call alias`, fix: "use e.g. payments-oncall@acme.example or @payments-oncall" });
  }
  const purpose = tagValue(ownership.purpose, nested(ctx, "purpose"), "why the identity exists");
  const tags: Record<string, string> = {
    [OWNERSHIP_TAG_KEYS.owner]: owner,
    [OWNERSHIP_TAG_KEYS.contact]: contact,
    [OWNERSHIP_TAG_KEYS.purpose]: purpose,
    [OWNERSHIP_TAG_KEYS.access]: access,
  };
  if (ownership.ticket !== undefined) {
    tags[OWNERSHIP_TAG_KEYS.ticket] = validateTicket(ownership.ticket, profile, nested(ctx, "ticket"));
  }
  for (const [key, value] of Object.entries(ownership.tags ?? {})) {
    const keyCtx = nested(ctx, `tags["${key}"]`);
    if (key.startsWith("zsp:")) {
      throw new ZspError({ ...keyCtx, problem: "zsp:* tags are set from owner, contact, purpose and ticket", fix: "set the matching Ownership field instead" });
    }
    if (key.length === 0 || key.length > MAX_TAG_KEY || !AWS_TAG_CHARS.test(key) || key.toLowerCase().startsWith("aws:")) {
      throw new ZspError({ ...keyCtx, problem: "not a valid AWS tag key (1-128 characters of letters, digits, spaces and _.:/=+-@, not aws:)", fix: "rename the tag" });
    }
    tags[key] = tagValue(value, keyCtx, "a tag value", true);
  }
  const missing = profile.requiredTags.filter((key) => tags[key] === undefined);
  if (missing.length > 0) {
    throw new ZspError({ ...nested(ctx, "tags"), problem: `the profile requires tags ${missing.join(", ")}`, fix: `add ${missing.map((k) => `"${k}"`).join(", ")} to ownership.tags` });
  }
  return tags;
}

/** Validates a ticket id against the profile's `ticketPattern`. */
export function validateTicket(ticket: string, profile: ResolvedZspProfile, ctx: PropContext): string {
  const value = tagValue(ticket, ctx, "a ticket id such as CHG-4821");
  if (profile.ticketPattern !== undefined && !new RegExp(profile.ticketPattern).test(value)) {
    throw new ZspError({ ...ctx, problem: `"${value}" does not match the profile's ticket pattern ${profile.ticketPattern}`, fix: "give the change or incident ticket id in the organisation's format" });
  }
  return value;
}

function tagValue(value: unknown, ctx: PropContext, what: string, allowEmpty = false): string {
  if (typeof value !== "string" || (!allowEmpty && value.trim().length === 0)) {
    throw new ZspError({ ...ctx, problem: "must be a non-empty string", fix: `give ${what}` });
  }
  if (value.length > MAX_TAG_VALUE) {
    throw new ZspError({ ...ctx, problem: `${value.length} characters is over AWS's tag value limit of ${MAX_TAG_VALUE}`, fix: "shorten it" });
  }
  if (!AWS_TAG_CHARS.test(value)) {
    throw new ZspError({ ...ctx, problem: `"${value}" has characters AWS does not accept in tag values`, fix: "use letters, digits, spaces and _ . : / = + - @ only" });
  }
  return value;
}
