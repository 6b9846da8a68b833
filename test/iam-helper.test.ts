import { evaluateSession, evaluateTrust } from "./helpers/iam";

// The evaluation helper the trust and permission tests rely on: it must
// refuse inputs the simulator would silently drop, so no denial passes by accident.
describe("test helper: IAM evaluation", () => {
  const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  const ROLE = "arn:aws:iam::111122223333:role/zsp/jit/r";
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } } }],
  };
  const get = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] } as const;

  it("puts the caller's own OIDC claims back (the catalogue lists no :sub for GitHub)", async () => {
    const request = { principal: GH, action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE };
    expect(await evaluateTrust(trust, { ...request, context: { "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } })).toBe("Allowed");
    expect(await evaluateTrust(trust, { ...request, context: { "token.actions.githubusercontent.com:sub": "repo:acme/other:environment:production" } })).toBe("ImplicitlyDenied");
  });

  it("throws on claims of another issuer and on mistyped keys instead of ignoring them", async () => {
    await expect(evaluateTrust(trust, { principal: "arn:aws:iam::111122223333:oidc-provider/gitlab.com", action: "sts:AssumeRoleWithWebIdentity", roleArn: ROLE, context: { "token.actions.githubusercontent.com:sub": "x" } }))
      .rejects.toThrow("the simulator ignores context keys token.actions.githubusercontent.com:sub");
    await expect(evaluateSession([get as never], undefined, { principal: "arn:aws:sts::111122223333:assumed-role/r/s", action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:SourceIpp": "1.2.3.4" } }))
      .rejects.toThrow("aws:SourceIpp");
  });
});
