import { ConfigScope, WrittenResource } from "./config-scope";
import { finish } from "./evaluate";
import { GuardInputError } from "./input-error";
import { TfBackend, TfModel, TfModuleCall, TfNamedValue, TfProvider, TfResource, TfVariable, blocks, isRecord } from "./model";
import { SourceLocation, readSourceLocation } from "../core/source-location";

/**
 * Top-level keys that make a JSON document Terraform JSON configuration
 * (DESIGN.md, CLI contract). A file with only `locals` or only `output` is
 * configuration too.
 */
export const CONFIG_KEYS: readonly string[] = ["resource", "data", "provider", "variable", "locals", "output", "module", "terraform"];

/** Module call arguments that are Terraform's, not the module's inputs. */
const MODULE_META: ReadonlySet<string> = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);

/** Whether `json` is Terraform JSON configuration (cdktf synth output or `*.tf.json`, object or array form). */
export function isTerraformConfig(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && CONFIG_KEYS.some((k) => k in json);
}

/** One configuration file of a root module. */
export interface ConfigDocument {
  /** Its parsed JSON. */
  readonly json: Record<string, unknown>;
  /** An override file (`override.tf.json`, `*_override.tf.json`): its arguments replace those of the blocks it names. */
  readonly override?: boolean;
}

/** Options of `loadDocument` and `loadRootModule` for configuration input. */
export interface ConfigOptions {
  /**
   * Variable values, as `terraform plan -var-file` gets them; a variable not
   * set here takes its default.
   * An undeclared one is refused (GuardInputError) unless `ignoreUndeclared`.
   */
  readonly variables?: Readonly<Record<string, unknown>>;
  /**
   * Whether a variable in `variables` that this configuration does not declare is ignored
   * (several stacks checked with one var-file) rather than refused.
   * @default false
   */
  readonly ignoreUndeclared?: boolean;
}

/**
 * A labelled block type's bodies, in the object form (`{"aws_iam_role": {"x": {...}}}`)
 * or the array form hcl2json writes (an array of objects at any level):
 * `[labels, body]` pairs, `//` comments skipped.
 */
export function labelledBlocks(value: unknown, labels: number): Array<[string[], Record<string, unknown>]> {
  const out: Array<[string[], Record<string, unknown>]> = [];
  const visit = (v: unknown, prefix: string[]): void => {
    if (Array.isArray(v)) {
      for (const item of v) if (isRecord(item)) visit(item, prefix);
      return;
    }
    if (!isRecord(v)) return;
    if (prefix.length === labels) {
      out.push([prefix, v]);
      return;
    }
    for (const [k, child] of Object.entries(v)) if (k !== "//") visit(child, [...prefix, k]);
  };
  visit(value, []);
  return out;
}

/**
 * Builds the model of one Terraform JSON configuration document
 * (`fallbackStack` names the stack when cdktf's metadata does not).
 *
 * @throws GuardInputError when `options.variables` sets an undeclared variable.
 */
export function loadConfig(json: Record<string, unknown>, fallbackStack: string, options: ConfigOptions = {}): TfModel {
  return loadConfigDocuments([{ json }], fallbackStack, options);
}

interface Written {
  mode: "managed" | "data";
  type: string;
  name: string;
  body: Record<string, unknown>;
  constructPath?: string;
  sourceLocation?: SourceLocation;
}

/**
 * Builds the model of one root module from its configuration files, merged
 * as Terraform merges them: every block of every file, then override files
 * replacing the arguments of the blocks they name.
 *
 * @throws GuardInputError when `options.variables` sets an undeclared variable.
 */
