import { TfModel, TfProvider, TfResource, TfVariable, blocks, isRecord } from "./model";

/**
 * Top-level keys that make a JSON document Terraform JSON configuration:
 * DESIGN.md's five, plus `module` (a `*.tf.json` holding only module calls is
 * configuration too; their contents, unseen, are a ZSP000 warning).
 */
export const CONFIG_KEYS: readonly string[] = ["resource", "data", "provider", "variable", "terraform", "module"];

/** Whether `json` is Terraform JSON configuration (cdktf synth output or `*.tf.json`). */
export function isTerraformConfig(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && CONFIG_KEYS.some((k) => k in json);
}

/**
 * Builds the model of Terraform JSON configuration: `resource.<type>.<name>`,
 * `data.<type>.<name>`, `provider.<name>` (a list, or one object), `variable`.
 * `fallbackStack` names the stack when cdktf's metadata does not.
 */
export function loadConfig(json: Record<string, unknown>, fallbackStack: string): TfModel {
  const meta = isRecord(json["//"]) ? json["//"] : {};
  const metadata = isRecord(meta.metadata) ? meta.metadata : {};
  const zsp = isRecord(meta.zsp) ? meta.zsp : {};
  const stack = typeof metadata.stackName === "string" ? metadata.stackName : fallbackStack;
  const resources: TfResource[] = [];
  for (const mode of ["managed", "data"] as const) {
    const section = json[mode === "managed" ? "resource" : "data"];
    if (!isRecord(section)) continue;
    for (const [type, byName] of Object.entries(section)) {
      if (!isRecord(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        // Hand-written JSON may wrap a body in a one-element list.
        const raw = Array.isArray(body) ? body[0] : body;
        if (!isRecord(raw)) continue;
        const { "//": rmeta, ...values } = raw;
        const path = isRecord(rmeta) && isRecord(rmeta.metadata) ? rmeta.metadata.path : undefined;
        const provider = typeof values.provider === "string" ? values.provider.replace(/^\$\{(.*)\}$/, "$1") : providerOf(type);
        resources.push({
          address: mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`,
          mode, type, name, module: "", values, config: values,
          provider: `provider.${provider}`,
          ...(typeof path === "string" ? { constructPath: path } : {}),
        });
      }
    }
  }
  const providers: TfProvider[] = [];
  if (isRecord(json.provider)) {
    for (const [name, list] of Object.entries(json.provider)) {
      for (const config of blocks(list)) {
        const alias = typeof config.alias === "string" ? config.alias : undefined;
        providers.push({ address: alias ? `provider.${name}.${alias}` : `provider.${name}`, name, module: "", config, ...(alias ? { alias } : {}) });
      }
    }
  }
  const variables: TfVariable[] = [];
  if (isRecord(json.variable)) {
    for (const [name, body] of Object.entries(json.variable)) {
      const v = isRecord(body) ? body : {};
      variables.push({ address: `var.${name}`, name, sensitive: v.sensitive === true, ...("default" in v ? { default: v.default } : {}) });
    }
  }
  const opaqueModules = isRecord(json.module) ? Object.keys(json.module).map((m) => `module.${m}`) : [];
  return {
    shape: "config", stack, resources, providers, variables, opaqueModules,
    suppressions: Array.isArray(zsp.suppressions) ? zsp.suppressions : [],
    ...(zsp.profile !== undefined ? { embeddedProfile: zsp.profile } : {}),
    hasConfiguration: true,
  };
}

/** The provider local name a resource type implies (`aws_iam_role` → `aws`). */
export function providerOf(type: string): string {
  const i = type.indexOf("_");
  return i < 0 ? type : type.slice(0, i);
}
