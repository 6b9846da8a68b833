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
 * Refuses JSON nested deeper than {@link MAX_JSON_DEPTH}. Recursive, one
 * frame per level, and it stops at the limit, so it cannot overflow the stack
 * itself (a walk with explicit stacks pushed and popped every container:
 * twice the time on a 50,000-resource plan).
 *
 * @throws GuardInputError naming the limit.
 */
export function assertDepth(json: unknown, what = "input"): void {
  if (typeof json === "object" && json !== null) within(json, 1, what);
}

function within(v: object, depth: number, what: string): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== "object" || x === null) continue;
      if (depth > MAX_JSON_DEPTH) tooDeep(what);
      within(x, depth + 1, what);
    }
    return;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x !== "object" || x === null) continue;
    if (depth > MAX_JSON_DEPTH) tooDeep(what);
    within(x, depth + 1, what);
  }
}

function tooDeep(what: string): never {
  throw new GuardInputError(`nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels (${what}); the guard does not read it`);
}
