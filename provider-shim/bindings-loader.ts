/**
 * Loads provider binding modules (always by deep path) for the CDK core of
 * `core.ts`. AWS bindings exist for both flavours; the Vault bindings exist
 * only for cdktf (`@cdktf/provider-vault` 15.x: there is no
 * `@cdktn/provider-vault`), so on CDK Terrain they are loaded with their
 * `require("./core")` answered by `cdktn`: the same generated classes, built
 * on the fork's core, synthesizing the same JSON (test/cdktn.test.ts compares).
 */
import Module from "node:module";
import { awsBindingsPackage, core, coreFlavour } from "./core";

type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
const CDKTF_BINDINGS = /[\\/]node_modules[\\/]@cdktf[\\/]provider-[^\\/]+[\\/]/;

/** `require`s `lib/<path>` of the AWS bindings package of the installed flavour. */
export function awsModule<T>(path: string): T {
  return require(`${awsBindingsPackage}/lib/${path}`) as T;
}

/**
 * `require`s `lib/<path>` of `@cdktf/provider-vault`. On CDK Terrain the
 * module's own `require("./core")` resolves to `cdktn` while it loads (Node's
 * resolver is swapped for that synchronous call only, and only for files of
 * `@cdktf/provider-*`); a class that still extends another core (the module
 * was already loaded by someone else with cdktf) is refused with the fix.
 */
export function vaultModule<T>(path: string): T {
  const id = `@cdktf/provider-vault/lib/${path}`;
  if (coreFlavour === "cdktf") return require(id) as T;
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request, parent, ...rest) {
    const redirect = request === "cdktf" && typeof parent?.filename === "string" && CDKTF_BINDINGS.test(parent.filename);
    return original.call(this, redirect ? "cdktn" : request, parent, ...rest);
  };
  let loaded: T;
  try {
    loaded = require(id) as T;
  } finally {
    moduleInternals._resolveFilename = original;
  }
  for (const value of Object.values(loaded as object)) {
    if (typeof value === "function" && /^[A-Z]/.test(value.name) && value.prototype !== undefined && "toTerraform" in value.prototype && !(value.prototype instanceof core.TerraformElement)) {
      throw new Error(`${id} was loaded on cdktf before cdktf-zsp could load it on cdktn: import cdktf-zsp before any @cdktf/provider-vault module`);
    }
  }
  return loaded;
}
