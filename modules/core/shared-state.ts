/**
 * State that every copy of cdktf-zsp in a process shares.
 *
 * What the library remembers about a construct tree (the profile attached to
 * a scope, the stacks a guard watches, the suppressions of a stack) must be
 * one record, whichever copy wrote it: a golden module with its own copy
 * calls `ZspProfile.restrict` on its scope, and the app's copy must see it
 * (and the golden copy must see the app's `ZspProfile.apply`), or a stricter
 * profile would silently not apply. Module-level maps are per copy, so these
 * records live in maps held on `globalThis` under registry symbols,
 * `Symbol.for("cdktf-zsp/state/<name>@<version>")`, the counterpart of the
 * class brands of `brand.ts`.
 *
 * `version` names the shape of the values: bump it when that shape changes,
 * so that copies which disagree on it keep separate maps (as if unshared)
 * instead of reading each other's records wrongly.
 * @packageDocumentation
 */

const key = (name: string, version: number): symbol => Symbol.for(`cdktf-zsp/state/${name}@${version}`);

function shared<T extends object>(name: string, version: number, create: () => T, isOne: (x: unknown) => x is T): T {
  const k = key(name, version);
  const holder = globalThis as unknown as Record<symbol, unknown>;
  const existing = holder[k];
  if (isOne(existing)) return existing;
  const created = create();
  Object.defineProperty(globalThis, k, { value: created, enumerable: false, writable: false, configurable: false });
  return created;
}

/**
 * The process-wide `WeakMap` named `name` (values of shape `version`): the
 * same map in every copy of cdktf-zsp.
 */
export function sharedWeakMap<K extends object, V>(name: string, version: number): WeakMap<K, V> {
  return shared(name, version, () => new WeakMap<K, V>(), (x): x is WeakMap<K, V> => x instanceof WeakMap);
}

/**
 * The process-wide `WeakSet` named `name` (version `version`): the same set
 * in every copy of cdktf-zsp.
 */
export function sharedWeakSet<T extends object>(name: string, version: number): WeakSet<T> {
  return shared(name, version, () => new WeakSet<T>(), (x): x is WeakSet<T> => x instanceof WeakSet);
}
