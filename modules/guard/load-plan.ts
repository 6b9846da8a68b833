import { bareModule } from "./index-model";
import { providerOf } from "./load-config";
import { TfModel, TfModuleCall, TfNamedValue, TfProvider, TfResource, TfVariable, UNKNOWN, isExpression, isRecord, show } from "./model";

/** Whether `json` is `terraform show -json` output of a plan. */
export function isTerraformPlan(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && "format_version" in json && ("planned_values" in json || "resource_changes" in json);
}

interface Rec { [k: string]: unknown }

/**
 * Builds the model of a `terraform show -json` plan. Resources come from
 * `resource_changes` and `deferred_changes` (planned `after` values, with `after_unknown` ones set to
 * the configuration's reference, else {@link UNKNOWN}; deletions are skipped), then from `planned_values` and
 * `prior_state` for data sources the plan read. The configuration view comes
 * from `configuration` (`constant_value` vs `references`); variables take the
 * plan's `variables` values, outputs its planned `outputs`, module calls
 * their `expressions`.
 */
export function loadPlan(json: Record<string, unknown>, stack: string): TfModel {
  const configuration = isRecord(json.configuration) ? json.configuration : undefined;
  const configByAddress = new Map<string, Rec>();
  const given = isRecord(json.variables) ? json.variables : {};
  const collected: Collected = { variables: [], outputs: [], moduleCalls: [] };
  if (configuration && isRecord(configuration.root_module)) collectConfig(configuration.root_module, "", configByAddress, collected, given);
  const planned = isRecord(json.planned_values) && isRecord(json.planned_values.outputs) ? json.planned_values.outputs : {};
  const outputs = collected.outputs.map((o): TfNamedValue => {
    const p = o.module === "" ? planned[o.name] : undefined;
    return isRecord(p) && "value" in p ? { ...o, value: p.value, sensitive: o.sensitive || p.sensitive === true } : o;
  });
  for (const [name, p] of Object.entries(planned)) {
    if (!isRecord(p) || outputs.some((o) => o.module === "" && o.name === name)) continue;
    outputs.push({ address: `output.${name}`, name, module: "", config: UNKNOWN, value: "value" in p ? p.value : UNKNOWN, sensitive: p.sensitive === true });
  }

  const resources: TfResource[] = [];
  const seen = new Set<string>();
  // Thousands of resources share a few provider configurations: one address string each.
  const providerAddresses = new Map<string, string>();
  const providerAt = (key: string): string => {
    let a = providerAddresses.get(key);
    if (a === undefined) providerAddresses.set(key, (a = providerAddress(key)));
    return a;
  };
  const add = (address: string, mode: unknown, type: unknown, name: unknown, module: string, values: unknown, unknown?: unknown): void => {
    if (seen.has(address) || typeof type !== "string" || typeof name !== "string") return;
    seen.add(address);
    const m = mode === "data" ? "data" : "managed";
    // An address without instance keys is its configuration key already (`module.a.aws_x.y`, `data.aws_x.y`).
    const cfg = configByAddress.get(address.includes("[") ? configKey(module, m, type, name) : address);
    const expressions = cfg && isRecord(cfg.expressions) ? cfg.expressions : undefined;
    const config = cfg ? (expressions ? (expressionsToConfig(expressions) as Rec) : {}) : undefined;
    // Terraform writes provider_config_key; OpenTofu writes provider_config_keys when a resource uses several.
    const keys = cfg && Array.isArray(cfg.provider_config_keys) ? cfg.provider_config_keys : [];
    const providerKey = cfg && typeof cfg.provider_config_key === "string" ? cfg.provider_config_key : typeof keys[0] === "string" ? keys[0] : undefined;
    resources.push({
      address, mode: m, type, name, module,
      values: isRecord(values) ? (unknown !== undefined ? (withUnknowns(values, unknown, config) as Rec) : values) : {},
      ...(config ? { config } : {}),
      provider: providerKey ? providerAt(providerKey) : `${module ? `${module}.` : ""}provider.${providerOf(type)}`,
    });
  };

  // Terraform 1.10+ may defer a resource's plan (`deferred_changes`): it is still to be applied, so it is checked too.
  const deferred = (Array.isArray(json.deferred_changes) ? json.deferred_changes : []).map((d) => (isRecord(d) ? d.resource_change : undefined));
  const changes: unknown[] = [...(Array.isArray(json.resource_changes) ? json.resource_changes : []), ...deferred];
  // Indexed: this one-off loop over every change starts unoptimised, where for-of allocates an iterator result per step.
  for (let i = 0; i < changes.length; i++) {
    const rc = changes[i];
    if (!isRecord(rc) || typeof rc.address !== "string" || !isRecord(rc.change)) continue;
    const actions = Array.isArray(rc.change.actions) ? rc.change.actions : [];
    if (rc.change.after === null || (actions.length === 1 && actions[0] === "delete")) {
      seen.add(rc.address);
      continue;
    }
    const module = typeof rc.module_address === "string" ? rc.module_address : moduleOf(rc.address);
    add(rc.address, rc.mode, rc.type, rc.name, module, rc.change.after, rc.change.after_unknown);
  }
  for (const source of [json.planned_values, json.prior_state]) {
    const root = isRecord(source) ? (isRecord(source.values) ? source.values.root_module : source.root_module) : undefined;
    walkModules(root, (r, module) => {
      if (source === json.prior_state && r.mode !== "data") return;
      if (typeof r.address === "string") add(r.address, r.mode, r.type, r.name, module, r.values);
    });
  }

  const providers: TfProvider[] = [];
  const providerConfig = configuration && isRecord(configuration.provider_config) ? configuration.provider_config : {};
  for (const [key, body] of Object.entries(providerConfig)) {
    if (!isRecord(body)) continue;
    const name = typeof body.name === "string" ? body.name : key.replace(/^.*:/, "").split(".")[0] ?? key;
    const alias = typeof body.alias === "string" ? body.alias : undefined;
    const address = providerAddress(key);
    const config = isRecord(body.expressions) ? (expressionsToConfig(body.expressions) as Rec) : {};
    providers.push({ address, name, module: moduleOf(address), config, values: config, ...(alias ? { alias } : {}) });
  }
  return {
    shape: "plan", stack, resources, providers, variables: collected.variables, locals: [], outputs, moduleCalls: collected.moduleCalls, backends: [],
    suppressions: [], hasConfiguration: configuration !== undefined,
  };
}

