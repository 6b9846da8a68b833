import { Duration, boundedDuration, parseDuration, formatDuration } from "../core/duration";
import { PropContext, ZspError } from "../core/errors";

/** A Vault mount path or object name: letters, digits, `_`, `.`, `-`, `/` inside, no leading or trailing slash. */
const VAULT_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Validates a Vault mount path or object name and returns it. */
export function vaultName(value: unknown, ctx: PropContext, example: string): string {
  if (typeof value !== "string" || !VAULT_NAME.test(value)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(value)} is not a Vault path or name`, fix: `use letters, digits, _ . - and inner /, e.g. "${example}"` });
  }
  return value;
}

/**
 * Renders ownership tags as the one-line text Vault objects that take a
 * description carry: `zsp:owner=team-payments; zsp:contact=…; …`.
 * Vault has no tags; the description is what `vault secrets list -detailed`
 * and `vault audit list -detailed` show to whoever asks who owns a mount.
 */
export function ownershipDescription(tags: Readonly<Record<string, string>>): string {
  return Object.entries(tags).map(([key, value]) => `${key}=${value}`).join("; ");
}

/**
 * A TTL pair (`default`/`max` or `ttl`/`max_ttl`), both required to be
 * positive and at most `bound`; `default` at most `max`. Vault reads 0 (or an
 * unset value) as "system default", 32 days on a default server, so the pair
 * is always written out explicitly and never as 0.
 */
export interface TtlPair {
  /** Default (initial) TTL, seconds. */
  readonly ttl: number;
  /** Maximum TTL, seconds. */
  readonly maxTtl: number;
}

/**
 * Parses and bounds a TTL pair. `max` falls back to `fallbackMax` and `ttl`
 * to `min(fallbackTtl, max)`; both must lie in `[floor, bound]`.
 */
export function boundedTtlPair(
  props: { readonly ttl?: Duration; readonly maxTtl?: Duration },
  fallback: { readonly ttl: Duration; readonly maxTtl: Duration },
  bound: number,
  boundName: string,
  ctx: { readonly ttl: PropContext; readonly maxTtl: PropContext },
  floor = 1,
): TtlPair {
  const fallbackMax = Math.min(parseDuration(fallback.maxTtl, ctx.maxTtl), bound);
  const maxTtl = bounded(props.maxTtl, fallbackMax, bound, ctx.maxTtl, boundName);
  const fallbackTtl = Math.min(parseDuration(fallback.ttl, ctx.ttl), maxTtl);
  const ttl = bounded(props.ttl, fallbackTtl, bound, ctx.ttl, boundName);
  if (ttl > maxTtl) {
    throw new ZspError({ ...ctx.ttl, problem: `${formatDuration(ttl)} is longer than the maximum of ${formatDuration(maxTtl)}`, fix: "make the default TTL at most the maximum TTL" });
  }
  for (const [value, where] of [[ttl, ctx.ttl], [maxTtl, ctx.maxTtl]] as const) {
    if (value < floor) {
      throw new ZspError({ ...where, problem: `${formatDuration(value)} is below the minimum of ${formatDuration(floor)} the backend accepts`, fix: `use at least ${formatDuration(floor)}` });
    }
  }
  return { ttl, maxTtl };
}

const PROFILE_BOUNDS: ReadonlySet<string> = new Set(["maxSession", "maxStsTtl", "maxLease", "maxTokenTtl", "maxAgentIntentTtl"]);

/** `boundedDuration` for profile bounds; for other bounds (a mount's max lease, a role's max session) a message naming that bound. */
function bounded(value: Duration | undefined, fallback: Duration, max: number, ctx: PropContext, boundName: string): number {
  if (PROFILE_BOUNDS.has(boundName)) return boundedDuration(value, fallback, max, ctx, boundName);
  const seconds = parseDuration(value ?? fallback, ctx);
  if (seconds > max) {
    throw new ZspError({ ...ctx, problem: `${formatDuration(seconds)} exceeds the ${boundName} of ${formatDuration(max)}`, fix: `use at most ${formatDuration(max)}, or raise the ${boundName}` });
  }
  return seconds;
}
