import { DEFAULT_PROFILE, Ownership, ZspError, ownershipTags, resolveProfile } from "../modules";

const ctx = { path: "app/stack/role", prop: "ownership" };
const good: Ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy the payments service" };

describe("ownershipTags", () => {
  it("maps ownership to the zsp:* tags", () => {
    expect(ownershipTags({ ...good, ticket: "CHG-4821" }, "jit", DEFAULT_PROFILE, ctx)).toEqual({
      "zsp:owner": "team-payments",
      "zsp:contact": "payments-oncall@acme.example",
      "zsp:purpose": "deploy the payments service",
      "zsp:access": "jit",
      "zsp:ticket": "CHG-4821",
    });
  });

  it("accepts an on-call alias as contact", () => {
    expect(ownershipTags({ ...good, contact: "@payments-oncall" }, "audit", DEFAULT_PROFILE, ctx)["zsp:contact"]).toBe("@payments-oncall");
  });

  it.each<[string, unknown, RegExp]>([
    ["missing ownership", undefined, /invalid ownership: ownership is required: every non-human identity has an owner/],
    ["empty owner", { ...good, owner: " " }, /invalid ownership\.owner: must be a non-empty string/],
    ["bad contact", { ...good, contact: "call Bob" }, /invalid ownership\.contact: "call Bob" is neither an email address nor an on-call alias/],
    ["empty purpose", { ...good, purpose: "" }, /invalid ownership\.purpose/],
    ["value AWS rejects", { ...good, purpose: "deploy <everything>" }, /characters AWS does not accept/],
    ["value too long", { ...good, purpose: "x".repeat(257) }, /257 characters is over AWS's tag value limit of 256/],
    ["zsp: key in extra tags", { ...good, tags: { "zsp:owner": "someone" } }, /zsp:\* tags are set from owner/],
    ["aws: key in extra tags", { ...good, tags: { "aws:cloudformation": "x" } }, /not a valid AWS tag key/],
  ])("refuses %s", (_name, ownership, message) => {
    expect(() => ownershipTags(ownership as Ownership, "jit", DEFAULT_PROFILE, ctx)).toThrow(ZspError);
    expect(() => ownershipTags(ownership as Ownership, "jit", DEFAULT_PROFILE, ctx)).toThrow(message);
  });

  it("refuses a ticket that does not match the profile's pattern", () => {
    const profile = resolveProfile({ ticketPattern: "^CHG-[0-9]+$" }, "test");
    expect(ownershipTags({ ...good, ticket: "CHG-1" }, "jit", profile, ctx)["zsp:ticket"]).toBe("CHG-1");
    expect(() => ownershipTags({ ...good, ticket: "whenever" }, "jit", profile, ctx)).toThrow('invalid ownership.ticket: "whenever" does not match the profile\'s ticket pattern ^CHG-[0-9]+$');
  });

  it("enforces the profile's extra required tags", () => {
    const profile = resolveProfile({ requiredTags: ["cost-center"] }, "test");
    expect(() => ownershipTags(good, "jit", profile, ctx)).toThrow("the profile requires tags cost-center");
    expect(ownershipTags({ ...good, tags: { "cost-center": "cc-42" } }, "jit", profile, ctx)["cost-center"]).toBe("cc-42");
  });
});
