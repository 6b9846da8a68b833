import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { PolicyDocumentJson } from "../modules";
import type { TfJson } from "./helpers/synth";
import { tempDir } from "./helpers/temp";

/**
 * Two copies of the built package in one process (what a golden module that
 * lists cdktf-zsp under `dependencies` puts into a consumer's tree): `dist/`
 * and package.json copied into `<tmp>/a/node_modules/cdktf-zsp` and
 * `<tmp>/b/node_modules/cdktf-zsp`, both resolving the one cdktf of this
 * project through `<tmp>/node_modules`. Values built by copy A go into
 * constructs of copy B (test/fixtures/two-copies/mix.js); the identity checks
 * read the `Symbol.for("cdktf-zsp/<Class>")` brands, so B accepts them, and
 * still refuses a look-alike that is not one; profiles and guard records are
 * kept in process-wide maps (modules/core/shared-state.ts), so a profile
 * applied by either copy bounds the other's constructs.
 */
const ROOT = join(__dirname, "..");

type Outcome = { ok: true; json: TfJson; metadata?: { zsp?: unknown } } | { ok: false; error: string };
interface Mix {
  distinct: boolean;
  cases: Record<string, Outcome>;
}

const copy = (dir: string): string => {
  const to = join(dir, "node_modules", "cdktf-zsp");
  mkdirSync(to, { recursive: true });
  cpSync(join(ROOT, "package.json"), join(to, "package.json"));
  for (const part of ["modules", "provider-shim"]) cpSync(join(ROOT, "dist", part), join(to, "dist", part), { recursive: true });
  return to;
};

const synthesized = (mix: Mix, name: string): TfJson => {
  const outcome = mix.cases[name];
  if (outcome?.ok !== true) throw new Error(`${name}: ${outcome === undefined ? "not run" : outcome.error}`);
  return outcome.json;
};

const resources = (json: TfJson, type: string): Array<Record<string, unknown>> => Object.values(json.resource?.[type] ?? {});
const policy = (resource: Record<string, unknown> | undefined, attribute: string): PolicyDocumentJson => JSON.parse(String(resource?.[attribute])) as PolicyDocumentJson;

