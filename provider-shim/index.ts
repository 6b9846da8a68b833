/**
 * The provider shim, public half: hardened provider factories and the
 * flavour-neutral types of CDK core objects the library takes and returns.
 * The shim's other half (the core seam `core.ts`, the binding loaders
 * `*-bindings.ts`) is internal: it is the only code that names `cdktf`,
 * `cdktn` or a provider package, and its types never reach the published API.
 * @packageDocumentation
 */
export { awsProvider } from "./aws-provider";
export type { HardenedAwsProviderProps, HardenedAssumeRole } from "./aws-provider";
export { vaultProvider } from "./vault-provider";
export type { HardenedVaultProviderProps, HardenedVaultLogin } from "./vault-provider";
export type { TerraformVariableLike, TerraformStackLike, TerraformElementLike, TerraformProviderLike, IamResourceLike, EventRuleLike } from "./core-types";
