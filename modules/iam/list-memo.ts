/**
 * `read`, computed once per list of strings (an `Action` list): looked up by
 * the list itself while it lives, and shared by every list of the same
 * content, so thousands of inline statements written alike (one per role)
 * are read once, and a large AWS-managed list is joined into its key once.
 */
export function perList<V>(read: (list: readonly string[]) => V): (list: readonly string[]) => V {
  const byList = new WeakMap<readonly string[], V>();
  const byContent = new Map<string, V>();
  return (list: readonly string[]): V => {
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