describe("two copies of cdktf-zsp in one process", () => {
  let dir: string;
  let mix: Mix;

  beforeAll(() => {
    if (!existsSync(join(ROOT, "dist", "modules", "index.js"))) throw new Error("dist/ is missing: run npm run build first");
    dir = tempDir("zsp-two-copies-");
    symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    const a = copy(join(dir, "a"));
    const b = copy(join(dir, "b"));
    mix = JSON.parse(execFileSync(process.execPath, [join(__dirname, "fixtures", "two-copies", "mix.js"), a, b], { cwd: dir, encoding: "utf8" })) as Mix;
  }, 60000);

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("loads two distinct copies (instanceof across them is false)", () => {
    expect(mix.distinct).toBe(true);
  });

  it("JitRole of B trusts a WorkloadIdentity.githubActions built by A", () => {
    const [role] = resources(synthesized(mix, "JitRole takes a WorkloadIdentity"), "aws_iam_role");
    expect(policy(role, "assume_role_policy").Statement).toEqual([
      expect.objectContaining({
        Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } },
      }),
    ]);
  });

  it("still refuses a look-alike object that is no WorkloadIdentity of any copy", () => {
    expect(mix.cases["JitRole refuses a look-alike identity"]).toEqual({ ok: false, error: expect.stringContaining("s1/deploy: invalid identities[0]: is not a WorkloadIdentity. Fix: build it with WorkloadIdentity.githubActions") });
  });

  it("ZspBoundary of B allows A's PolicyStatements", () => {
    const [boundary] = resources(synthesized(mix, "ZspBoundary takes PolicyStatements"), "aws_iam_policy");
    expect(policy(boundary, "policy").Statement[0]).toEqual({ Sid: "BoundaryAllow0", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/*" });
  });

  it("BreakGlassRole of B takes A's PolicyStatements and alerts through A's AlertTopics", () => {
    const json = synthesized(mix, "BreakGlassRole takes PolicyStatements and AlertTopics");
    const grants = resources(json, "aws_iam_role_policy").flatMap((p) => policy(p, "policy").Statement);
    expect(grants).toEqual(expect.arrayContaining([expect.objectContaining({ Action: "ec2:RebootInstances" })]));
    const publishers = resources(json, "aws_sns_topic_policy").map((p) => {
      const publish = policy(p, "policy").Statement.find((st) => st.Sid === "EventBridgeRulesPublish");
      const sources = publish?.Condition?.ArnEquals?.["aws:SourceArn"];
      return [p.region, sources === undefined ? 0 : typeof sources === "string" ? 1 : (sources as readonly string[]).length];
    });
    expect(publishers.sort()).toEqual([["eu-west-1", 1], ["us-east-1", 2]]);
  });

  it("VaultWorkloadAuth of B attaches A's VaultPolicy", () => {
    const [role] = resources(synthesized(mix, "VaultWorkloadAuth takes a VaultPolicy"), "vault_jwt_auth_backend_role");
    expect(role?.token_policies).toEqual(["nightly-report"]);
  });

  it("VaultAwsSecretsEngine of B takes A's PolicyDocument as session policy", () => {
    const [role] = resources(synthesized(mix, "VaultAwsSecretsEngine takes a session PolicyDocument"), "vault_aws_secret_backend_role");
    expect(policy(role, "policy_document").Statement).toEqual([{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/nightly/2026/*" }]);
  });

  it("VaultAwsSecretsEngine of B reads the trust policy of A's JitRole and refuses a role that trusts more than Vault", () => {
    expect(mix.cases["VaultAwsSecretsEngine reads the trust policy of another copy's JitRole"]).toEqual({
      ok: false,
      error: expect.stringContaining("invalid props.roles[0]: role report (s6/report) also trusts arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"),
    });
  });

  it("AgentIdentity of B logs in through A's VaultWorkloadAuth and draws from A's VaultAwsSecretsEngine", () => {
    const json = synthesized(mix, "AgentIdentity takes an engine and a login auth");
    expect(resources(json, "vault_aws_secret_backend_role").map((r) => r.name)).toEqual(["support-triage-read-attachments"]);
    expect(resources(json, "vault_jwt_auth_backend_role").map((r) => r.role_name)).toEqual(["support-triage"]);
  });

  it("a profile applied with B's ZspProfile bounds A's JitRole (one profile record for both copies)", () => {
    expect(mix.cases["a profile applied by B bounds A's JitRole"]).toEqual({ ok: false, error: expect.stringContaining('s8/deploy: invalid ownership.ticket: "JIRA-12" does not match the profile\'s ticket pattern ^CHG-[0-9]+$') });
  });

  it("a golden module's ZspProfile.restrict (copy A) bounds B's JitRole under it", () => {
    expect(mix.cases["a profile restricted by A bounds B's JitRole"]).toEqual({ ok: false, error: expect.stringContaining('s9/golden/deploy: invalid ownership.ticket: "JIRA-12" does not match the profile\'s ticket pattern ^CHG-[0-9]+$') });
  });

  it("Guard.suppress of A and ZspGuard.apply of B share one metadata element: A's suppression and B's profile are both written", () => {
    const outcome = mix.cases["Guard.suppress of A and ZspGuard.apply of B write one metadata element"];
    expect(outcome?.ok === true ? outcome.metadata?.zsp : outcome).toEqual({
      suppressions: [{ rule: "ZSP001", path: "s10", reason: "accepted for the test", owner: "team-payments", expires: "2026-12-31" }],
      profile: expect.objectContaining({ ticketPattern: "^CHG-[0-9]+$" }),
    });
  });

  it("isZspError and ZspError.isZspError of B recognise an error thrown by A", () => {
    expect(mix.cases["isZspError recognises the other copy's errors"]).toMatchObject({ ok: true });
  });
});
