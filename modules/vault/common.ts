import { Construct } from "constructs";
import { Duration, boundedDuration, parseDuration, formatDuration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { requireLiteral, requireProps } from "../core/shape";
import { vault } from "../../provider-shim/vault-bindings";
import { providerOf } from "../core/provider-scope";

/** A Vault mount path or object name: letters, digits, `_`, `.`, `-`, `/` inside, no leading or trailing slash. */
const VAULT_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;

/** Validates a Vault mount path or object name and returns it. */
export function vaultName(value: unknown, ctx: PropContext, example: string): string {
  requireLiteral(value, ctx);
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
  requireLiteral(props.ttl, ctx.ttl);
  requireLiteral(props.maxTtl, ctx.maxTtl);
  const fallbackMax = Math.min(parseDuration(fallback.maxTtl, ctx.maxTtl), bound);
  const maxTtl = boundedDuration(props.maxTtl, fallbackMax, bound, ctx.maxTtl, boundName);
  const fallbackTtl = Math.min(parseDuration(fallback.ttl, ctx.ttl), maxTtl);
  const ttl = boundedDuration(props.ttl, fallbackTtl, bound, ctx.ttl, boundName);
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

/**
 * The start of every `addRole`/`addConnection`: validates `name` as a Vault
 * name, refuses a second object of that name on the mount, checks that
 * `props` is an object, and returns the context (`<construct path>/<name>`,
 * prop `props`) that the object's own errors name.
 */
export function objectContext(
  owner: { readonly node: { readonly path: string } },
  mountPath: string,
  kind: "role" | "connection",
  name: unknown,
  taken: { has(name: string): boolean },
  props: unknown,
  example: string,
): PropContext {
  vaultName(name, { path: owner.node.path, prop: "name" }, example);
  if (taken.has(name as string)) {
    throw new ZspError({ path: owner.node.path, prop: "name", problem: `${kind} "${String(name)}" already exists on ${mountPath}`, fix: `give each ${kind} a unique name` });
  }
  const ctx: PropContext = { path: `${owner.node.path}/${String(name)}`, prop: "props" };
  requireProps(props, ctx, `pass the ${kind}'s props object`);
  return ctx;
}

/**
 * A secrets mount's lease pair (`default_lease_ttl_seconds` /
 * `max_lease_ttl_seconds`), from the `defaultLeaseTtl` / `maxLeaseTtl` props,
 * bounded by the profile's `maxLease`.
 */
export function mountLeases(
  props: { readonly defaultLeaseTtl?: Duration; readonly maxLeaseTtl?: Duration },
  fallback: { readonly ttl: Duration; readonly maxTtl: Duration },
  maxLease: number,
  ctx: PropContext,
): TtlPair {
  return boundedTtlPair(
    { ttl: props.defaultLeaseTtl, maxTtl: props.maxLeaseTtl },
    fallback,
    maxLease,
    "maxLease",
    { ttl: nested(ctx, "defaultLeaseTtl"), maxTtl: nested(ctx, "maxLeaseTtl") },
  );
}

/**
 * A role's `ttl` / `max_ttl` on a secrets mount: `ttl` defaults to 1 h and
 * `max_ttl` to the mount's max lease, both bounded by that max lease (which
 * is itself at most the profile's `maxLease`; the message names whichever is
 * the tighter), so what Terraform says is what Vault issues.
 */
export function roleTtlsUnderMount(
  props: { readonly ttl?: Duration; readonly maxTtl?: Duration },
  mount: { readonly path: string; readonly maxLeaseSeconds: number },
  profileMaxLease: number,
  ctx: PropContext,
): TtlPair {
  return boundedTtlPair(
    props,
    { ttl: "1h", maxTtl: mount.maxLeaseSeconds },
    mount.maxLeaseSeconds,
    mount.maxLeaseSeconds < profileMaxLease ? `max lease of mount ${mount.path}` : "maxLease",
    { ttl: nested(ctx, "ttl"), maxTtl: nested(ctx, "maxTtl") },
  );
}

/**
 * A generic secrets mount (`vault_mount`) of `type` with its lease pair
 * written explicitly (never 0) and the ownership as its description.
 * Returns the mount's path as a Terraform reference, so roles depend on it.
 */
export function secretsMount(scope: Construct, id: string, props: { readonly path: string; readonly type: "database" | "pki"; readonly lease: TtlPair; readonly description: string }): string {
  return new vault.Mount(scope, id, { ...providerOf(scope, "vault"),
    path: props.path,
    type: props.type,
    defaultLeaseTtlSeconds: props.lease.ttl,
    maxLeaseTtlSeconds: props.lease.maxTtl,
    description: props.description,
  }).path;
}
