import { App, TerraformStack, Testing } from "../../provider-shim/core";

/** Terraform JSON configuration as cdktf synthesizes it. */
export type TfJson = {
  provider?: Record<string, Array<Record<string, unknown>>>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  variable?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
};

/** Creates a test app whose context carries `zsp` when given. */
export function testApp(zsp?: unknown): App {
  return Testing.app({ context: zsp === undefined ? {} : { zsp } });
}

/** Builds a stack with `build` and returns its synthesized JSON, parsed. */
export function synth(build: (stack: TerraformStack) => void, zsp?: unknown): TfJson {
  const stack = new TerraformStack(testApp(zsp), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** Every string anywhere in `value`. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}
