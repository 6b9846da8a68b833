/**
 * Properties of JitRole over generated props: valid props never synthesize
 * an unconditioned federated trust, a wildcard action or a session over the
 * profile's limit; invalid props always throw ZspError (never a TypeError,
 * never a half-built role).
 */
import fc from "fast-check";
import { TerraformStack, Testing } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZspError, grant } from "../modules";
import type { JitRoleProps, PolicyDocumentJson, PolicyStatementJson } from "../modules";
import { jitApp, resourcesOf } from "./helpers/jit";
import type { TfJson } from "./helpers/synth";

const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const EKS = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123456789";
const ANCHOR = "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f0e0d0c-0b0a-0908-0706-050403020100";
const RUNS = 60;

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}[a-z0-9]$/);
const identity = fc.oneof(
  fc.record({ repo: fc.tuple(word, word).map(([o, n]) => `${o}/${n}`), subject: fc.oneof(
    word.map((environment) => ({ environment })),
    word.map((b) => ({ ref: `refs/heads/${b}` })),
    fc.constant({ pullRequest: true as const }),
  ), repositoryId: fc.option(fc.integer({ min: 1, max: 2 ** 31 }).map(String), { nil: undefined }) })
    .map(({ repo, subject, repositoryId }) => WorkloadIdentity.githubActions({ providerArn: GH, repo, ...subject, ...(repositoryId !== undefined ? { repositoryId } : {}) })),
  fc.tuple(word, word).map(([namespace, serviceAccount]) => WorkloadIdentity.eksServiceAccount({ oidcProviderArn: EKS, namespace, serviceAccount })),
  word.map((name) => WorkloadIdentity.awsRole({ roleArn: `arn:aws:iam::111122223333:role/${name}` })),
  word.map((name) => WorkloadIdentity.rolesAnywhere({ trustAnchorArn: ANCHOR, spiffeId: `spiffe://acme.example/${name}` })),
);
const grantGen = fc.oneof(
  word.map((b) => grant(["s3:GetObject", "s3:PutObject"], [`arn:aws:s3:::${b}/data/*`])),
  word.map((f) => grant(["lambda:UpdateFunctionCode"], [`arn:aws:lambda:eu-west-1:111122223333:function:${f}`])),
  word.map((q) => grant(["sqs:SendMessage"], [`arn:aws:sqs:eu-west-1:111122223333:${q}`])),
  fc.constant(grant(["ec2:DescribeInstances", "sts:GetCallerIdentity"], ["*"])),
);
const validProps = fc.record({
  roleName: word,
  identities: fc.array(identity, { minLength: 1, maxLength: 3 }),
  grants: fc.array(grantGen, { minLength: 1, maxLength: 4 }),
  maxSession: fc.constantFrom<JitRoleProps["maxSession"]>(undefined, "1h", 3600, "60m"),
  window: fc.option(fc.integer({ min: 1, max: 1000 }).map((h) => ({
    notBefore: new Date(Date.parse("2026-11-26T00:00:00Z") + h * 3600_000).toISOString().replace(".000Z", "Z"),
    notAfter: new Date(Date.parse("2026-11-26T00:00:00Z") + (h + 4) * 3600_000).toISOString().replace(".000Z", "Z"),
  })), { nil: undefined }),
}).map((p): JitRoleProps => ({
  ...p,
  ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "generated" },
  ...(p.window === undefined ? {} : { window: p.window }),
  ...(p.maxSession === undefined ? {} : { maxSession: p.maxSession }),
}));

function statements(doc: PolicyDocumentJson): PolicyStatementJson[] {
  return [...doc.Statement];
}
const list = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

