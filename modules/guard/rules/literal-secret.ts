import { TfResource, isRecord } from "../model";
import { Locatable, Rule, RuleContext } from "../rule";
import { SecretHit, scanForSecrets, scanWrittenForSecrets } from "../secret-scan";
import { AWS_STATIC_CREDENTIAL_ARGS, VAULT_STATIC_CREDENTIAL_ARGS } from "./provider-credential";

/**
 * Arguments whose whole value is a secret, by resource type (a secret
 * store's payload): any literal there is a secret whatever its keys.
 */
export const SECRET_CONTAINERS: Readonly<Record<string, readonly string[]>> = {
  aws_secretsmanager_secret_version: ["secret_string", "secret_binary"],
  aws_kms_ciphertext: ["plaintext"],
  vault_kv_secret_v2: ["data_json"],
  vault_kv_secret: ["data_json"],
  vault_generic_secret: ["data_json"],
  vault_approle_auth_backend_login: ["secret_id"],
  vault_approle_auth_backend_role_secret_id: ["secret_id"],
  kubernetes_secret: ["data", "string_data", "binary_data"],
  kubernetes_secret_v1: ["data", "string_data", "binary_data"],
  google_secret_manager_secret_version: ["secret_data"],
  azurerm_key_vault_secret: ["value"],
  github_actions_secret: ["plaintext_value"],
  github_actions_environment_secret: ["plaintext_value"],
  github_actions_organization_secret: ["plaintext_value"],
  github_dependabot_secret: ["plaintext_value"],
  github_codespaces_secret: ["plaintext_value"],
};

/** Secret containers that depend on another argument (an SSM parameter is one only as a SecureString). */
function containersOf(r: TfResource): readonly string[] {
  if (r.type === "aws_ssm_parameter") return r.values.type === "SecureString" || r.config?.type === "SecureString" ? ["value", "insecure_value"] : [];
  return SECRET_CONTAINERS[r.type] ?? [];
}

/** ZSP010: literal secrets anywhere in the input. */
export const literalSecretRule = {
  ids: ["ZSP010", "ZSP000"],
  run(ctx: RuleContext): void {
    const model = ctx.model;
    if (!model.hasConfiguration) {
      ctx.report("ZSP000", { address: "(plan)" }, "the plan has no configuration section, so literal secrets cannot be told from references; ZSP010 was not checked. Fix: use terraform show -json on a saved plan file.");
    }
    // A resource that creates no instance (count = 0) still holds what is written in it.
    // Configuration input: the written values (`${...}` strings are expressions and skipped by the scan).
    // Plan: the configuration's constants, and the planned value where the configuration shows an expression
    // that references nothing (`jsonencode({...})` of literals, `file(...)`): computed from literals only.
    const plan = model.shape === "plan";
    for (const r of [...model.resources, ...(model.notCreated ?? [])]) {
      const config = r.config;
      if (config === undefined) continue;
      const containers = containersOf(r);
      const planned: Readonly<Record<string, unknown>> | undefined = isRecord(r.values) ? r.values : undefined;
      for (const k of Object.keys(config)) {
        const all = containers.includes(k);
        report(ctx, r, plan ? scanWrittenForSecrets(config[k], planned?.[k], k, k, all) : scanForSecrets(config[k], k, k, all));
      }
    }
    for (const p of model.providers) {
      // Provider credentials are ZSP014 (provider-credential.ts), not ZSP010.
      const skip = p.name === "aws" ? AWS_STATIC_CREDENTIAL_ARGS : p.name === "vault" ? VAULT_STATIC_CREDENTIAL_ARGS : [];
      report(ctx, p, Object.entries(p.config).filter(([k]) => !skip.includes(k)).flatMap(([k, v]) => scanForSecrets(v, k, k)));
    }
    // Values the module writes besides resources: locals, module call arguments, outputs, the backend.
    // Only what is written (`config`): an expression is not a literal, and `--var-file` values never count.
    for (const l of model.locals) {
      const local = `local.${l.name}`;
      report(ctx, { address: l.module ? `${l.module}.locals` : "locals" }, scanForSecrets(l.config, l.name, local));
    }
    for (const m of model.moduleCalls) {
      report(ctx, m, Object.entries(m.config).flatMap(([k, v]) => scanForSecrets(v, k, `argument ${k}`)));
    }
    for (const o of model.outputs) report(ctx, o, scanForSecrets(o.config, o.name, "value"));
    for (const b of model.backends) {
      report(ctx, b, Object.entries(b.config).flatMap(([k, v]) => scanForSecrets(v, k, k)), "state backend settings are stored in .terraform/ and plan files: give them through -backend-config from the CI job's secret store, or better, let the job's OIDC identity reach the state");
    }
    for (const v of model.variables) {
      if (v.default === undefined || v.default === null) continue;
      const hits = scanForSecrets(v.default, v.name, "default", v.sensitive);
      if (hits.length > 0 && v.sensitive) {
        ctx.report("ZSP010", v, `sensitive variable ${v.name} has a literal default: the secret is in the configuration. Fix: remove the default and pass the value at apply time from a secret store.`);
      } else {
        report(ctx, v, hits);
      }
    }
  },
} as const satisfies Rule;

const DEFAULT_FIX = "pass it as a sensitive variable without a default (or a write-only argument fed from one, or a reference to a secret store); better, let Vault issue it dynamically";

function report(ctx: RuleContext, at: Locatable, hits: readonly SecretHit[], fix = DEFAULT_FIX): void {
  for (const h of hits) {
    ctx.report("ZSP010", at, `literal secret: ${h.path} is ${h.what}. Fix: ${fix}.`);
  }
}
