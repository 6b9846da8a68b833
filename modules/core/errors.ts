/**
 * Where and why a prop was refused. Every field is required so that an error
 * always tells the user which construct, which prop, what was wrong and how
 * to fix it.
 */
export interface ZspErrorDetails {
  /** Construct path (`stack/role`) or another locator such as a profile file name. */
  readonly path: string;
  /** The prop (or dotted prop path) that was refused, e.g. `assumeRole.duration`. */
  readonly prop: string;
  /** What was wrong, in one sentence. */
  readonly problem: string;
  /** How to fix it, in one sentence. */
  readonly fix: string;
}

/**
 * The one error type cdktf-zsp throws for invalid input. Thrown at
 * construction time, before anything is synthesized, so that nothing
 * half-written ever reaches Terraform.
 */
export class ZspError extends Error {
  /** Construct path or locator of the refused input. */
  public readonly path: string;
  /** The refused prop. */
  public readonly prop: string;
  /** What was wrong. */
  public readonly problem: string;
  /** How to fix it. */
  public readonly fix: string;

  public constructor(details: ZspErrorDetails) {
    super(`${details.path}: invalid ${details.prop}: ${details.problem}. Fix: ${details.fix}`);
    this.name = "ZspError";
    this.path = details.path;
    this.prop = details.prop;
    this.problem = details.problem;
    this.fix = details.fix;
  }
}

/** Where a value is being validated: the construct path and the prop name. */
export interface PropContext {
  /** Construct path or locator. */
  readonly path: string;
  /** Prop name, dotted for nested props. */
  readonly prop: string;
}

/** Builds the {@link PropContext} of a nested prop. */
export function nested(ctx: PropContext, child: string): PropContext {
  return { path: ctx.path, prop: `${ctx.prop}.${child}` };
}

/** Throws a {@link ZspError} for `ctx` unless `condition` holds. */
export function require_(condition: boolean, ctx: PropContext, problem: string, fix: string): asserts condition {
  if (!condition) {
    throw new ZspError({ ...ctx, problem, fix });
  }
}
