import { inspect } from "node:util";
import { classBrand, hasBrand, stampBrand } from "./brand";

/**
 * The stable code of a {@link ZspError}: what kind of refusal it is, for
 * callers that branch on it and for the table in docs/errors.md.
 * - `E_SHAPE`: the value has the wrong JavaScript shape (a string where a list belongs, not an object, ...).
 * - `E_NOT_LITERAL`: a Terraform token (variable, reference) where a literal known at synth is needed.
 * - `E_PROFILE`: the value exceeds the organisation profile (durations, regions).
 * - `E_ARN`: a resource ARN that does not match the ARN format of its IAM resource type.
 * - `E_FENCE`: a grant that the role's own `denyUnless` fence would always deny.
 * - `E_INVALID`: any other refused value (the default).
 */
export type ZspErrorCode = "E_SHAPE" | "E_NOT_LITERAL" | "E_PROFILE" | "E_ARN" | "E_FENCE" | "E_INVALID";

/** Every {@link ZspErrorCode}, in the order docs/errors.md lists them. */
export const ZSP_ERROR_CODES: readonly ZspErrorCode[] = ["E_SHAPE", "E_NOT_LITERAL", "E_PROFILE", "E_ARN", "E_FENCE", "E_INVALID"];

/** A cdktf token as it appears inside a string (`${TfToken[TOKEN.3]}`) or a list (`#{TfToken[TOKEN.3]}`). */
const TOKEN_TEXT = /[$#]\{TfToken\[TOKEN\.\d+\]\}/;

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
  /**
   * The kind of refusal.
   * @default "E_INVALID" ("E_NOT_LITERAL" when the problem quotes an unresolved Terraform token)
   */
  readonly code?: ZspErrorCode;
}

/** Marks a ZspError across copies of the package (a golden module's and the app's). */
const ZSP_ERROR_BRAND = classBrand("ZspError");

/**
 * The one error type cdktf-zsp throws for invalid input. Thrown at
 * construction time, before anything is synthesized, so that nothing
 * half-written ever reaches Terraform.
 */
export class ZspError extends Error {
  static {
    stampBrand(this, ZSP_ERROR_BRAND);
  }

  /**
   * Whether `x` is a `ZspError` from this or any other copy of cdktf-zsp in
   * the process (e.g. thrown by a golden module's own copy), which
   * `instanceof` would refuse: it reads the brand `Symbol.for("cdktf-zsp/ZspError")`
   * (see `modules/core/brand.ts`). The same check as {@link isZspError}.
   */
  public static isZspError(x: unknown): x is ZspError {
    return hasBrand(x, ZSP_ERROR_BRAND);
  }

  /** The stable kind of refusal; see {@link ZspErrorCode}. */
  public readonly code: ZspErrorCode;
  /** Construct path or locator of the refused input. */
  public readonly path: string;
  /** The refused prop. */
  public readonly prop: string;
  /** What was wrong. */
  public readonly problem: string;
  /** How to fix it. */
  public readonly fix: string;

  public constructor(details: ZspErrorDetails) {
    const d = TOKEN_TEXT.test(details.problem) && details.code === undefined ? notLiteral(details) : details;
    super(`${d.path}: invalid ${d.prop}: ${d.problem}. Fix: ${d.fix}`);
    this.name = "ZspError";
    this.code = d.code ?? "E_INVALID";
    this.path = d.path;
    this.prop = d.prop;
    this.problem = d.problem;
    this.fix = d.fix;
    installCleanExit();
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

/** True for a {@link ZspError} of this or any other copy of cdktf-zsp (as {@link ZspError.isZspError}). */
export function isZspError(value: unknown): value is ZspError {
  return ZspError.isZspError(value);
}

/** The refusal of a value that quotes a Terraform token: it has to be known at synth to be checked. */
export function notLiteral(ctx: PropContext, value?: unknown): ZspErrorDetails {
  const shown = value === undefined ? "" : ` ${JSON.stringify(value)}`;
  return {
    path: ctx.path,
    prop: ctx.prop,
    code: "E_NOT_LITERAL",
    problem: `must be a literal known at synth: got a Terraform token${shown} (a variable, local or resource attribute), whose value exists only at plan or apply, so it cannot be checked`,
    fix: "pass the literal value in code (read it from the environment or a config file at synth if it varies)",
  };
}

const CLEAN_EXIT = Symbol.for("cdktf-zsp/clean-exit");

/**
 * Makes an uncaught ZspError end the process with its one-line message on
 * stderr and exit code 1, instead of Node's source excerpt and stack trace
 * (which `cdktf synth` then prints a second time). `ZSP_DEBUG=1` keeps Node's
 * default. Installed once per process, on the first ZspError; any other
 * uncaught error is printed as Node would print it, also with exit code 1.
 */
function installCleanExit(): void {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  const flags = globalThis as Record<symbol, unknown>;
  if (proc === undefined || typeof proc.on !== "function" || flags[CLEAN_EXIT] === true || proc.env["ZSP_DEBUG"] === "1") return;
  flags[CLEAN_EXIT] = true;
  proc.on("uncaughtException", (error: unknown) => {
    if (isZspError(error)) {
      proc.stderr.write(`ZspError [${error.code}]: ${error.message}\n`);
    } else {
      proc.stderr.write(`Uncaught ${inspect(error)}\n`);
    }
    proc.exit(1);
  });
}
