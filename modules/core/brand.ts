/**
 * Class identity that holds across copies of cdktf-zsp in one process.
 *
 * A process can load this package twice: a golden module that lists
 * cdktf-zsp under `dependencies` (instead of `peerDependencies`) gets its own
 * copy in its `node_modules`, and values built with that copy (a
 * `WorkloadIdentity`, a `PolicyStatement`, a `VaultPolicy`) reach constructs
 * of the application's copy. `instanceof` compares with one copy's class only
 * and would refuse them.
 *
 * A brand is a symbol from the global registry, `Symbol.for("cdktf-zsp/<Class>")`,
 * the same in every copy (as cdktf marks its elements with
 * `Symbol.for("cdktf/TerraformElement")` and `constructs` marks `Construct`),
 * stamped on the class's prototype, so every instance of the class, of any
 * copy, and of its subclasses carries it. Each branded class has a static
 * guard named after it, `WorkloadIdentity.isWorkloadIdentity(x)`, in the
 * manner of `TerraformStack.isStack` and `Construct.isConstruct`; the library
 * checks its own inputs with those guards, never with `instanceof`.
 *
 * A branded class declares its brand like this:
 * ```ts
 * const BRAND = classBrand("PolicyStatement");
 * export class PolicyStatement {
 *   static { stampBrand(this, BRAND); }
 *   public static isPolicyStatement(x: unknown): x is PolicyStatement {
 *     return hasBrand(x, BRAND);
 *   }
 * }
 * ```
 * @packageDocumentation
 */

/** The prefix of every brand's registry key. */
const PREFIX = "cdktf-zsp/";

/**
 * The brand of the class named `className`: `Symbol.for("cdktf-zsp/<className>")`.
 * Every copy of cdktf-zsp in a process gets the same symbol for the same name.
 */
export function classBrand(className: string): symbol {
  return Symbol.for(`${PREFIX}${className}`);
}

/**
 * Stamps `brand` on `target.prototype` (non-enumerable, read-only), so that
 * every instance of `target` and of its subclasses carries it. Called once per
 * class, from a static block of the class.
 */
export function stampBrand(target: { readonly prototype: object }, brand: symbol): void {
  if (!Object.prototype.hasOwnProperty.call(target.prototype, brand)) {
    Object.defineProperty(target.prototype, brand, { value: true, enumerable: false, writable: false, configurable: false });
  }
}

/**
 * Whether `x` carries `brand`: an instance of the branded class from this or
 * any other copy of cdktf-zsp (or of a subclass).
 */
export function hasBrand(x: unknown, brand: symbol): boolean {
  return (typeof x === "object" || typeof x === "function") && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}
