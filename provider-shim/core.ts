/**
 * The CDK core seam: the one module that loads the CDK core, either HashiCorp's
 * `cdktf` 0.21 or its community fork CDK Terrain (`cdktn` 0.24). Every other
 * file takes `App`, `TerraformStack`, `Token`, ... from here, and the provider
 * bindings (`aws-bindings.ts`, `vault-bindings.ts`) load the packages of the
 * same flavour, so nothing outside `provider-shim/` names either package
 * (test/imports.test.ts enforces it).
 *
 * The flavour is whichever core is installed; `cdktn` wins when both are
 * (a CDK Terrain project that installs `@cdktf/provider-vault` also gets
 * `cdktf` as that package's peer, unused).
 *
 * Types: the library compiles against cdktf's declarations (the fork keeps
 * the same API), but these types stay internal: the published declarations
 * of the public API name only `constructs` and the flavour-neutral interfaces
 * of `core-types.ts`, so a consumer of either flavour type-checks without
 * aliases (test/public-types.test.ts walks the published `.d.ts` graph).
 * @packageDocumentation
 */
import type * as Cdk from "cdktf";

/** The CDK core packages this library runs on. */
export type CoreFlavour = "cdktn" | "cdktf";

/** Core packages in order of preference, each with its AWS bindings package. */
const FLAVOURS = [
  { flavour: "cdktn", aws: "@cdktn/provider-aws" },
  { flavour: "cdktf", aws: "@cdktf/provider-aws" },
] as const;

function missing(error: unknown, pkg: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e !== null && typeof e === "object" && e.code === "MODULE_NOT_FOUND" && typeof e.message === "string" && e.message.includes(`'${pkg}'`);
}

function loadCore(): { readonly flavour: CoreFlavour; readonly awsPackage: string; readonly core: typeof Cdk } {
  for (const { flavour, aws } of FLAVOURS) {
    try {
      return { flavour, awsPackage: aws, core: require(flavour) as typeof Cdk };
    } catch (error) {
      if (!missing(error, flavour)) throw error;
    }
  }
  throw new Error("cdktf-zsp needs a CDK core: install cdktf@0.21 with @cdktf/provider-aws@21, or cdktn@0.24 with @cdktn/provider-aws@25 (see README, CDK Terrain)");
}

const loaded = loadCore();

/** The CDK core this process runs on: `cdktn` (CDK Terrain) or `cdktf`. */
export const coreFlavour: CoreFlavour = loaded.flavour;

/** The AWS bindings package of {@link coreFlavour}: `@cdktn/provider-aws` or `@cdktf/provider-aws`. */
export const awsBindingsPackage: string = loaded.awsPackage;

/** The loaded core package itself. */
export const core: typeof Cdk = loaded.core;

export const { Annotations, App, Aspects, Fn, Lazy, TerraformElement, TerraformOutput, TerraformProvider, TerraformResource, TerraformStack, TerraformVariable, Testing, Token } = core;
export type Annotations = Cdk.Annotations;
export type App = Cdk.App;
export type Aspects = Cdk.Aspects;
export type IAspect = Cdk.IAspect;
export type TerraformElement = Cdk.TerraformElement;
export type TerraformOutput = Cdk.TerraformOutput;
export type TerraformProvider = Cdk.TerraformProvider;
export type TerraformResource = Cdk.TerraformResource;
export type TerraformStack = Cdk.TerraformStack;
export type TerraformVariable = Cdk.TerraformVariable;

const JSII_RTTI = Symbol.for("jsii.rtti");
const VARIABLE_FQNS: ReadonlySet<string> = new Set(["cdktf.TerraformVariable", "cdktn.TerraformVariable"]);

/**
 * Whether `x` is a `TerraformVariable` of either core flavour, from any copy of
 * either package: `instanceof` would accept only this process's own class.
 * cdktf gives TerraformVariable no identity symbol, so the check reads the
 * element brand (`Symbol.for("cdktf/TerraformElement")`, kept by cdktn) and the
 * jsii type name both packages stamp on their classes (inherited by subclasses).
 */
export function isTerraformVariable(x: unknown): x is TerraformVariable {
  if (!TerraformElement.isTerraformElement(x)) return false;
  const rtti = (x.constructor as unknown as Record<symbol, { fqn?: unknown } | undefined>)[JSII_RTTI];
  return typeof rtti?.fqn === "string" && VARIABLE_FQNS.has(rtti.fqn);
}

/**
 * Whether `x` is a provider block (`AwsProvider`, `VaultProvider`, ...) of
 * either core flavour, from any copy of either package: it reads the brand
 * symbol `Symbol.for("cdktf/TerraformProvider")` that cdktf stamps and cdktn
 * keeps, never `instanceof`.
 */
export function isTerraformProvider(x: unknown): x is TerraformProvider {
  return TerraformProvider.isTerraformProvider(x);
}
