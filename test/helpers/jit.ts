import { App, TerraformStack, Testing } from "../../provider-shim/core";
import type { PolicyDocumentJson } from "../../modules";
import { TfJson, testApp } from "./synth";

/** The fixed "now" of the JIT tests: before the example's migration window. */
export const NOW = "2026-11-25T12:00:00Z";

/** A test app with the example profile and a fixed clock. */
export function jitApp(zsp: unknown = { allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" }, now: string = NOW): App {
  const app = testApp(zsp);
  app.node.setContext("zsp:now", now);
  return app;
}

/** Synthesizes `stack` and parses it. */
export function synthStack(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** The resources of `type` whose key starts with `prefix`, by key. */
export function resourcesOf(json: TfJson, type: string, prefix = ""): Array<Record<string, unknown>> {
  return Object.entries(json.resource?.[type] ?? {}).filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

/** The one resource of `type` whose key starts with `prefix`. */
export function oneResource(json: TfJson, type: string, prefix = ""): Record<string, unknown> {
  const found = resourcesOf(json, type, prefix);
  if (found.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${found.length}`);
  return found[0] as Record<string, unknown>;
}

/** A policy string attribute, parsed. */
export function policyOf(resource: Record<string, unknown>, attribute: string): PolicyDocumentJson {
  return JSON.parse(resource[attribute] as string) as PolicyDocumentJson;
}
