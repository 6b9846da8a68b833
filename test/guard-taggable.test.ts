import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isTaggable } from "../modules/guard/tags";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { taggableTypes } = require("../scripts/taggable-types.js") as { taggableTypes: () => string[] };

describe("taggable AWS resource types (ZSP012)", () => {
  it("the checked-in list is what scripts/taggable-types.js derives from the provider-aws bindings", () => {
    const checkedIn = JSON.parse(readFileSync(join(__dirname, "..", "modules", "guard", "aws-taggable-types.json"), "utf8")) as string[];
    expect(checkedIn).toEqual(taggableTypes());
    expect(checkedIn.length).toBeGreaterThan(700);
  });

  it.each([["aws_iam_role", true], ["aws_s3_bucket", true], ["aws_cloudwatch_event_rule", true], ["aws_iam_role_policy", false], ["aws_iam_role_policy_attachment", false], ["vault_mount", false]])(
    "%s taggable: %s", (type, expected) => {
      expect(isTaggable(type)).toBe(expected);
    });
});
