/**
 * The break-glass trust as a decision table, checked by IAM policy
 * evaluation over generated requests: AssumeRole is allowed exactly when
 * every control holds at once (named principal, MFA present, MFA fresh,
 * source identity present and matching, watched region, inside the arming
 * window); any single failure denies.
 */
import fc from "fast-check";
import { TerraformStack, Testing } from "../provider-shim/core";
import { AccessAudit, BreakGlassRole, ZspError } from "../modules";
import type { AccessAuditProps, BreakGlassRoleProps } from "../modules";
import { awsStack } from "./helpers/aws";
import { evaluateTrust } from "./helpers/iam";

const ROLE_ARN = "arn:aws:iam::111122223333:role/zsp/break-glass/break-glass-admin";
const TRUSTED = ["arn:aws:iam::444455556666:role/incident-commander", "arn:aws:iam::444455556666:user/oncall-lead"];
const WINDOW = { notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-03T21:00:00Z" };

function trustPolicy(): unknown {
  const stack = awsStack("prop");
  new BreakGlassRole(stack, "bg", {
    roleName: "break-glass-admin", account: "111122223333", trustedPrincipals: TRUSTED,
    ownership: { owner: "team-sec", contact: "secops@acme.example", purpose: "emergency admin" },
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] },
    sourceIdentityPattern: "*@acme.example", armed: WINDOW,
  });
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { assume_role_policy?: string }>> };
  return JSON.parse(Object.values(json.resource.aws_iam_role ?? {})[0]?.assume_role_policy ?? "null");
}

/** Mostly-good values (weight 3) mixed with bad ones, so every corner of the table is reached. */
const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: bad, weight: 1 });
const iso = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / 1000, max: Date.parse(to) / 1000 }).map((s) => new Date(s * 1000).toISOString().replace(".000Z", "Z"));

const request = fc.record({
  principal: mostly(fc.constantFrom(...TRUSTED), fc.constantFrom(
    "arn:aws:iam::444455556666:role/developer",
    "arn:aws:iam::999988887777:role/incident-commander",
    "arn:aws:iam::111122223333:role/admin",
  )),
  mfa: mostly(fc.constant<"true" | "false" | undefined>("true"), fc.constantFrom<"true" | "false" | undefined>("false", undefined)),
  mfaAge: mostly(fc.integer({ min: 0, max: 900 }), fc.option(fc.integer({ min: 901, max: 86400 }), { nil: undefined })),
  sourceIdentity: mostly(fc.constantFrom("alice@acme.example", "bob@acme.example"), fc.option(fc.constantFrom("mallory@evil.example", "alice"), { nil: undefined })),
  region: mostly(fc.constantFrom("eu-west-1", "us-east-1"), fc.constantFrom("eu-central-1", "ap-southeast-2")),
  now: mostly(iso("2026-12-03T09:00:01Z", "2026-12-03T20:59:59Z"), fc.oneof(iso("2026-11-01T00:00:00Z", "2026-12-03T09:00:00Z"), iso("2026-12-03T21:00:00Z", "2027-01-01T00:00:00Z"))),
});

describe("break-glass trust: allowed exactly when every control holds", () => {
  const trust = trustPolicy();

  it("over generated requests", async () => {
    let allowedSeen = 0;
    let deniedSeen = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const context: Record<string, string> = { "aws:RequestedRegion": r.region, "aws:CurrentTime": r.now };
        if (r.mfa !== undefined) context["aws:MultiFactorAuthPresent"] = r.mfa;
        if (r.mfaAge !== undefined) context["aws:MultiFactorAuthAge"] = String(r.mfaAge);
        if (r.sourceIdentity !== undefined) context["sts:SourceIdentity"] = r.sourceIdentity;
        const expected =
          TRUSTED.includes(r.principal) &&
          r.mfa === "true" &&
          r.mfaAge !== undefined && r.mfaAge <= 900 &&
          r.sourceIdentity !== undefined && r.sourceIdentity.endsWith("@acme.example") &&
          (r.region === "eu-west-1" || r.region === "us-east-1") &&
          r.now > WINDOW.notBefore && r.now < WINDOW.notAfter;
        const decision = await evaluateTrust(trust, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: r.principal, context });
        if (expected) allowedSeen++;
        else deniedSeen++;
        return decision === (expected ? "Allowed" : "ImplicitlyDenied");
      }),
      { numRuns: 300, seed: 6 },
    );
    // The generator must reach the allowed corner, or the property says little.
    expect(allowedSeen).toBeGreaterThan(20);
    expect(deniedSeen).toBeGreaterThan(20);
  });
});


describe("garbage in any prop is either accepted or refused with ZspError (never a TypeError)", () => {
  const ownership = { owner: "team-sec", contact: "secops@acme.example", purpose: "emergency admin" };
  const role: BreakGlassRoleProps = {
    roleName: "break-glass-admin", account: "111122223333", trustedPrincipals: TRUSTED, ownership,
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] },
  };
  const roleKeys = ["roleName", "trustedPrincipals", "ownership", "managedPolicyArns", "statements", "maxSession", "mfaMaxAge", "requireMfa", "mfaOverrideReason", "sourceIdentityPattern", "armed", "revokeSessionsIssuedBefore", "alert", "account", "description"];
  const alertKeys = ["emails", "httpsEndpoints", "topics", "topicName", "regions"];
  const audit: AccessAuditProps = { ownership, account: "111122223333" };
  const auditKeys = ["ownership", "account", "regions", "pathPrefix", "roles", "retentionDays", "streamRetentionDays", "logGroupPrefix", "alert", "trail"];
  const refusedOrBuilt = (build: () => void): boolean => {
    try {
      build();
    } catch (e) {
      if (!(e instanceof ZspError)) throw e;
    }
    return true;
  };
  const providerStack = (): TerraformStack => awsStack("garbage");

  it("BreakGlassRole and its alert", () => {
    fc.assert(fc.property(fc.constantFrom(...roleKeys), fc.constantFrom(...alertKeys), fc.anything(), (key, alertKey, garbage) =>
      refusedOrBuilt(() => new BreakGlassRole(providerStack(), "bg", { ...role, [key]: garbage } as BreakGlassRoleProps)) &&
      refusedOrBuilt(() => new BreakGlassRole(providerStack(), "bg", { ...role, alert: { ...role.alert, [alertKey]: garbage } } as BreakGlassRoleProps))), { numRuns: 60, seed: 11 });
  });

  it("AccessAudit", () => {
    fc.assert(fc.property(fc.constantFrom(...auditKeys), fc.anything(), (key, garbage) =>
      refusedOrBuilt(() => new AccessAudit(providerStack(), "audit", { ...audit, [key]: garbage } as AccessAuditProps))), { numRuns: 60, seed: 12 });
  });
});
