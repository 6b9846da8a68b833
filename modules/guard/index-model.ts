import { perKey } from "./memo";
import { TfModel, TfResource } from "./model";

/** Lookups over a model, built once per model (rules run in linear time on 50,000 resources). */
export interface ModelIndex {
  /** Resources (managed mode) by type. */
  readonly byType: ReadonlyMap<string, readonly TfResource[]>;
  /** Resources and data sources by address. */
  readonly byAddress: ReadonlyMap<string, TfResource>;
}

/** The index of `model`. */
export const indexOf: (model: TfModel) => ModelIndex = perKey((model: TfModel): ModelIndex => {
  const byType = new Map<string, TfResource[]>();
  const byAddress = new Map<string, TfResource>();
  for (const r of model.resources) {
    byAddress.set(r.address, r);
    if (r.mode !== "managed") continue;
    const list = byType.get(r.type);
    if (list) list.push(r);
    else byType.set(r.type, [r]);
  }
  return { byType, byAddress };
});

/** Managed resources of `type`. */
export function ofType(model: TfModel, type: string): readonly TfResource[] {
  return indexOf(model).byType.get(type) ?? [];
}

/** Module path without instance keys, for matching references. */
export function bareModule(module: string): string {
  return module.includes("[") ? module.replace(/\[[^\]]*\]/g, "") : module;
}

const REF = /^\$\{((?:module\.[\w-]+\.)*)([a-z0-9_]+)\.([\w-]+)(?:\[[^\]]*\])?(?:\.([\w.]+))?\}$/;

/**
 * The resource of `type` that `value` (a configuration-view string such as
 * `${aws_iam_role.deploy.name}`) refers to, in `from`'s module.
 */
export function referencedResource(model: TfModel, from: TfResource, value: unknown, type: string): TfResource | undefined {
  if (typeof value !== "string") return undefined;
  const m = REF.exec(value);
  if (!m || m[2] !== type) return undefined;
  const sub = m[1] ? m[1].slice(0, -1) : "";
  const base = bareModule(from.module);
  const module = base && sub ? `${base}.${sub}` : base || sub;
  const address = `${module ? `${module}.` : ""}${type}.${m[3]}`;
  const index = indexOf(model);
  const exact = index.byAddress.get(address);
  if (exact) return exact;
  // count / for_each instances: take the first instance of the resource
  const instance = `${address}[`;
  return ofType(model, type).find((r) => r.address.startsWith(instance) || (r.name === m[3] && bareModule(r.module) === module));
}
