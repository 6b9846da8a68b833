import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { tempDir } from "./temp";

/**
 * A consumer project that installs the packed package the way a user's project would, from a clean
 * npm cache state: `npm ci --offline` against a package-lock.json this helper writes from the
 * project's own lock. Every registry package the consumer needs is a (dev) dependency of this
 * project at the same version, so the project's `npm ci` has put its tarball into npm's content
 * cache, addressed by the lock's `integrity`; the consumer's lock names the same integrity, so the
 * install reads nothing from the registry (no packuments, no tarballs) and is deterministic.
 *
 * A package the consumer needs at another version than the project's (`constructs` 10.8 as
 * `cdktf init` installs it) is a dev dependency under an npm alias (`"constructs-10-8":
 * "npm:constructs@10.8.x"`) and is mapped back to its real name with {@link ConsumerDependency.from}.
 */

const ROOT = join(__dirname, "..", "..");
const DEFAULT_REGISTRY = "https://registry.npmjs.org/"; // npm replaces it with the configured registry

interface LockEntry {
  version?: string;
  name?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

interface Lock {
  packages: Record<string, LockEntry>;
}

/** One top-level dependency of the consumer. */
export interface ConsumerDependency {
  /** The package name the consumer imports. */
  readonly name: string;
  /**
   * The top-level folder of this project's node_modules that holds it, when it is an npm alias.
   * @default name
   */
  readonly from?: string;
}

/**
 * A package that is not on a registry (a golden module written for the test), packed from `dir`
 * with `npm pack` and installed from its tarball. Its own `dependencies` must be packages the
 * consumer installs at top level anyway (they resolve there), or cdktf-zsp itself.
 */
export interface LocalPackage {
  /** The package's directory (package.json and its files). */
  readonly dir: string;
  /**
   * Install a copy of cdktf-zsp of its own under its `node_modules` (as npm does when the package
   * lists cdktf-zsp under `dependencies` at a range the consumer's copy does not satisfy), so the
   * process loads two copies. The package must list cdktf-zsp under `dependencies`.
   * @default false
   */
  readonly ownCopy?: boolean;
}

/** What {@link installConsumer} installs. */
export interface ConsumerOptions {
  /** Registry packages the consumer depends on, taken at the versions of this project's lock. */
  readonly dependencies: readonly (string | ConsumerDependency)[];
  /** Local packages the consumer depends on, installed from their packed tarballs. */
  readonly local?: readonly LocalPackage[];
  /** Extra files of the consumer project (relative path → content), e.g. tsconfig.json, main.ts. */
  readonly files?: Readonly<Record<string, string>>;
}

/** The installed consumer. */
export interface Consumer {
  /** The consumer project's directory. */
  readonly dir: string;
  /** The packed tarball's path. */
  readonly tarball: string;
  /** The versions the consumer installed, by package name. */
  readonly versions: Readonly<Record<string, string>>;
}

const projectLock = (): Lock => JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as Lock;
const projectPackage = (): LockEntry & { name: string; version: string } =>
  JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as LockEntry & { name: string; version: string };

/** The lock path that Node's resolution finds for `name` required from the package at `from`. */
const resolveIn = (packages: Lock["packages"], from: string, name: string): string | undefined => {
  let base = from;
  for (;;) {
    const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === "") return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
};

const tail = (path: string): string => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);

/** `https://registry.npmjs.org/@scope/name/-/name-1.2.3.tgz`: where npm would have fetched it from. */
const registryUrl = (name: string, version: string): string =>
  `${DEFAULT_REGISTRY}${name}/-/${name.slice(name.lastIndexOf("/") + 1)}-${version}.tgz`;

/** The package.json fields npm records in a lock entry. */
const LOCKED_FIELDS = ["version", "license", "dependencies", "optionalDependencies", "peerDependencies", "peerDependenciesMeta", "bin", "engines"] as const;

const withoutInstallFlags = (entry: LockEntry): LockEntry => {
  const { dev: _dev, devOptional: _devOptional, peer: _peer, name: _name, ...rest } = entry;
  return rest;
};

/**
 * The lock entries of the consumer: each top-level dependency and everything Node's resolution reaches
 * from it in this project's lock (dependencies, optional and peer dependencies), at the same relative
 * place; an entry found under an alias's folder moves under the real name.
 * @throws Error when a dependency is not in this project's lock, or two sources claim one folder.
 */
