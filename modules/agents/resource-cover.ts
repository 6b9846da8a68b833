/**
 * Whether one IAM resource pattern covers another: every ARN the inner
 * pattern can match, the outer pattern matches too. Pure; used to check that
 * an agent intent stays inside its ceiling.
 */

/**
 * True when every resource `inner` can match is also matched by `outer`
 * (IAM resource matching: `*` any run of characters, `?` one character,
 * case-sensitive). Sound, not complete: the outer `*` may absorb any part of
 * `inner`, wildcards included; the outer `?` one literal character or `?`; an
 * outer literal only the same literal (never an inner wildcard). So
 * `arn:aws:s3:::b/*` covers `arn:aws:s3:::b/x/*` and `arn:aws:s3:::b/x`, but
 * `arn:aws:s3:::b/x?` does not cover `arn:aws:s3:::b/x*`.
 */
export function resourceCovers(outer: string, inner: string): boolean {
  // memo[i][j]: outer[i..] covers inner[j..]
  const memo = new Map<number, boolean>();
  const width = inner.length + 1;
  const covers = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === outer.length) {
      result = j === inner.length;
    } else {
      const o = outer[i];
      if (o === "*") {
        // absorb nothing, or one more character of inner (literal or wildcard)
        result = covers(i + 1, j) || (j < inner.length && covers(i, j + 1));
      } else if (j === inner.length) {
        result = false;
      } else {
        const c = inner[j];
        // an outer `?` covers one inner character, literal or `?`; an outer literal only itself
        result = o === "?" ? c !== "*" && covers(i + 1, j + 1) : c !== "*" && c !== "?" && o === c && covers(i + 1, j + 1);
      }
    }
    memo.set(key, result);
    return result;
  };
  return covers(0, 0);
}
