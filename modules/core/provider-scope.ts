import { IConstruct } from "constructs";
import { TerraformStack } from "../../provider-shim/core";
import type { TerraformProvider } from "../../provider-shim/core";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { PropContext, ZspError } from "./errors";
import { ProviderKind, requireProvider } from "./shape";

/**
 * Which provider block a construct's resources go to. A construct given a
 * `provider` prop binds it with {@link useProvider}; every resource it, or a
 * construct inside it, creates takes {@link providerOf} its scope, so
 * children (alert rules, policies, attachments, the JitRole inside an agent)
 * inherit the choice. The binding is a `Symbol.for` property of the
 * construct, so constructs of another copy of cdktf-zsp (a golden module's
 * own dependency) pass it on too.
 */

const KEY: Readonly<Record<ProviderKind, symbol>> = { aws: Symbol.for("cdktf-zsp/provider:aws"), vault: Symbol.for("cdktf-zsp/provider:vault") };

/**
 * Validates `provider` (a `provider` prop) as a provider block of `kind` in
 * `construct`'s stack and binds it to `construct`; undefined keeps what the
 * enclosing constructs chose, else the stack's default provider.
 * @throws ZspError `E_SHAPE` when it is not a provider block; `E_INVALID`
 * when it is another kind of provider or a provider of another stack.
 */
export function useProvider(construct: IConstruct, kind: ProviderKind, provider: TerraformProviderLike | undefined, ctx: PropContext): void {
  if (provider === undefined) return;
  const p = requireProvider(provider, kind, ctx);
  const own = TerraformStack.of(construct);
  if (TerraformStack.of(p) !== own) {
    throw new ZspError({ ...ctx, problem: `the provider ${p.node.path} belongs to another stack`, fix: `create the provider in this construct's stack (${own.node.path}) and pass that one` });
  }
  Object.defineProperty(construct, KEY[kind], { value: p, enumerable: false, configurable: true });
}

/** The provider of `kind` bound to `scope` or its nearest enclosing construct, or undefined (the stack's default). */
export function boundProvider(scope: IConstruct, kind: ProviderKind): TerraformProviderLike | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const p = (scopes[i] as unknown as Record<symbol, TerraformProviderLike | undefined>)[KEY[kind]];
    if (p !== undefined) return p;
  }
  return undefined;
}

/** `{ provider }` to spread into the config of every resource and data source of `kind` created in `scope` (`{}`: the stack's default). */
export function providerOf(scope: IConstruct, kind: ProviderKind): { provider?: TerraformProvider } {
  const p = boundProvider(scope, kind);
  return p === undefined ? {} : { provider: p as TerraformProvider };
}
