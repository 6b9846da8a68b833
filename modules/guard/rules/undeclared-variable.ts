import { Locatable, Rule, RuleContext } from "../rule";

/** `var.<name>` inside an expression, not as part of a longer reference (`local.var.x`, `avar.x`). */
const VAR_REF = /(?<![\w.-])var\.([A-Za-z_][\w-]*)/g;

/** The names of undeclared variables that `value`'s expressions reference (strings inside `${...}` only). */
function undeclared(value: unknown, declared: ReadonlySet<string>, out: Set<string>): void {
  if (typeof value === "string") {
    if (!value.includes("${")) return;
    for (const m of value.matchAll(VAR_REF)) {
      const name = m[1] as string;
      if (!declared.has(name)) out.add(name);
    }
  } else if (Array.isArray(value)) {
    for (const v of value) undeclared(v, declared, out);
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) if (k !== "//") undeclared(v, declared, out);
  }
}

/**
 * ZSP000: a root-module resource, data source, local, output or module call
 * of a configuration whose expressions reference `var.<name>` when no
 * `variable "<name>"` is declared. Terraform refuses such a configuration, and
 * the guard cannot know the value (no default, no `--var-file` entry can
 * apply), so whatever depends on it — user data, a policy, a trust — cannot be
 * judged. Reported once per block, naming every missing variable. Plans are
 * not judged: Terraform produced them, so every variable was declared.
 */
export const undeclaredVariableRule = {
  ids: ["ZSP000"],
  run(ctx: RuleContext): void {
    const { model } = ctx;
    if (model.shape !== "config") return;
    const declared = new Set(model.variables.filter((v) => !v.address.startsWith("module.")).map((v) => v.name));
    const blocks: Array<[Locatable, unknown]> = [
      ...model.resources.filter((r) => r.module === "").map((r): [Locatable, unknown] => [r, r.config]),
      ...(model.notCreated ?? []).filter((r) => r.module === "").map((r): [Locatable, unknown] => [r, r.config]),
      ...model.locals.filter((l) => l.module === "").map((l): [Locatable, unknown] => [l, l.config]),
      ...model.outputs.filter((o) => o.module === "").map((o): [Locatable, unknown] => [o, o.config]),
      ...model.moduleCalls.filter((c) => c.module === "").map((c): [Locatable, unknown] => [c, c.config]),
    ];
    for (const [at, config] of blocks) {
      const missing = new Set<string>();
      undeclared(config, declared, missing);
      if (missing.size === 0) continue;
      const names = [...missing].sort().map((n) => `var.${n}`);
      ctx.report("ZSP000", at, `${at.address} references ${names.join(", ")}, which no variable block declares: Terraform refuses this configuration, and the value cannot be evaluated (no default, no --var-file entry applies), so what depends on it is not judged. Fix: declare ${names.length === 1 ? "the variable" : "the variables"} (check the whole module: zsp check <dir> reads every *.tf.json of it), or write the value.`);
    }
  },
} as const satisfies Rule;
