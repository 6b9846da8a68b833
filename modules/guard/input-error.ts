/** Input (its message reads after the input's name: "is neither ...", "nests ...") that is neither Terraform JSON configuration nor a plan, or that the guard refuses to read (the CLI exits 2). */
export class GuardInputError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "GuardInputError";
  }
}

/**
 * Deepest nesting of arrays and objects the guard reads. Terraform values
 * nest a few levels (a plan's policy statement conditions sit about 12 deep);
 * the limit keeps every recursive walk of the rules far from the call stack's end.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * Refuses JSON nested deeper than {@link MAX_JSON_DEPTH}. Iterative, so it
 * cannot overflow the stack itself.
 *
 * @throws GuardInputError naming the limit.
 */
export function assertDepth(json: unknown, what = "input"): void {
  // Depth-first with an explicit stack of containers and their depths (no per-level copies of the input).
  const stack: object[] = [];
  const depths: number[] = [];
  if (typeof json === "object" && json !== null) {
    stack.push(json);
    depths.push(0);
  }
  while (stack.length > 0) {
    const v = stack.pop() as object;
    const depth = (depths.pop() as number) + 1;
    if (Array.isArray(v)) {
      for (const x of v) {
        if (typeof x !== "object" || x === null) continue;
        if (depth > MAX_JSON_DEPTH) tooDeep(what);
        stack.push(x as object);
        depths.push(depth);
      }
    } else {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (typeof x !== "object" || x === null) continue;
        if (depth > MAX_JSON_DEPTH) tooDeep(what);
        stack.push(x);
        depths.push(depth);
      }
    }
  }
}

function tooDeep(what: string): never {
  throw new GuardInputError(`nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels (${what}); the guard does not read it`);
}
