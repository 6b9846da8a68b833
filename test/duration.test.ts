import { ZspError, formatDuration, parseDuration } from "../modules";
import { boundedDuration } from "../modules/core/duration";

const ctx = { path: "app/stack/role", prop: "maxSession" };

describe("parseDuration", () => {
  it.each([
    ["15m", 900], ["1h", 3600], ["1h30m", 5400], ["30s", 30], ["2d", 172800], [" 45m ", 2700], [600, 600], ["600", 600],
  ])("%j is %d seconds", (input, seconds) => {
    expect(parseDuration(input, ctx)).toBe(seconds);
  });

  it.each([["garbage"], ["15 minutes"], ["1.5h"], ["-5m"], ["0m"], ["0"], [0], [-60], [1.5], [""], ["h"], [Number.NaN]])("refuses %j", (input) => {
    expect(() => parseDuration(input as string | number, ctx)).toThrow(ZspError);
  });

  it("names the construct path, the prop and the fix", () => {
    expect(() => parseDuration("soon", ctx)).toThrow('app/stack/role: invalid maxSession: "soon" is not a duration. Fix: give a positive duration such as "15m", "1h" or a whole number of seconds');
  });

  it("explains why zero is refused", () => {
    expect(() => parseDuration("0s", ctx)).toThrow(/"0s" is zero/);
  });
});

describe("boundedDuration", () => {
  it("uses the fallback when the value is missing", () => {
    expect(boundedDuration(undefined, "15m", 3600, ctx, "maxSession")).toBe(900);
  });
  it("refuses a value over the bound, naming the bound", () => {
    expect(() => boundedDuration("2h", "15m", 3600, ctx, "maxSession")).toThrow("2h exceeds the profile's maxSession of 1h");
  });
});

describe("formatDuration", () => {
  it.each([[900, "15m"], [3600, "1h"], [5400, "1h30m"], [90061, "1d1h1m1s"]])("%d is %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
    expect(parseDuration(text, ctx)).toBe(s);
  });
});
