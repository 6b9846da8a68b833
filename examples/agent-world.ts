/**
 * The AI-agent side of the example world (DESIGN.md, `ai-agent-intents`),
 * shared by the example stack, its tests and the README walkthrough.
 */
import type { Ownership } from "../modules";

/** The agent's name. */
export const AGENT_NAME = "support-triage";
/** The agent's workload identity: its JWT-SVID's `sub`. */
export const AGENT_SPIFFE_ID = "spiffe://acme.example/agent/support-triage";
/** The issuer of the agents' JWT-SVIDs (SPIRE's OIDC discovery provider). */
export const AGENT_ISSUER = "https://spire-oidc.acme.example";
/** The audience agents request their JWT-SVIDs for when logging in to Vault. */
export const AGENT_VAULT_AUDIENCE = "vault";
/** Vault AWS secrets engine mount for agents. */
export const AGENT_AWS_MOUNT = "aws-agents";
/** Vault JWT auth mount for agents. */
export const AGENT_AUTH_MOUNT = "jwt-agents";
/** The bucket the agent reads ticket attachments from. */
export const ATTACHMENTS = "arn:aws:s3:::acme-support-attachments/*";
/** The ECS service the agent may restart. */
export const WORKER_SERVICE = "arn:aws:ecs:eu-west-1:111122223333:service/support/worker";

/** Ownership of the support team, which runs the agent. */
export function support(purpose: string): Ownership {
  return { owner: "team-support", contact: "support-oncall@acme.example", purpose };
}
