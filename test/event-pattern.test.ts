import { matchesPattern } from "../modules/core/event-pattern";

// The matcher the pattern tests rely on, checked against the documented
// EventBridge semantics (user guide: "Event patterns", "Comparison operators").
describe("test helper: EventBridge pattern matcher", () => {
  const event = {
    source: "aws.sts",
    detail: { eventName: "AssumeRole", requestParameters: { roleArn: "arn:aws:iam::1:role/a/b", tags: [{ key: "k", value: "v" }] }, n: 5, empty: null },
  };

  it("ANDs fields and ORs values", () => {
    expect(matchesPattern({ source: ["aws.sts", "aws.iam"], detail: { eventName: ["AssumeRole"] } }, event)).toBe(true);
    expect(matchesPattern({ source: ["aws.sts"], detail: { eventName: ["PutRolePolicy"] } }, event)).toBe(false);
    expect(matchesPattern({ source: ["aws.iam"] }, event)).toBe(false);
  });

  it("requires every named field to exist", () => {
    expect(matchesPattern({ detail: { missing: ["x"] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { missing: { deeper: ["x"] } } }, event)).toBe(false);
  });

  it("compares exact values strictly (numbers, null)", () => {
    expect(matchesPattern({ detail: { n: [5] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { n: ["5"] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { empty: [null] } }, event)).toBe(true);
  });

  it("supports prefix, wildcard, exists and anything-but", () => {
    expect(matchesPattern({ detail: { eventName: [{ prefix: "AssumeRole" }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventName: [{ prefix: "Assume-" }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { requestParameters: { roleArn: [{ wildcard: "arn:aws:iam::1:role*/b" }] } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { requestParameters: { roleArn: [{ wildcard: "arn:aws:iam::1:role*/a" }] } } }, event)).toBe(false);
    expect(matchesPattern({ detail: { requestParameters: { roleArn: [{ wildcard: "arn:aws:iam::1:role.a/b" }] } } }, event)).toBe(false);
    expect(matchesPattern({ detail: { eventName: [{ exists: true }], missing: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventName: [{ exists: false }] } }, event)).toBe(false);
    expect(matchesPattern({ source: [{ "anything-but": ["aws.iam"] }] }, event)).toBe(true);
    expect(matchesPattern({ source: [{ "anything-but": "aws.sts" }] }, event)).toBe(false);
  });

  it("matches nested patterns against list elements", () => {
    expect(matchesPattern({ detail: { requestParameters: { tags: { key: ["k"] } } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { requestParameters: { tags: { key: ["other"] } } } }, event)).toBe(false);
  });

  it("evaluates $or over sub-patterns of the same object", () => {
    const or = { detail: { $or: [{ eventName: ["GetFederationToken"] }, { requestParameters: { roleArn: [{ prefix: "arn:aws:iam::1:role/a/" }] } }] } };
    expect(matchesPattern(or, event)).toBe(true);
    expect(matchesPattern({ detail: { $or: [{ eventName: ["X"] }, { n: [6] }] } }, event)).toBe(false);
  });

  it("throws on operators it does not implement, so no pattern passes by accident", () => {
    expect(() => matchesPattern({ detail: { n: [{ numeric: [">", 1] }] } }, event)).toThrow('unsupported pattern operator "numeric"');
    expect(() => matchesPattern({ detail: { $or: [{ n: [5] }] } }, event)).toThrow("$or takes a list of at least two patterns");
  });
});
