/**
 * AgentIdentity refusals (with their messages) and the resource coverage
 * check that keeps intents inside the ceiling.
 */
import fc from "fast-check";
import { TerraformStack } from "../provider-shim/core";
import { AgentIdentity, VaultWorkloadAuth, ZspError, ZspProfile, grant, resourceCovers } from "../modules";
import type { AgentIdentityProps, AgentIntent } from "../modules";
import { TfJson, synth, testApp } from "./helpers/synth";
import { only } from "./helpers/vault";
import { refusalOf } from "./helpers/refusal";
import { supportAgent } from "./helpers/agent";

const OWNER = { owner: "team-support", contact: "support-oncall@acme.example", purpose: "triage agent" };
const READ: AgentIntent = { name: "read-ticket-attachments", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-support-attachments/*"] };
const RESTART: AgentIntent = { name: "restart-worker", actions: ["ecs:UpdateService"], resources: ["arn:aws:ecs:eu-west-1:111122223333:service/support/worker"] };

function agent(stack: TerraformStack, over: Partial<AgentIdentityProps> = {}): AgentIdentity {
  return supportAgent(stack, OWNER, { intents: [READ, RESTART], ...over });
}

function refusal(over: Partial<AgentIdentityProps>, profile?: Parameters<typeof ZspProfile.apply>[1]): ZspError {
  return refusalOf(() => synth((stack) => {
    if (profile !== undefined) ZspProfile.apply(stack, profile);
    agent(stack, over);
  }));
}

describe("AgentIdentity refuses", () => {
  it("an intent whose action is outside an explicit ceiling, naming the intent and the action", () => {
    const e = refusal({ ceiling: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-support-attachments/*"])] });
    expect(e.prop).toBe("props.intents[restart-worker].actions");
    expect(e.message).toContain('intent "restart-worker" needs ecs:UpdateService, which is outside the agent\'s ceiling (s3:GetObject)');
  });

  it("an intent whose resource is wider than the ceiling's, naming the intent and the resource", () => {
    const e = refusal({
      ceiling: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-support-attachments/tickets/*"]), grant(["ecs:UpdateService"], [RESTART.resources[0] as string])],
    });
    expect(e.prop).toBe("props.intents[read-ticket-attachments].resources");
    expect(e.message).toContain('intent "read-ticket-attachments" reaches arn:aws:s3:::acme-support-attachments/* with s3:GetObject, outside the agent\'s ceiling for that action (arn:aws:s3:::acme-support-attachments/tickets/*)');
  });

  it("a wildcard action, naming the intent", () => {
    const e = refusal({ intents: [{ ...READ, actions: ["s3:*"] }] });
    expect(e.prop).toBe("props.intents[read-ticket-attachments].actions[0]");
    expect(e.message).toContain('"s3:*" is a wildcard action');
  });

  it('a "*" resource, naming the intent', () => {
    const e = refusal({ intents: [{ ...READ, resources: ["*"] }] });
    expect(e.prop).toBe("props.intents[read-ticket-attachments].resources[0]");
    expect(e.message).toContain('"*" grants every resource, but s3:GetObject supports resource-level permissions');
  });

  it("a TTL over the profile's maxAgentIntentTtl, naming the intent and the bound", () => {
    const e = refusal({ intents: [READ, { ...RESTART, ttl: "10m" }] });
    expect(e.prop).toBe("props.intents[restart-worker].ttl");
    expect(e.message).toContain("10m exceeds the profile's maxAgentIntentTtl of 5m");
  });

  it("intents with different TTLs: one Vault token enforces them, so the shorter one would not hold", () => {
    const e = refusal({ intents: [READ, { ...RESTART, ttl: "2m" }] });
    expect(e.prop).toBe("props.intents[restart-worker].ttl");
    expect(e.message).toContain('intent "restart-worker" lasts 2m and intent "read-ticket-attachments" 5m, but an agent\'s intents share one Vault token, so the shorter TTL would not be enforced');
  });

  it("a TTL over a tightened profile bound", () => {
    const e = refusal({}, { maxAgentIntentTtl: "2m" });
    expect(e.prop).toBe("props.intents[read-ticket-attachments].ttl");
    expect(e.message).toContain("5m exceeds the profile's maxAgentIntentTtl of 2m");
  });

  it("a missing owner", () => {
    const e = refusal({ ownership: { contact: "support-oncall@acme.example", purpose: "triage agent" } as unknown as AgentIdentityProps["ownership"] });
    expect(e.prop).toBe("props.ownership.owner");
    expect(e.message).toContain("must be a non-empty string");
  });

  it("an action the IAM catalogue does not know, with the nearest names", () => {
    const e = refusal({ intents: [{ ...RESTART, actions: ["ecs:RestartService"] }] });
    expect(e.prop).toBe("props.intents[restart-worker].actions[0]");
    expect(e.message).toContain('"ecs:RestartService" is not an action in the IAM action catalogue');
  });

  it("the same intent twice, and no intents", () => {
    expect(refusal({ intents: [READ, READ] }).message).toContain('intent "read-ticket-attachments" is declared twice');
    expect(refusal({ intents: [] }).message).toContain("an agent without intents can do nothing");
  });

  it("two intents requiring the same claim differently (the agent has one login)", () => {
    const e = refusal({ intents: [{ ...READ, requiredClaims: { ticket: "SUP-*" } }, { ...RESTART, requiredClaims: { ticket: "INC-*" } }] });
    expect(e.prop).toBe("props.intents[restart-worker].requiredClaims.ticket");
  });

  it("a claim mapped onto Vault's reserved metadata key role", () => {
    const e = refusal({ intents: [{ ...READ, requiredClaims: { role: "*" } }] });
    expect(e.prop).toBe("props.claimMappings.role");
    expect(e.message).toContain('Vault reserves "role"');
  });

  it("a glob subject (the login binds one exact identity)", () => {
    const e = refusal({
      login: { auth: undefined as unknown as VaultWorkloadAuth, subject: "x", audiences: ["vault"] },
    });
    expect(e.prop).toBe("props.login.auth");
    const stack = new TerraformStack(testApp(), "s");
    const auth = new VaultWorkloadAuth(stack, "jwt2", { path: "jwt2", issuer: "https://spire-oidc.acme.example", verification: { oidcDiscoveryUrl: "https://spire-oidc.acme.example" }, ownership: OWNER });
    expect(() => agent(stack, { login: { auth, subject: "spiffe://acme.example/agent/*", audiences: ["vault"] } })).toThrow(/not one exact claim value/);
  });
});

describe("AgentIdentity accepts", () => {
  it("an explicit, wider ceiling, with intents inside it; deny statements land in the intent's session policy", () => {
    const tf: TfJson = synth((stack) => {
      agent(stack, {
        ceiling: [grant(["s3:GetObject", "s3:ListBucket"], ["arn:aws:s3:::acme-support-attachments", "arn:aws:s3:::acme-support-attachments/*"]), grant(["ecs:UpdateService"], [RESTART.resources[0] as string])],
        intents: [{ ...READ, resources: ["arn:aws:s3:::acme-support-attachments/tickets/*"], deny: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-support-attachments/tickets/restricted/*"])], ttl: "2m" }],
      });
    });
    const role = only(tf, "vault_aws_secret_backend_role");
    expect(JSON.parse(role.policy_document as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Intent", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-support-attachments/tickets/*" },
        { Sid: "IntentDeny0", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-support-attachments/tickets/restricted/*" },
      ],
    });
    expect(only(tf, "vault_jwt_auth_backend_role")).toMatchObject({ token_ttl: 120, token_explicit_max_ttl: 120, bound_claims_type: "string" });
    expect(JSON.parse(only(tf, "aws_iam_role_policy").policy as string).Statement).toHaveLength(2);
  });
});

describe("AgentIdentity with other identities and profiles", () => {
  it("binds a Kubernetes service account as the agent's identity", () => {
    const tf = synth((stack) => {
      const k8s = VaultWorkloadAuth.kubernetes(stack, "k8s", { path: "jwt-k8s", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", ownership: OWNER });
      agent(stack, { login: { auth: k8s, subject: "system:serviceaccount:agents:support-triage", audiences: ["vault"] } });
    });
    const logins = Object.values(tf.resource?.vault_jwt_auth_backend_role ?? {});
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ bound_claims: { sub: "system:serviceaccount:agents:support-triage" }, bound_claims_type: "string" });
  });

  it("puts the ceiling under the organisation's boundary when the profile names one", () => {
    const boundary = "arn:aws:iam::111122223333:policy/acme-zsp-boundary";
    const tf = synth((stack) => {
      ZspProfile.apply(stack, { boundaryArn: boundary });
      agent(stack);
    });
    expect(only(tf, "aws_iam_role").permissions_boundary).toBe(boundary);
    expect(tf.resource?.aws_iam_policy).toBeUndefined();
  });
});

describe("resourceCovers", () => {
  it.each<[string, string, boolean]>([
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/*", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x/*", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/x", true],
    ["arn:aws:s3:::b/x/*", "arn:aws:s3:::b/*", false],
    ["arn:aws:s3:::b/x?", "arn:aws:s3:::b/x*", false],
    ["arn:aws:s3:::b/x?", "arn:aws:s3:::b/x?", true],
    ["arn:aws:s3:::b/x1", "arn:aws:s3:::b/x?", false],
    ["arn:aws:s3:::b", "arn:aws:s3:::b/x", false],
    ["arn:aws:s3:::b*", "arn:aws:s3:::bucket-2/*", true],
  ])("%s covers %s: %s", (outer, inner, expected) => {
    expect(resourceCovers(outer, inner)).toBe(expected);
  });

  it("is sound: whenever outer covers inner, every expansion of inner matches outer", () => {
    const alphabet = fc.constantFrom("a", "b", "/", "*", "?");
    const pattern = fc.array(alphabet, { maxLength: 6 }).map((cs) => cs.join(""));
    const glob = (p: string): RegExp => new RegExp(`^${p.replace(/[/]/g, "\\/").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
    const expand = (p: string, fill: readonly string[]): string => {
      let k = 0;
      return p.replace(/[*?]/g, (w) => { const f = fill[k++ % Math.max(fill.length, 1)] ?? "a"; return w === "?" ? (f[0] ?? "a") : f; });
    };
    fc.assert(fc.property(pattern, pattern, fc.array(fc.constantFrom("", "a", "ab", "b/a", "/"), { minLength: 1, maxLength: 4 }), (outer, inner, fill) => {
      if (!resourceCovers(outer, inner)) return true;
      const concrete = expand(inner, fill.map((f) => f));
      return glob(outer).test(concrete);
    }), { numRuns: 2000 });
  });
});
