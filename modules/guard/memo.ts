/**
 * `read`, computed once per key (a model, a resource) and kept as long as the
 * key lives: rules ask for the same derived views many times, and the engine
 * must stay linear on 50,000 resources.
 */
export function perKey<K extends object, V>(read: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key: K): V => {
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) return cached as V;
    const value = read(key);
    cache.set(key, value);
    return value;
  };
}

/**
 * A memo of the answers about one owner at a time (the principal being
 * judged): answers are kept while the same owner asks, and dropped when
 * another does. For questions asked back to back while judging one principal,
 * where a cache per principal would outlive its use and only add to garbage
 * collection on a large input.
 */
export function whileOwner<O, K, V>(): (owner: O, key: K, compute: () => V) => V {
  let current: O | undefined;
  const known = new Map<K, V>();
  return (owner, key, compute) => {
    if (owner !== current) {
      current = owner;
      known.clear();
    }
    let v = known.get(key);
    if (v === undefined) known.set(key, (v = compute()));
    return v;
  };
}

/**
 * `read`, keeping only the answer for the last key asked: for keys asked
 * several times back to back and then not again (a holder while it is
 * judged), where a cache per key would only add to what a large input holds.
 */
export function lastOnly<K, V>(read: (key: K) => V): (key: K) => V {
  let asked = false;
  let lastKey: K | undefined;
  let last: V | undefined;
  return (key: K): V => {
    if (!asked || key !== lastKey) {
      last = read(key);
      lastKey = key;
      asked = true;
    }
    return last as V;
  };
}
