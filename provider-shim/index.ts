/**
 * The provider shim: the only place that imports provider bindings (always by
 * deep path), plus hardened provider factories.
 * @packageDocumentation
 */
export { aws } from "./aws-bindings";
export type { AwsProviderConfig, AwsProviderAssumeRole } from "./aws-bindings";
export { vault } from "./vault-bindings";
export type { VaultProviderConfig } from "./vault-bindings";
export { awsProvider } from "./aws-provider";
export type { HardenedAwsProviderProps, HardenedAssumeRole } from "./aws-provider";
export { vaultProvider } from "./vault-provider";
export type { HardenedVaultProviderProps, HardenedVaultLogin } from "./vault-provider";
