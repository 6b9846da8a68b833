import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "../provider-shim/core";
import { AgentIdentity, VaultAuditDevice, VaultAwsSecretsEngine, VaultWorkloadAuth } from "../modules";
import { awsProvider, vaultProvider } from "../provider-shim";
import { ACCOUNT, REGION, TERRAFORM_ROLE_ARN } from "./world";
import { TERRAFORM_VAULT_LOGIN, VAULT_ADDRESS, VAULT_AUDIT_FILE, VAULT_SERVER_ROLE_ARN } from "./vault-world";
import {
  AGENT_AUTH_MOUNT, AGENT_AWS_MOUNT, AGENT_ISSUER, AGENT_NAME, AGENT_SPIFFE_ID, AGENT_VAULT_AUDIENCE, ATTACHMENTS, WORKER_SERVICE, support,
} from "./agent-world";

/**
 * The AI agent `support-triage` may do two things, each for minutes and
 * only when it declares it:
 *
 * - `read-ticket-attachments`: `s3:GetObject` on `acme-support-attachments/*`;
 * - `restart-worker`: `ecs:UpdateService` on the `support/worker` service,
 *   only for a task (its identity token must carry a `task_id` claim).
 *
 * Its ceiling role `agent-support-triage` (trusted only by Vault's server
 * role) holds the union; each intent is a Vault role that assumes the
 * ceiling with a session policy of exactly that intent. The agent logs in
 * with its JWT-SVID (`sub` = `spiffe://acme.example/agent/support-triage`)
 * for 5 minutes and may read only the two intents' creds paths.
 *
 * See README "AI agents: one request, from intent to AWS call".
 */
export class AiAgentIntentsStack extends TerraformStack {
  /** The agent. */
  public readonly agent: AgentIdentity;
  /** The AWS secrets engine issuing the intents' credentials. */
  public readonly awsEngine: VaultAwsSecretsEngine;
  /** The JWT auth mount agents log in at. */
  public readonly agentAuth: VaultWorkloadAuth;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const ownership = support("support-triage AI agent reads ticket attachments and restarts the support worker");

    awsProvider(this, {
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: { roleArn: TERRAFORM_ROLE_ARN, sessionName: "terraform-ai-agent-intents", sourceIdentity: "terraform-ai-agent-intents", duration: "15m" },
      ownership,
    });
    vaultProvider(this, { address: VAULT_ADDRESS, login: { ...TERRAFORM_VAULT_LOGIN } });

    this.awsEngine = new VaultAwsSecretsEngine(this, "aws-agents", {
      path: AGENT_AWS_MOUNT,
      serverRoleArn: VAULT_SERVER_ROLE_ARN,
      region: REGION,
      defaultLeaseTtl: "15m",
      maxLeaseTtl: "15m",
      ownership,
    });
    this.agentAuth = new VaultWorkloadAuth(this, "jwt-agents", {
      path: AGENT_AUTH_MOUNT,
      issuer: AGENT_ISSUER,
      verification: { oidcDiscoveryUrl: AGENT_ISSUER },
      // SPIRE signs JWT-SVIDs with its jwt_key_type, ec-p256 by default: ES256, not Vault's RS256 default.
      supportedAlgorithms: ["ES256"],
      ownership,
    });

    this.agent = new AgentIdentity(this, "support-triage", {
      agentName: AGENT_NAME,
      ownership,
      account: ACCOUNT,
      login: { auth: this.agentAuth, subject: AGENT_SPIFFE_ID, audiences: [AGENT_VAULT_AUDIENCE] },
      engine: this.awsEngine,
      intents: [
        {
          name: "read-ticket-attachments",
          purpose: "read the attachments of the ticket being triaged",
          actions: ["s3:GetObject"],
          resources: [ATTACHMENTS],
          ttl: "5m",
        },
        {
          name: "restart-worker",
          purpose: "restart the support worker when triage finds it stuck",
          actions: ["ecs:UpdateService"],
          resources: [WORKER_SERVICE],
          ttl: "5m",
          requiredClaims: { task_id: "*" },
        },
      ],
    });

    new VaultAuditDevice(this, "audit", {
      path: "file-audit",
      sink: { type: "file", filePath: VAULT_AUDIT_FILE },
      ownership: support("Vault audit trail of every agent login and lease"),
    });

    for (const intent of this.agent.intents) {
      new TerraformOutput(this, `${intent.name}-creds-path`, { value: intent.credsPath, description: `Vault path for intent ${intent.name}` });
    }
    new TerraformOutput(this, "login-path", { value: this.agent.loginRole.loginPath, description: `Vault path the agent logs in at (role ${AGENT_NAME})` });
  }
}