const consumerPackages = (packages: Lock["packages"], roots: readonly ConsumerDependency[], rootDeps: Record<string, string>): Record<string, LockEntry> => {
  const out: Record<string, LockEntry> = {};
  const sourceOf = new Map<string, string>();
  const topLevel = new Map(roots.map((r) => [r.name, `node_modules/${r.from ?? r.name}`]));
  const target = (source: string): string => {
    for (const [name, src] of topLevel) {
      if (source === src) return `node_modules/${name}`;
      if (source.startsWith(`${src}/`)) return `node_modules/${name}${source.slice(src.length)}`;
    }
    return source;
  };
  const queue: string[] = [];
  const add = (source: string): void => {
    const to = target(source);
    const seen = sourceOf.get(to);
    if (seen === source) return;
    if (seen !== undefined) throw new Error(`consumer lock: ${to} would come from both ${seen} and ${source}`);
    sourceOf.set(to, source);
    const entry = packages[source];
    if (entry === undefined) throw new Error(`consumer lock: ${source} is not in the project's package-lock.json`);
    const realName = entry.name ?? tail(source);
    out[to] = {
      ...withoutInstallFlags(entry),
      ...(entry.inBundle === true || entry.link === true || entry.version === undefined || entry.resolved !== undefined ? {} : { resolved: registryUrl(realName, entry.version) }),
    };
    queue.push(source);
  };
  for (const [name, src] of topLevel) {
    if (packages[src] === undefined) throw new Error(`consumer lock: ${name} (${src}) is not in the project's package-lock.json; add it as a devDependency`);
    add(src);
  }
  const need = (from: string, deps: Record<string, string> | undefined, optional: (name: string) => boolean): void => {
    for (const dep of Object.keys(deps ?? {})) {
      const top = topLevel.get(dep);
      const found = top ?? resolveIn(packages, from, dep);
      if (found !== undefined) add(found);
      else if (!optional(dep)) throw new Error(`consumer lock: ${dep}, needed by ${from === "" ? "cdktf-zsp" : from}, is not in the project's package-lock.json`);
    }
  };
  need("", rootDeps, () => false);
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
    const entry = packages[source] ?? {};
    need(source, entry.dependencies, () => false);
    need(source, entry.optionalDependencies, () => true);
    need(source, entry.peerDependencies, (dep) => entry.peerDependenciesMeta?.[dep]?.optional === true);
  }
  return out;
};

/** `npm pack`s the package at `from` into `dir` and returns the tarball's path. */
const pack = (from: string, dir: string): string => {
  const packed = execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: from, encoding: "utf8" });
  return join(dir, (JSON.parse(packed) as Array<{ filename: string }>)[0]?.filename ?? "");
};

const integrity = (tarball: string): string => `sha512-${createHash("sha512").update(new Uint8Array(readFileSync(tarball))).digest("base64")}`;

/**
 * Packs this project (`npm pack`; `dist/` must be built) into a fresh directory and installs the
 * tarball plus `options.dependencies` and `options.local` there with `npm ci --offline`, from a
 * package-lock.json derived from this project's. The project's runtime dependencies come from its
 * lock too.
 * @throws Error when a package is missing from this project's lock or npm fails (its output attached).
 */
export const installConsumer = (options: ConsumerOptions): Consumer => {
  const dir = tempDir("zsp-consumer-");
  const tarball = pack(ROOT, dir);
  const file = `file:${basename(tarball)}`;
  const self = projectPackage();
  const lock = projectLock();
  const roots = options.dependencies.map((d) => (typeof d === "string" ? { name: d } : d));
  const packages = consumerPackages(lock.packages, roots, self.dependencies ?? {});
  const versions = Object.fromEntries(roots.map((r) => [r.name, packages[`node_modules/${r.name}`]?.version ?? ""]));
  const selfEntry = {
    ...Object.fromEntries(LOCKED_FIELDS.filter((k) => self[k] !== undefined).map((k) => [k, self[k]])),
    resolved: file,
    integrity: integrity(tarball),
  };
  const localEntries: Record<string, LockEntry> = {};
  const localDependencies: Record<string, string> = {};
  for (const local of options.local ?? []) {
    const manifest = JSON.parse(readFileSync(join(local.dir, "package.json"), "utf8")) as LockEntry & { name: string };
    const localTarball = pack(local.dir, dir);
    const localFile = `file:${basename(localTarball)}`;
    localDependencies[manifest.name] = localFile;
    localEntries[`node_modules/${manifest.name}`] = {
      ...Object.fromEntries(LOCKED_FIELDS.filter((k) => manifest[k] !== undefined).map((k) => [k, manifest[k]])),
      resolved: localFile,
      integrity: integrity(localTarball),
    };
    if (local.ownCopy === true) {
      if (manifest.dependencies?.[self.name] === undefined) throw new Error(`consumer: ${manifest.name} has ownCopy but does not list ${self.name} under dependencies`);
      localEntries[`node_modules/${manifest.name}/node_modules/${self.name}`] = selfEntry;
    }
  }
  const dependencies = { [self.name]: file, ...versions, ...localDependencies };
  const manifest = { name: "consumer", version: "1.0.0", private: true, dependencies };
  const consumerLock = {
    name: "consumer",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "consumer", version: "1.0.0", dependencies },
      [`node_modules/${self.name}`]: selfEntry,
      ...packages,
      ...localEntries,
    },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(consumerLock, null, 2)}\n`);
  for (const [path, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, path), content);
  try {
    execFileSync("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`npm ci --offline in the consumer failed: ${err.message}\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
  }
  return { dir, tarball, versions };
};