/** `aws`, `aws.east`, `module.a:aws` (or `a:aws`) → `provider.aws`, `provider.aws.east`, `module.a.provider.aws`. */
export function providerAddress(key: string): string {
  const colon = key.lastIndexOf(":");
  if (colon < 0) return `provider.${key}`;
  const module = key.slice(0, colon);
  return `${module.startsWith("module.") ? module : `module.${module}`}.provider.${key.slice(colon + 1)}`;
}

/** The module part of an address (`module.a[0].module.b.aws_x.y` → `module.a[0].module.b`). */
export function moduleOf(address: string): string {
  const parts = address.match(/^((?:module\.[^.[]+(?:\[[^\]]*\])?\.)*)/);
  return (parts?.[1] ?? "").replace(/\.$/, "");
}

/**
 * The configuration address of a resource (module path without instance
 * keys). Joined, not concatenated: `join` makes one flat string, where a
 * template makes a concatenation that every lookup against it (one per
 * resource of a plan) must walk.
 */
function configKey(module: string, mode: string, type: string, name: string): string {
  const m = bareModule(module);
  const parts = m ? [m] : [];
  if (mode === "data") parts.push("data");
  parts.push(type, name);
  return parts.join(".");
}

interface Collected {
  readonly variables: TfVariable[];
  readonly outputs: TfNamedValue[];
  readonly moduleCalls: TfModuleCall[];
}

