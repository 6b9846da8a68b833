/**
 * The ai-agent-intents example, synthesized once: one Vault role per intent
 * with exactly that intent as session policy and its TTLs, the agent's Vault
 * policy (parsed as HCL) granting only its intents' paths, the login role,
 * and IAM policy evaluation of ceiling ∩ session policy.
 */
import { parse } from "@cdktf/hcl2json";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { Testing } from "../provider-shim/core";
import { AiAgentIntentsStack } from "../examples/ai-agent-intents";
import { ATTACHMENTS, WORKER_SERVICE } from "../examples/agent-world";
import type { PolicyDocumentJson } from "../modules";
import { TfJson, allStrings, testApp } from "./helpers/synth";
import { only, resources } from "./helpers/vault";
import type { Decision } from "./helpers/iam";
import { accessMap } from "../modules/guard/access-map";
import { accessMapMarkdown } from "../modules/guard/access-map-markdown";
import { loadConfig } from "../modules/guard/load-config";

const CONTEXT = { maxSession: "1h", maxStsTtl: "1h", maxLease: "1h", maxTokenTtl: "15m", maxAgentIntentTtl: "5m", allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" };
const stack = new AiAgentIntentsStack(testApp(CONTEXT), "ai-agent-intents");
const tf = JSON.parse(Testing.synth(stack)) as TfJson;

const vaultRoles = resources(tf, "vault_aws_secret_backend_role");
const roleNamed = (name: string): Record<string, unknown> => {
  const found = vaultRoles.filter((r) => r.name === name);
  if (found.length !== 1) throw new Error(`expected one Vault role ${name}, found ${found.length}`);
  return found[0] as Record<string, unknown>;
};
const sessionPolicyOf = (name: string): PolicyDocumentJson => JSON.parse(roleNamed(name).policy_document as string) as PolicyDocumentJson;
const ceilingPermissions = JSON.parse(only(tf, "aws_iam_role_policy").policy as string) as PolicyDocumentJson;
const ceilingBoundary = JSON.parse(only(tf, "aws_iam_policy").policy as string) as PolicyDocumentJson;

describe("example ai-agent-intents: Vault roles", () => {
  it("creates exactly one Vault AWS role per intent, assumed_role into the ceiling role only", () => {
    expect(vaultRoles.map((r) => r.name).sort()).toEqual(["support-triage-read-ticket-attachments", "support-triage-restart-worker"]);
    const ceilingKey = Object.keys(tf.resource?.aws_iam_role ?? {});
    expect(ceilingKey).toHaveLength(1);
    for (const role of vaultRoles) {
      expect(role).toMatchObject({ credential_type: "assumed_role", role_arns: [`\${aws_iam_role.${ceilingKey[0]}.arn}`] });
    }
  });

  it("gives each intent a session policy of exactly its own action and resource", () => {
    expect(sessionPolicyOf("support-triage-read-ticket-attachments")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "Intent", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-support-attachments/*" }],
    });
    expect(sessionPolicyOf("support-triage-restart-worker")).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "Intent", Effect: "Allow", Action: "ecs:UpdateService", Resource: "arn:aws:ecs:eu-west-1:111122223333:service/support/worker" }],
    });
  });

  it("pins every intent's STS TTL: default = max = 15m, the shortest session STS issues (the 5m intent TTL bounds the Vault token)", () => {
    for (const role of vaultRoles) expect({ name: role.name, d: role.default_sts_ttl, m: role.max_sts_ttl }).toEqual({ name: role.name, d: 900, m: 900 });
  });

  it("has a ceiling role trusted only by the Vault server role, holding exactly the union of the intents", () => {
    const role = only(tf, "aws_iam_role");
    expect(role).toMatchObject({ name: "agent-support-triage", path: "/zsp/jit/", max_session_duration: 3600 });
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "TrustAwsRole", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/vault-server" }, Action: "sts:AssumeRole" }],
    });
    expect(ceilingPermissions.Statement.map((s) => [s.Effect, s.Action, s.Resource])).toEqual([
      ["Allow", "s3:GetObject", ATTACHMENTS],
      ["Allow", "ecs:UpdateService", WORKER_SERVICE],
    ]);
  });
});

describe("example ai-agent-intents: Vault policy and login", () => {
  const policy = only(tf, "vault_policy");

  it("the agent's policy parses as HCL to read on exactly its two intents' creds paths", async () => {
    const parsed = (await parse("policy.hcl", policy.policy as string)) as { path: Record<string, Array<{ capabilities: string[] }>> };
    expect(parsed.path).toEqual({
      "aws-agents/creds/support-triage-read-ticket-attachments": [{ capabilities: ["read"] }],
      "aws-agents/creds/support-triage-restart-worker": [{ capabilities: ["read"] }],
    });
    expect(policy.name).toBe("support-triage");
  });

  it("records each intent's path, TTL and owner in the policy text (what `vault policy read` shows)", () => {
    const text = policy.policy as string;
    expect(text).toContain("# zsp:owner = team-support");
    expect(text).toContain("# zsp:intent read-ticket-attachments = aws-agents/creds/support-triage-read-ticket-attachments ttl=5m sts=15m");
    expect(text).toContain("# zsp:intent restart-worker = aws-agents/creds/support-triage-restart-worker ttl=5m sts=15m");
  });

  it("verifies the agent's JWT-SVIDs as SPIRE signs them (ES256) and only so", () => {
    expect(only(tf, "vault_jwt_auth_backend")).toMatchObject({ path: "jwt-agents", bound_issuer: "https://spire-oidc.acme.example", jwt_supported_algs: ["ES256"] });
  });

  it("binds the login to the agent's exact SPIFFE id and audience, requires a task_id, maps task and intent ids, 5m tokens", () => {
    expect(only(tf, "vault_jwt_auth_backend_role")).toMatchObject({
      role_name: "support-triage",
      role_type: "jwt",
      user_claim: "sub",
      bound_audiences: ["vault"],
      bound_claims: { sub: "spiffe://acme.example/agent/support-triage", task_id: "*" },
      bound_claims_type: "glob",
      claim_mappings: { task_id: "task_id", intent: "intent" },
      token_policies: ["support-triage"],
      token_no_default_policy: true,
      token_ttl: 300,
      token_max_ttl: 300,
      token_explicit_max_ttl: 300,
    });
  });

  it("holds no AWS key or Vault token anywhere", () => {
    expect(allStrings(tf).filter((s) => /AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|\bhvs\./.test(s))).toEqual([]);
    expect(only(tf, "vault_aws_secret_backend")).not.toHaveProperty("access_key");
  });
});

/**
 * A request of a session Vault obtained for one intent: AssumeRole into the
 * ceiling with the intent's session policy. iam-simulate evaluates session
 * policies (`sessionPolicy`): the effective permission is identity policy ∩
 * boundary ∩ session policy, as AWS computes it.
 */
async function throughIntent(intent: string, action: string, resource: string): Promise<Decision> {
  const result = await runSimulation({
    request: {
      principal: `arn:aws:sts::111122223333:assumed-role/agent-support-triage/vault-agent-${intent}`,
      action,
      resource: { resource, accountId: "111122223333" },
      contextVariables: { "aws:RequestedRegion": "eu-west-1" },
    },
    identityPolicies: [{ name: "ceiling", policy: ceilingPermissions }],
    permissionBoundaryPolicies: [{ name: "boundary", policy: ceilingBoundary }],
    sessionPolicy: sessionPolicyOf(`support-triage-${intent}`),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  }, {});
  if (result.resultType === "error") throw new Error(`simulation refused the input: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

const OBJECT = "arn:aws:s3:::acme-support-attachments/ticket-4711/screenshot.png";

describe("example ai-agent-intents: ceiling ∩ intent, evaluated", () => {
  it.each<[string, string, string, string, Decision]>([
    ["read-ticket-attachments reads an attachment", "read-ticket-attachments", "s3:GetObject", OBJECT, "Allowed"],
    ["read-ticket-attachments cannot restart the worker", "read-ticket-attachments", "ecs:UpdateService", WORKER_SERVICE, "ImplicitlyDenied"],
    ["read-ticket-attachments cannot write an attachment", "read-ticket-attachments", "s3:PutObject", OBJECT, "ImplicitlyDenied"],
    ["read-ticket-attachments cannot read another bucket", "read-ticket-attachments", "s3:GetObject", "arn:aws:s3:::acme-payments-artifacts/releases/app.zip", "ImplicitlyDenied"],
    ["restart-worker restarts the worker", "restart-worker", "ecs:UpdateService", WORKER_SERVICE, "Allowed"],
    ["restart-worker cannot read attachments", "restart-worker", "s3:GetObject", OBJECT, "ImplicitlyDenied"],
    ["restart-worker cannot update another service", "restart-worker", "ecs:UpdateService", "arn:aws:ecs:eu-west-1:111122223333:service/support/api", "ImplicitlyDenied"],
  ])("%s", async (_what, intent, action, resource, expected) => {
    expect(await throughIntent(intent, action, resource)).toBe(expected);
  });

  it("the session policy is what narrows: without it the ceiling alone would allow the other intent's action", async () => {
    const result = await runSimulation({
      request: { principal: "arn:aws:sts::111122223333:assumed-role/agent-support-triage/x", action: "ecs:UpdateService", resource: { resource: WORKER_SERVICE, accountId: "111122223333" }, contextVariables: {} },
      identityPolicies: [{ name: "ceiling", policy: ceilingPermissions }],
      permissionBoundaryPolicies: [{ name: "boundary", policy: ceilingBoundary }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    }, {});
    expect(result.resultType === "error" ? result.errors : result.overallResult).toBe("Allowed");
  });
});

describe("example ai-agent-intents: zsp report", () => {
  // The same engine `zsp report` runs on cdktf.out (cli/main.ts), on this stack's synthesized JSON.
  const rows = accessMapMarkdown(accessMap(loadConfig(tf as unknown as Record<string, unknown>, "ai-agent-intents"))).split("\n");
  const row = (privilege: string): string[] => {
    const found = rows.filter((r) => r.includes(`| \`${privilege}`));
    if (found.length !== 1) throw new Error(`expected one report row for ${privilege}, found ${found.length}`);
    return (found[0] as string).split(" | ");
  };

  it.each(["support-triage-read-ticket-attachments", "support-triage-restart-worker"])("shows intent %s with its STS lifetime, the agent's login and its owner", (role) => {
    const cells = row(`aws-agents/creds/${role} (assumed_role into agent-support-triage)`);
    expect(cells.slice(2, 9)).toEqual([
      "Vault auth jwt-agents/role support-triage",
      "sub = spiffe://acme.example/agent/support-triage; task_id like *; audiences = vault; via policy support-triage; within 5m of login",
      "15m", "any time", "—", "team-support", "support-oncall@acme.example",
    ]);
  });

  it("shows the agent's login, through which every intent is obtained, at the intents' 5m", () => {
    expect(row("auth/jwt-agents/role support-triage → policies support-triage")[4]).toBe("5m");
  });
});