export function loadConfigDocuments(docs: readonly ConfigDocument[], fallbackStack: string, options: ConfigOptions = {}): TfModel {
  const written = new Map<string, Written>();
  const providers = new Map<string, { name: string; alias?: string; body: Record<string, unknown>; sourceLocation?: SourceLocation }>();
  const variables = new Map<string, Record<string, unknown>>();
  const locals = new Map<string, unknown>();
  const outputs = new Map<string, Record<string, unknown>>();
  const modules = new Map<string, Record<string, unknown>>();
  const backends = new Map<string, TfBackend>();
  let stack = fallbackStack;
  let suppressions: unknown[] = [];
  let embeddedProfile: unknown;
  const merge = <T extends Record<string, unknown>>(map: Map<string, T>, key: string, body: T, override: boolean): void => {
    const base = map.get(key);
    map.set(key, override && base ? { ...base, ...body } : body);
  };
  for (const doc of [...docs.filter((d) => !d.override), ...docs.filter((d) => d.override)]) {
    const { json } = doc;
    const override = doc.override === true;
    const meta = isRecord(json["//"]) ? json["//"] : {};
    if (isRecord(meta.metadata) && typeof meta.metadata.stackName === "string") stack = meta.metadata.stackName;
    if (isRecord(meta.zsp)) {
      if (Array.isArray(meta.zsp.suppressions)) suppressions = [...suppressions, ...(meta.zsp.suppressions as unknown[])];
      if (meta.zsp.profile !== undefined) embeddedProfile = meta.zsp.profile;
    }
    for (const mode of ["managed", "data"] as const) {
      for (const [[type, name], raw] of labelledBlocks(json[mode === "managed" ? "resource" : "data"], 2)) {
        if (type === undefined || name === undefined) continue;
        const { "//": rmeta, ...body } = raw;
        const path = isRecord(rmeta) && isRecord(rmeta.metadata) ? rmeta.metadata.path : undefined;
        const address = mode === "managed" ? `${type}.${name}` : `data.${type}.${name}`;
        const base = written.get(address);
        const sourceLocation = readSourceLocation(rmeta) ?? base?.sourceLocation;
        written.set(address, {
          mode, type, name, body: override && base ? { ...base.body, ...body } : body,
          ...(typeof path === "string" ? { constructPath: path } : base?.constructPath !== undefined ? { constructPath: base.constructPath } : {}),
          ...(sourceLocation !== undefined ? { sourceLocation } : {}),
        });
      }
    }
    for (const [[name], raw] of labelledBlocks(json.provider, 1)) {
      if (name === undefined) continue;
      const { "//": pmeta, ...body } = raw;
      const alias = typeof body.alias === "string" ? body.alias : undefined;
      const key = alias ? `${name}.${alias}` : name;
      const base = providers.get(key);
      const sourceLocation = readSourceLocation(pmeta) ?? base?.sourceLocation;
      providers.set(key, { name, body: override && base ? { ...base.body, ...body } : body, ...(alias ? { alias } : {}), ...(sourceLocation !== undefined ? { sourceLocation } : {}) });
    }
    for (const [[name], body] of labelledBlocks(json.variable, 1)) if (name !== undefined) merge(variables, name, body, override);
    for (const [[name], body] of labelledBlocks(json.output, 1)) if (name !== undefined) merge(outputs, name, body, override);
    for (const [[name], body] of labelledBlocks(json.module, 1)) if (name !== undefined) merge(modules, name, body, override);
    for (const body of blocks(json.locals)) for (const [k, v] of Object.entries(body)) if (k !== "//") locals.set(k, v);
    for (const tf of blocks(json.terraform)) {
      for (const [[type], body] of labelledBlocks(tf.backend, 1)) {
        if (type !== undefined) backends.set("backend", { address: `terraform.backend.${type}`, type, config: body });
      }
      for (const body of blocks(tf.cloud)) backends.set("cloud", { address: "terraform.cloud", type: "cloud", config: body });
    }
  }

  const given = options.variables ?? {};
  for (const name of Object.keys(given)) {
    if (!variables.has(name) && options.ignoreUndeclared !== true) throw new GuardInputError(`sets variable "${name}", which the configuration does not declare (declared: ${[...variables.keys()].join(", ") || "none"})`);
  }
  const varValues = new Map<string, unknown>();
  const tfVariables: TfVariable[] = [];
  for (const [name, body] of variables) {
    const has = Object.prototype.hasOwnProperty.call(given, name);
    if (has) varValues.set(name, given[name]);
    else if ("default" in body) varValues.set(name, body.default);
    tfVariables.push({
      address: `var.${name}`, name, sensitive: body.sensitive === true,
      ...("default" in body ? { default: body.default } : {}), ...(has ? { value: given[name] } : {}),
    });
  }
  const resourcesWritten = new Map<string, WrittenResource>();
  for (const [address, w] of written) resourcesWritten.set(address, { body: w.body, counted: w.body.count !== undefined || w.body.for_each !== undefined });
  const scope = new ConfigScope({ variables: varValues, locals, resources: resourcesWritten });

  const resources: TfResource[] = [];
  const notCreated: TfResource[] = [];
  for (const [address, w] of written) {
    const values: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(w.body)) values[k] = k === "provider" || k === "depends_on" || k === "lifecycle" ? v : finish(scope.attribute(address, k));
    const provider = typeof w.body.provider === "string" ? w.body.provider.replace(/^\$\{(.*)\}$/, "$1") : providerOf(w.type);
    (createsNone(values) ? notCreated : resources).push({
      address, mode: w.mode, type: w.type, name: w.name, module: "", values, config: w.body,
      provider: `provider.${provider}`,
      ...(w.constructPath !== undefined ? { constructPath: w.constructPath } : {}),
      ...(w.sourceLocation !== undefined ? { sourceLocation: w.sourceLocation } : {}),
    });
  }
  const tfProviders: TfProvider[] = [...providers.values()].map(({ name, alias, body, sourceLocation }) => ({
    address: alias ? `provider.${name}.${alias}` : `provider.${name}`, name, module: "", config: body,
    values: scope.evaluated(body) as Record<string, unknown>, ...(alias ? { alias } : {}), ...(sourceLocation !== undefined ? { sourceLocation } : {}),
  }));
  const tfLocals: TfNamedValue[] = [...locals.entries()].map(([name, config]) => ({
    address: `local.${name}`, name, module: "", config, value: finish(scope.local(name)), sensitive: false,
  }));
  const tfOutputs: TfNamedValue[] = [...outputs.entries()].map(([name, body]) => ({
    address: `output.${name}`, name, module: "", config: body.value, value: scope.evaluated(body.value), sensitive: body.sensitive === true,
  }));
  const moduleCalls: TfModuleCall[] = [...modules.entries()].map(([name, body]) => {
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) if (!MODULE_META.has(k) && k !== "//") config[k] = v;
    return {
      address: `module.${name}`, name, module: "", config, values: scope.evaluated(config) as Record<string, unknown>, opaque: true,
      ...(typeof body.source === "string" ? { source: body.source } : {}),
    };
  });
  return {
    shape: "config", stack, resources, ...(notCreated.length > 0 ? { notCreated } : {}), providers: tfProviders, variables: tfVariables,
    locals: tfLocals, outputs: tfOutputs, moduleCalls, backends: [...backends.values()],
    suppressions, ...(embeddedProfile !== undefined ? { embeddedProfile } : {}),
    hasConfiguration: true,
  };
}

/** Whether a block's evaluated `count` / `for_each` is known to create no instance: 0, or an empty collection. */
function createsNone(values: Readonly<Record<string, unknown>>): boolean {
  const { count, for_each: forEach } = values;
  if (count === 0 || count === "0") return true;
  return (Array.isArray(forEach) && forEach.length === 0) || (isRecord(forEach) && Object.keys(forEach).length === 0);
}

/** The provider local name a resource type implies (`aws_iam_role` → `aws`). */
export function providerOf(type: string): string {
  const i = type.indexOf("_");
  return i < 0 ? type : type.slice(0, i);
}
