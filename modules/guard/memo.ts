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
