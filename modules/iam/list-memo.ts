/** Lists up to this length are keyed by their content alone (no entry per list object). */
const SHORT = 4;

/**
 * `read`, computed once per list of strings (an `Action` list): looked up by
 * the list itself while it lives (a short list: by its content at once), and
 * shared by every list of the same content, so thousands of inline
 * statements written alike (one per role) are read once, and a large
 * AWS-managed list is joined into its key once.
 */
export function perList<V>(read: (list: readonly string[]) => V): (list: readonly string[]) => V {
  const byList = new WeakMap<readonly string[], V>();
  const byContent = new Map<string, V>();
  return (list: readonly string[]): V => {
    if (list.length <= SHORT) {
      // A short list (most inline grants: one object per role) is looked up by content at once: its key costs less than an entry per list object.
      const key = list.length === 1 ? (list[0] as string) : list.join("\u0000");
      let value = byContent.get(key);
      if (value === undefined) byContent.set(key, (value = read(list)));
      return value;
    }
    let value = byList.get(list);
    if (value === undefined) {
      const key = list.join("\u0000");
      value = byContent.get(key);
      if (value === undefined) byContent.set(key, (value = read(list)));
      byList.set(list, value);
    }
    return value;
  };
}