/** The invariants every synthesized JIT role satisfies. */
function checkInvariants(json: TfJson): void {
  for (const role of resourcesOf(json, "aws_iam_role")) {
    expect(role.max_session_duration as number).toBeLessThanOrEqual(3600);
    expect(role.path).toBe("/zsp/jit/");
    for (const s of statements(JSON.parse(role.assume_role_policy as string) as PolicyDocumentJson)) {
      const aws = list(s.Principal?.AWS);
      expect(aws.filter((p) => p === "*" || /:root$/.test(p))).toEqual([]);
      if (s.Principal?.Federated !== undefined) {
        const equals = (s.Condition?.StringEquals ?? {}) as Record<string, unknown>;
        const keys = Object.keys(equals);
        expect(keys.filter((k) => k.endsWith(":aud"))).toHaveLength(1);
        expect(keys.filter((k) => k.endsWith(":sub"))).toHaveLength(1);
        expect(Object.values(equals).flatMap((v) => list(v as string)).filter((v) => /[*?]/.test(v))).toEqual([]);
      }
      if (s.Principal?.Service !== undefined) {
        expect(Object.keys(s.Condition?.ArnEquals ?? {})).toEqual(["aws:SourceArn"]);
      }
    }
  }
  for (const policy of resourcesOf(json, "aws_iam_role_policy")) {
    for (const s of statements(JSON.parse(policy.policy as string) as PolicyDocumentJson).filter((st) => st.Effect === "Allow")) {
      expect(s.NotAction).toBeUndefined();
      expect(list(s.Action).filter((a) => a.includes("*"))).toEqual([]);
    }
  }
}

describe("JitRole properties", () => {
  it("valid props: no unconditioned federated trust, no wildcard action, no session over the profile's limit", () => {
    fc.assert(fc.property(validProps, (props) => {
      const stack = new TerraformStack(jitApp(), "s");
      new JitRole(stack, "role", props);
      checkInvariants(JSON.parse(Testing.synth(stack)) as TfJson);
    }), { numRuns: RUNS });
  });

  const corruptions: Array<[string, (p: JitRoleProps) => JitRoleProps]> = [
    ["wildcard action", (p) => ({ ...p, grants: [...p.grants, grant(["s3:*"], ["arn:aws:s3:::b/*"])] })],
    ["unknown action", (p) => ({ ...p, grants: [grant(["s3:GetObjectz"], ["arn:aws:s3:::b/*"]), ...p.grants] })],
    ["Resource * on a scoped action", (p) => ({ ...p, grants: [...p.grants, grant(["s3:GetObject"], ["*"])] })],
    ["session over the profile", (p) => ({ ...p, maxSession: "2h" })],
    ["session under IAM's minimum", (p) => ({ ...p, maxSession: "30m" })],
    ["no identities", (p) => ({ ...p, identities: [] })],
    ["wildcard repository", (p) => ({ ...p, identities: [...p.identities, WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/*", environment: "production" })] })],
    ["account root", (p) => ({ ...p, identities: [WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:root" }), ...p.identities] })],
    ["window over", (p) => ({ ...p, window: { notBefore: "2026-01-01T00:00:00Z", notAfter: "2026-01-02T00:00:00Z" } })],
    ["window reversed", (p) => ({ ...p, window: { notBefore: "2026-12-02T00:00:00Z", notAfter: "2026-12-01T00:00:00Z" } })],
    ["escalation grant", (p) => ({ ...p, grants: [...p.grants, grant(["iam:PutRolePolicy"], ["arn:aws:iam::111122223333:role/x"])] })],
  ];

  it("invalid props always throw ZspError", () => {
    fc.assert(fc.property(validProps, fc.constantFrom(...corruptions), (props, [, corrupt]) => {
      const stack = new TerraformStack(jitApp(), "s");
      expect(() => new JitRole(stack, "role", corrupt(props))).toThrow(ZspError);
      expect(stack.node.findAll().filter((c) => c.node.id === "Role")).toEqual([]);
    }), { numRuns: RUNS });
  });

  it("garbage in any prop is either accepted (and then safe) or refused with ZspError", () => {
    const keys: Array<keyof JitRoleProps> = ["roleName", "ownership", "identities", "grants", "maxSession", "window", "ticket", "denyUnless", "revokeSessionsIssuedBefore", "account", "now"];
    fc.assert(fc.property(validProps, fc.constantFrom(...keys), fc.anything(), (props, key, garbage) => {
      const stack = new TerraformStack(jitApp(), "s");
      let built = false;
      try {
        new JitRole(stack, "role", { ...props, [key]: garbage } as JitRoleProps);
        built = true;
      } catch (e) {
        expect(e).toBeInstanceOf(ZspError);
      }
      if (built) checkInvariants(JSON.parse(Testing.synth(stack)) as TfJson);
    }), { numRuns: RUNS * 2 });
  });
});
