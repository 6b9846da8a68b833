import { TfJson } from "./synth";

/** The resources of `type` in `json`, in declaration order. */
export function resources(json: TfJson, type: string): Array<Record<string, unknown>> {
  return Object.values(json.resource?.[type] ?? {});
}

/** The one resource of `type` in `json`; throws when there is not exactly one. */
export function only(json: TfJson, type: string): Record<string, unknown> {
  const found = resources(json, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as Record<string, unknown>;
}

/** Ownership fields the example world uses. */
export const OWNER = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };
