import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import fc from "fast-check";
import { TerraformStack } from "../provider-shim/core";
import { DEFAULT_PROFILE, ZspError, ZspProfile, loadProfileFile, resolveProfile, restrictProfile } from "../modules";
import schema from "../schema/zsp-profile.schema.json";
import { testApp } from "./helpers/synth";
import { tempDir } from "./helpers/temp";

const validate = new Ajv({ allErrors: true }).compile(schema);
const accepts = (input: unknown): boolean => {
  try {
    resolveProfile(input, "test");
    return true;
  } catch (e) {
    if (!(e instanceof ZspError)) throw e;
    return false;
  }
};

describe("profile JSON schema (for editors) and resolveProfile agree", () => {
  const duration = fc.oneof(fc.constantFrom("15m", "1h", "1h30m", "4h", "0m", "soon", "-1h", "2d"), fc.integer({ min: -10, max: 50000 }));
  const profile = fc.record({
    maxSession: duration, maxStsTtl: duration, maxLease: duration, maxTokenTtl: duration, maxAgentIntentTtl: duration,
    allowedRegions: fc.array(fc.constantFrom("eu-west-1", "us-east-1", "mars-1"), { maxLength: 2 }),
    expiredWindow: fc.constantFrom("error", "warning", "ignore"),
    boundaryArn: fc.constantFrom("arn:aws:iam::111122223333:policy/zsp-boundary", "not-an-arn"),
  }, { requiredKeys: [] });

  it("every profile resolveProfile accepts is valid under the schema", () => {
    fc.assert(fc.property(profile, (p) => !accepts(p) || validate(p)), { numRuns: 500 });
  });

  it("every profile the schema rejects, resolveProfile rejects too", () => {
    fc.assert(fc.property(profile, (p) => validate(p) || !accepts(p)), { numRuns: 500 });
  });

  it("rejects unknown keys in both", () => {
    expect(validate({ maxSesion: "1h" })).toBe(false);
    expect(accepts({ maxSesion: "1h" })).toBe(false);
  });
});

describe("loadProfileFile", () => {
  const dir = tempDir("zsp-profile-");
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("reads a profile file and the zsp context of a cdktf.json", () => {
    expect(loadProfileFile(file("p.json", '{"maxTokenTtl":"10m"}')).maxTokenTtl).toBe(600);
    expect(loadProfileFile(file("cdktf.json", '{"app":"node x","context":{"zsp":{"maxLease":"2h"}}}')).maxLease).toBe(7200);
    expect(loadProfileFile(file("cdktf2.json", '{"language":"typescript","app":"node x"}'))).toEqual(DEFAULT_PROFILE);
  });

  it("names the file for each kind of bad input", () => {
    expect(() => loadProfileFile(join(dir, "missing.json"))).toThrow(/missing\.json: invalid profile: cannot read the file \(ENOENT\)/);
    expect(() => loadProfileFile(file("bad.json", "{maxLease"))).toThrow(/bad\.json: invalid profile: not JSON/);
    expect(() => loadProfileFile(file("wrong.json", '{"maxLease":"forever"}'))).toThrow(/wrong\.json: invalid profile\.maxLease: "forever" is not a duration/);
  });
});

describe("restricting a profile can only tighten it", () => {
  const org = resolveProfile({ maxLease: "1h", allowedRegions: ["eu-west-1", "eu-central-1"], ticketPattern: "^[A-Z]+-[0-9]+$", boundaryArn: "arn:aws:iam::111122223333:policy/acme-boundary" }, "org");

  it("keeps the stricter of each bound", () => {
    const p = restrictProfile(org, { maxLease: "4h", maxTokenTtl: "5m", allowedRegions: ["eu-west-1", "us-east-1"], expiredWindow: "warning" }, "team");
    expect(p).toMatchObject({ maxLease: 3600, maxTokenTtl: 300, allowedRegions: ["eu-west-1"], expiredWindow: "error", boundaryArn: org.boundaryArn });
  });

  it("requires both ticket patterns to match", () => {
    const p = restrictProfile(org, { ticketPattern: "^CHG-" }, "team");
    expect(new RegExp(p.ticketPattern ?? "").test("CHG-4821")).toBe(true);
    expect(new RegExp(p.ticketPattern ?? "").test("INC-1")).toBe(false);
    expect(new RegExp(p.ticketPattern ?? "").test("CHG-x")).toBe(false);
  });

  it("refuses disjoint regions", () => {
    expect(() => restrictProfile(org, { allowedRegions: ["us-east-1"] }, "team")).toThrow("no region is allowed by both profiles");
  });

  it("ZspProfile.restrict ignores a looser profile applied above it", () => {
    const stack = new TerraformStack(testApp(), "s");
    ZspProfile.apply(stack, { maxLease: "8h", allowedRegions: ["us-east-1", "eu-west-1"] });
    expect(ZspProfile.of(stack).maxLease).toBe(28800);
    const golden = ZspProfile.restrict(stack, { maxLease: "1h", allowedRegions: ["eu-west-1"] });
    expect(golden).toMatchObject({ maxLease: 3600, allowedRegions: ["eu-west-1"] });
    expect(ZspProfile.of(stack)).toBe(golden);
  });
});
