/**
 * Vault provider bindings, loaded by deep path on first use (see
 * aws-bindings.ts for why).
 */
import type * as providerModule from "@cdktf/provider-vault/lib/provider";

export type { VaultProviderConfig } from "@cdktf/provider-vault/lib/provider";

/** The Vault binding classes modules/ may instantiate. */
export const vault = {
  /** `provider "vault"`. */
  get VaultProvider(): typeof providerModule.VaultProvider {
    return (require("@cdktf/provider-vault/lib/provider") as typeof providerModule).VaultProvider;
  },
};
