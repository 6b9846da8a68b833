import { Rule, RuleContext } from "../rule";

/** `provider.<name>.<alias>` (root module). */
const ALIASED = /^provider\.([^.]+)\.(.+)$/;

/**
 * ZSP000: a resource or data source of the root module bound to a provider
 * alias that no provider block declares (`"provider": "aws.prod"` with no
 * `provider.aws` entry whose `alias` is `prod`). Which account, region and
 * credentials it would use cannot be evaluated, so every other finding about
 * it would be judged against a guess. Resources inside modules are not
 * judged: a module receives its providers through the call's `providers` map.
 */
export const providerAliasRule = {
  ids: ["ZSP000"],
  run(ctx: RuleContext): void {
    const declared = new Set(ctx.model.providers.map((p) => p.address));
    for (const r of ctx.model.resources) {
      const alias = r.module === "" ? ALIASED.exec(r.provider) : null;
      if (alias === null || declared.has(r.provider)) continue;
      const [, name, aliasName] = alias;
      ctx.report("ZSP000", r, `${r.address} is bound to provider ${name}.${aliasName}, but no provider "${name}" block declares alias "${aliasName}": which account and credentials it lands in cannot be evaluated (Terraform refuses the configuration; a guard reading it as the default provider would judge the wrong account). Fix: declare the provider with alias = "${aliasName}" (awsProvider(stack, { alias: "${aliasName}", ... }) in cdktf), or bind the resource to a declared provider.`);
    }
  },
} as const satisfies Rule;
