import { TerraformStack } from "../provider-shim/core";
import { DEFAULT_PROFILE, ZspError, ZspProfile, resolveProfile } from "../modules";
import { testApp } from "./helpers/synth";

describe("resolveProfile", () => {
  it("has the safe defaults of DESIGN.md", () => {
    expect(DEFAULT_PROFILE).toMatchObject({ maxSession: 3600, maxStsTtl: 3600, maxLease: 3600, maxTokenTtl: 900, maxAgentIntentTtl: 300 });
    expect(DEFAULT_PROFILE.requiredTags).toEqual(["zsp:owner", "zsp:contact", "zsp:purpose", "zsp:access"]);
  });

  it("parses durations and keeps the zsp:* tags required", () => {
    const p = resolveProfile({ maxLease: "4h", maxTokenTtl: 600, requiredTags: ["cost-center"], allowedRegions: ["eu-west-1"] }, "test");
    expect(p).toMatchObject({ maxLease: 14400, maxTokenTtl: 600, allowedRegions: ["eu-west-1"] });
    expect(p.requiredTags).toEqual(["zsp:owner", "zsp:contact", "zsp:purpose", "zsp:access", "cost-center"]);
  });

  it.each<[unknown, string]>([
    [[], "a profile must be an object"],
    [{ maxSesion: "1h" }, "profile.maxSesion: unknown profile key"],
    [{ maxSession: "30m" }, "30m is outside what IAM accepts for max_session_duration (1h to 12h)"],
    [{ maxSession: "13h" }, "13h is outside what IAM accepts"],
    [{ maxLease: 0 }, "0 is not a positive whole number of seconds"],
    [{ maxTokenTtl: true }, "expected a duration, got true"],
    [{ allowedRegions: ["mars-1"] }, '"mars-1" is not an AWS region name'],
    [{ allowedRegions: "eu-west-1" }, "expected a list of non-empty strings"],
    [{ ticketPattern: "([" }, "not a valid regular expression"],
    [{ boundaryArn: "arn:aws:iam::1:policy/x" }, "is not an IAM policy ARN"],
    [{ expiredWindow: "ignore" }, 'expected "error" or "warning"'],
  ])("refuses %j", (input, message) => {
    expect(() => resolveProfile(input, "cdktf.json")).toThrow(ZspError);
    expect(() => resolveProfile(input, "cdktf.json")).toThrow(message);
  });
});

describe("ZspProfile in a construct tree", () => {
  it("reads the cdktf.json context key zsp", () => {
    const stack = new TerraformStack(testApp({ maxTokenTtl: "10m" }), "s");
    expect(ZspProfile.of(stack).maxTokenTtl).toBe(600);
  });

  it("falls back to the defaults without context", () => {
    expect(ZspProfile.of(new TerraformStack(testApp(), "s"))).toEqual(DEFAULT_PROFILE);
  });

  it("layers a stack profile over the context profile", () => {
    const app = testApp({ maxTokenTtl: "10m", allowedRegions: ["eu-west-1"] });
    const stack = new TerraformStack(app, "etl");
    ZspProfile.apply(stack, { maxLease: "4h" });
    expect(ZspProfile.of(stack)).toMatchObject({ maxLease: 14400, maxTokenTtl: 600, allowedRegions: ["eu-west-1"] });
    expect(ZspProfile.of(new TerraformStack(app, "other")).maxLease).toBe(3600);
  });

  it("reports a bad context profile with its source", () => {
    const stack = new TerraformStack(testApp({ maxLease: "forever" }), "s");
    expect(() => ZspProfile.of(stack)).toThrow('context "zsp" (cdktf.json): invalid profile.maxLease: "forever" is not a duration');
  });
});