function collectConfig(mod: Rec, prefix: string, out: Map<string, Rec>, collected: Collected, given: Rec): void {
  const at = (what: string): string => `${prefix ? `${prefix}.` : ""}${what}`;
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) {
    if (isRecord(r) && typeof r.type === "string" && typeof r.name === "string") {
      out.set(configKey(prefix, show(r.mode), r.type, r.name), r);
    }
  }
  if (isRecord(mod.variables)) {
    for (const [name, v] of Object.entries(mod.variables)) {
      const body = isRecord(v) ? v : {};
      // The plan's `variables` hold the root module's values (var-files, -var, defaults applied).
      const value = prefix === "" && isRecord(given[name]) && "value" in given[name] ? (given[name] as Rec).value : undefined;
      collected.variables.push({
        address: at(`var.${name}`), name, sensitive: body.sensitive === true,
        ...("default" in body ? { default: body.default } : {}), ...(value !== undefined ? { value } : {}),
      });
    }
  }
  if (isRecord(mod.outputs)) {
    for (const [name, o] of Object.entries(mod.outputs)) {
      const body = isRecord(o) ? o : {};
      const config = expressionsToConfig(body.expression ?? {});
      collected.outputs.push({ address: at(`output.${name}`), name, module: prefix, config, value: config, sensitive: body.sensitive === true });
    }
  }
  if (isRecord(mod.module_calls)) {
    for (const [name, call] of Object.entries(mod.module_calls)) {
      if (!isRecord(call)) continue;
      const config = isRecord(call.expressions) ? (expressionsToConfig(call.expressions) as Rec) : {};
      collected.moduleCalls.push({
        address: at(`module.${name}`), name, module: prefix, config, values: config, opaque: !isRecord(call.module),
        ...(typeof call.source === "string" ? { source: call.source } : {}),
      });
      if (isRecord(call.module)) collectConfig(call.module, at(`module.${name}`), out, collected, given);
    }
  }
}

function walkModules(mod: unknown, visit: (r: Rec, module: string) => void): void {
  if (!isRecord(mod)) return;
  const module = typeof mod.address === "string" ? mod.address : "";
  for (const r of Array.isArray(mod.resources) ? mod.resources : []) if (isRecord(r)) visit(r, module);
  for (const child of Array.isArray(mod.child_modules) ? mod.child_modules : []) walkModules(child, visit);
}

/**
 * Planned values with every `after_unknown` leaf replaced: `after` is
 * authoritative; a part it leaves unknown takes the configuration's
 * reference (`${aws_iam_role.x.arn}`), which rules can follow, when
 * `config` has one, else {@link UNKNOWN}. Walks only what `after_unknown`
 * marks, so a plan costs what its unknowns cost.
 */
export function withUnknowns(after: unknown, unknown: unknown, config?: unknown): unknown {
  if (unknown === true) return isExpression(config) ? config : UNKNOWN;
  if (Array.isArray(unknown)) {
    if (!unknown.some((u) => u !== false)) return after;
    const list = Array.isArray(after) ? [...after] : [];
    unknown.forEach((u, i) => { if (u !== false) list[i] = withUnknowns(list[i], u, Array.isArray(config) ? config[i] : undefined); });
    return list;
  }
  if (isRecord(unknown)) {
    let out: Rec | undefined;
    for (const k in unknown) {
      const u = unknown[k];
      if (u === false || (isRecord(u) && Object.keys(u).length === 0) || (Array.isArray(u) && u.length === 0)) continue;
      out ??= isRecord(after) ? { ...after } : {};
      out[k] = withUnknowns(out[k], u, isRecord(config) ? config[k] : undefined);
    }
    return out ?? after;
  }
  return after;
}

/**
 * A plan's expressions as configuration: `{constant_value}` → the value,
 * `{references: [r, …]}` → `"${r}"`, nested blocks recursively, and an
 * expression that is neither (a function of nothing known) → {@link UNKNOWN}.
 */
export function expressionsToConfig(expr: unknown): unknown {
  if (Array.isArray(expr)) return expr.map(expressionsToConfig);
  if (!isRecord(expr)) return expr;
  if ("constant_value" in expr) return expr.constant_value;
  if (Array.isArray(expr.references)) {
    // Terraform lists a reference and its parents (`aws_iam_role.x.arn`, `aws_iam_role.x`); keep the most specific ones.
    const refs = expr.references.filter((r): r is string => typeof r === "string");
    const specific = refs.length === 1 ? refs : refs.filter((r) => !refs.some((o) => isInside(o, r)));
    return specific.length === 0 ? UNKNOWN : specific.map((r) => `\${${r}}`).join("");
  }
  const keys = Object.keys(expr);
  if (keys.length === 0) return UNKNOWN;
  const out: Rec = {};
  for (const k of keys) out[k] = expressionsToConfig(expr[k]);
  return out;
}

/** Whether reference `o` is inside reference `r` (`r.x`, `r[0]`). */
function isInside(o: string, r: string): boolean {
  const next = o.length > r.length && o.startsWith(r) ? o.charCodeAt(r.length) : 0;
  return next === 46 /* . */ || next === 91 /* [ */;
}
