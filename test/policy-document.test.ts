import { PolicyDocument, PolicyStatement, mergeConditions, revokeSessionsStatement, windowConditions } from "../modules";

describe("PolicyStatement / PolicyDocument", () => {
  it("renders IAM JSON with single values unwrapped", () => {
    const doc = new PolicyDocument([
      new PolicyStatement({ sid: "Put", actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/releases/*"] }),
      new PolicyStatement({ effect: "Deny", notActions: ["sts:GetCallerIdentity"], resources: ["*"], conditions: { Bool: { "aws:ViaAWSService": "false" } } }),
    ]);
    expect(JSON.parse(doc.toJsonString())).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Put", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/releases/*" },
        { Effect: "Deny", NotAction: "sts:GetCallerIdentity", Resource: "*", Condition: { Bool: { "aws:ViaAWSService": "false" } } },
      ],
    });
  });

  it("merges conditions by operator and key, unioning values", () => {
    expect(mergeConditions({ StringEquals: { a: "1" } }, { StringEquals: { a: ["1", "2"], b: "3" }, Bool: { c: true } })).toEqual({
      StringEquals: { a: ["1", "2"], b: "3" },
      Bool: { c: true },
    });
    const s = new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }).withConditions(windowConditions("2026-12-01T02:00:00Z", "2026-12-01T06:00:00Z"));
    expect(s.toJSON().Condition).toEqual({ DateGreaterThan: { "aws:CurrentTime": "2026-12-01T02:00:00Z" }, DateLessThan: { "aws:CurrentTime": "2026-12-01T06:00:00Z" } });
  });

  it("builds the kill switch the console writes", () => {
    expect(revokeSessionsStatement("2026-12-01T00:00:00Z").toJSON()).toEqual({
      Sid: "ZspRevokeOlderSessions", Effect: "Deny", Action: "*", Resource: "*", Condition: { DateLessThan: { "aws:TokenIssueTime": "2026-12-01T00:00:00Z" } },
    });
  });
});
