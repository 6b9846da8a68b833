/**
 * AWS provider bindings, loaded by deep path on first use. This file and its
 * Vault twin are the only places that name `@cdktf/provider-aws`; a move to
 * regenerated bindings or to the community fork of CDKTF changes only these.
 *
 * Each getter `require`s one deep module the first time it is read, so
 * importing the library costs no binding at all (see bench/).
 */
import type * as providerModule from "@cdktf/provider-aws/lib/provider";

export type { AwsProviderConfig, AwsProviderAssumeRole } from "@cdktf/provider-aws/lib/provider";

/** The AWS binding classes modules/ may instantiate. */
export const aws = {
  /** `provider "aws"`. */
  get AwsProvider(): typeof providerModule.AwsProvider {
    return (require("@cdktf/provider-aws/lib/provider") as typeof providerModule).AwsProvider;
  },
};
