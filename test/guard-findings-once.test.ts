// A finding a rule reaches by two roads (the same statement twice, the same policy attached twice) is reported once.
import { check, loadDocument } from "../modules/guard/engine";

const { toPlan } = require("./fixtures/to-plan.js") as { toPlan: (config: unknown) => unknown };
const NOW = new Date("2026-06-01T00:00:00Z");
const OPEN = { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" };

const config = {
  resource: {
    aws_iam_role: {
      open: { name: "open", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [OPEN, OPEN, { ...OPEN, Principal: "*" }] }), tags: { "zsp:owner": "team-a" } },
    },
  },
};

describe("findings are reported once", () => {
  it.each([["configuration", config], ["plan", toPlan(config)]])("%s: the same statement twice gives one finding, a different one its own", (_shape, json) => {
    const zsp002 = check(loadDocument(json, "s"), { now: NOW }).findings.filter((f) => f.rule === "ZSP002").map((f) => f.message.slice(0, 40));
    expect(zsp002).toEqual(['trust allows Principal AWS: "*": anyone ', 'trust allows Principal "*": anyone can a']);
  });
});
