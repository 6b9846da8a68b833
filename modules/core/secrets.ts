import { Construct } from "constructs";
import { TerraformVariable, isTerraformVariable } from "../../provider-shim/core";
import type { TerraformVariableLike } from "../../provider-shim/core-types";
import { PropContext, ZspError } from "./errors";

/**
 * Returns `variable` when it is a `TerraformVariable` declared with
 * `sensitive: true`; otherwise throws a {@link ZspError}. Secrets reach
 * Terraform only through sensitive variables, never as literals in the
 * synthesized JSON (OWASP NHI-07, guard rule ZSP010).
 */
export function requireSensitiveVariable(variable: unknown, ctx: PropContext): TerraformVariableLike {
  if (!isTerraformVariable(variable)) {
    throw new ZspError({
      ...ctx,
      problem: typeof variable === "string" ? "a literal secret would be written into the synthesized JSON and the state" : "expected a TerraformVariable",
      fix: "pass a TerraformVariable declared with sensitive: true (or omit it and let the construct declare one)",
    });
  }
  if (variable.sensitive !== true) {
    throw new ZspError({ ...ctx, problem: `variable "${variable.node.id}" is not sensitive, so Terraform would print it in plans`, fix: "declare it with sensitive: true" });
  }
  return variable;
}

/** Declares a `sensitive`, non-nullable string variable for a secret input. */
export function sensitiveVariable(scope: Construct, id: string, description: string): TerraformVariableLike {
  return new TerraformVariable(scope, id, { type: "string", sensitive: true, nullable: false, description });
}
