import { AgentIdentity, VaultAwsSecretsEngine, VaultWorkloadAuth } from "../../modules";
import type { AgentIdentityProps, Ownership } from "../../modules";
import type { TerraformStack } from "../../provider-shim/core";

/**
 * The support-triage agent of the docs in `stack`: its Vault AWS secrets
 * engine, its SPIFFE JWT login and an AgentIdentity with `over` applied
 * (intents, ceiling, ...), owned by `ownership`.
 */
export function supportAgent(stack: TerraformStack, ownership: Ownership, over: Partial<AgentIdentityProps> = {}): AgentIdentity {
  const engine = new VaultAwsSecretsEngine(stack, "aws", { path: "aws-agents", serverRoleArn: "arn:aws:iam::111122223333:role/vault-server", region: "eu-west-1", ownership });
  const auth = new VaultWorkloadAuth(stack, "jwt", { path: "jwt-agents", issuer: "https://spire-oidc.acme.example", verification: { oidcDiscoveryUrl: "https://spire-oidc.acme.example" }, ownership });
  return new AgentIdentity(stack, "agent", {
    agentName: "support-triage",
    ownership,
    account: "111122223333",
    login: { auth, subject: "spiffe://acme.example/agent/support-triage", audiences: ["vault"] },
    engine,
    intents: [],
    ...over,
  });
}
