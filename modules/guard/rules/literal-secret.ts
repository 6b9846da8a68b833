import { isExpression, isRecord } from "../model";
import { AWS_STATIC_CREDENTIAL_ARGS } from "./provider-credential";
import { Locatable, Rule, RuleContext } from "../rule";

/** Argument names whose literal value is a secret. */
const SECRET_ARG = /(?:^|_)(password|passphrase|secret|secret_key|secret_id|client_secret|token|private_key|api_key|access_key|secret_string|data_json|jwt|credentials|bindpass)(?:_wo)?$/;
const AWS_KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;

/** ZSP010: literal secrets in resources, providers and variable defaults. */
export const literalSecretRule = {
  ids: ["ZSP010", "ZSP000"],
  run(ctx: RuleContext): void {
    const model = ctx.model;
    if (!model.hasConfiguration) {
      ctx.report("ZSP000", { address: "(plan)" }, "the plan has no configuration section, so literal secrets cannot be told from references; ZSP010 was not checked. Fix: use terraform show -json on a saved plan file.");
    }
    for (const r of model.resources) {
      if (r.mode !== "managed" || r.config === undefined) continue;
      scan(ctx, r, r.config, []);
    }
    for (const p of model.providers) scan(ctx, p, p.config, p.name === "aws" ? AWS_STATIC_CREDENTIAL_ARGS : []);
    for (const v of model.variables) {
      if (typeof v.default !== "string" || v.default === "" || isExpression(v.default)) continue;
      if (v.sensitive || SECRET_ARG.test(v.name)) {
        ctx.report("ZSP010", v, `sensitive variable ${v.name} has a literal default: the secret is in the configuration. Fix: remove the default and pass the value at apply time from a secret store.`);
      } else if (AWS_KEY_ID.test(v.default)) {
        ctx.report("ZSP010", v, `variable ${v.name} defaults to an AWS access key id. Fix: remove the key; use short-lived role credentials.`);
      }
    }
  },
} as const satisfies Rule;

function scan(ctx: RuleContext, at: Locatable, config: Readonly<Record<string, unknown>>, skip: readonly string[]): void {
  const found = new Set<string>();
  const walk = (value: unknown, key: string, path: string): void => {
    if (typeof value === "string") {
      if (value === "" || isExpression(value)) return;
      if (SECRET_ARG.test(key) && !skip.includes(key)) found.add(`${path} is a literal`);
      else if (AWS_KEY_ID.test(value) && !skip.includes(key)) found.add(`${path} contains an AWS access key id`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, key, `${path}[${i}]`));
    } else if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) if (k !== "//" && k !== "tags" && k !== "tags_all") walk(v, k, path ? `${path}.${k}` : k);
    }
  };
  walk(config, "", "");
  for (const what of found) {
    ctx.report("ZSP010", at, `literal secret: ${what}. Fix: pass it as a sensitive variable (or a reference to a secret store); better, let Vault issue it dynamically.`);
  }
}
