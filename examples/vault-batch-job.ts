import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "../provider-shim/core";
import {
  JitRole, VaultAuditDevice, VaultAwsSecretsEngine, VaultPolicy, VaultWorkloadAuth, WorkloadIdentity, grant,
} from "../modules";
import { awsProvider, vaultProvider } from "../provider-shim";
import { ACCOUNT, REGION, TERRAFORM_ROLE_ARN, payments } from "./world";
import {
  K8S_ISSUER, K8S_VAULT_AUDIENCE, NIGHTLY_REPORT_SUBJECT, TERRAFORM_VAULT_LOGIN, VAULT_ADDRESS, VAULT_AUDIT_FILE, VAULT_SERVER_ROLE_ARN,
} from "./vault-world";

/**
 * A Kubernetes CronJob gets AWS credentials for 15 minutes, and nothing is
 * stored anywhere:
 *
 * 1. the pod logs in to Vault at `auth/jwt-k8s` with its projected
 *    service-account token (`sub` = `system:serviceaccount:reporting:nightly-report`,
 *    `aud` = `vault`) and gets a Vault token for 10 minutes (15 at most)
 *    carrying only the `nightly-report` policy;
 * 2. it reads `aws-jit/creds/nightly-report`, the one path that policy allows;
 * 3. Vault, running as `vault-server`, assumes the `nightly-report` JitRole
 *    (which trusts only `vault-server`) and returns an STS session of 15
 *    minutes (30 at most) that may only `s3:GetObject` under
 *    `acme-reports/nightly/`;
 * 4. Vault's audit device logs the login, the issuance and the lease's end.
 *
 * See README "Vault: a Kubernetes job gets AWS credentials for 15 minutes".
 */
export class VaultBatchJobStack extends TerraformStack {
  /** The role the Vault AWS engine assumes. */
  public readonly reportRole: JitRole;
  /** The AWS secrets engine. */
  public readonly awsEngine: VaultAwsSecretsEngine;
  /** The Kubernetes JWT auth mount. */
  public readonly k8sAuth: VaultWorkloadAuth;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const ownership = payments("nightly report: S3 read credentials issued by Vault per run");

    awsProvider(this, {
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: { roleArn: TERRAFORM_ROLE_ARN, sessionName: "terraform-vault-batch-job", sourceIdentity: "terraform-vault-batch-job", duration: "15m" },
      ownership,
    });
    vaultProvider(this, { address: VAULT_ADDRESS, login: { ...TERRAFORM_VAULT_LOGIN } });

    this.reportRole = new JitRole(this, "nightly-report-role", {
      roleName: "nightly-report",
      account: ACCOUNT,
      ownership,
      identities: [WorkloadIdentity.awsRole({ roleArn: VAULT_SERVER_ROLE_ARN })],
      maxSession: "1h",
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
    });

    this.awsEngine = new VaultAwsSecretsEngine(this, "aws-jit", {
      path: "aws-jit",
      serverRoleArn: VAULT_SERVER_ROLE_ARN,
      region: REGION,
      defaultLeaseTtl: "15m",
      maxLeaseTtl: "1h",
      ownership,
    });
    const creds = this.awsEngine.addRole("nightly-report", {
      credentialType: "assumed_role",
      roles: [this.reportRole],
      stsTtl: "15m",
      maxStsTtl: "30m",
    });

    const policy = new VaultPolicy(this, "nightly-report-policy", {
      name: "nightly-report",
      ownership,
      rules: [{ path: creds.credsPath, capabilities: ["read"] }],
    });

    this.k8sAuth = VaultWorkloadAuth.kubernetes(this, "jwt-k8s", { path: "jwt-k8s", issuer: K8S_ISSUER, ownership });
    const login = this.k8sAuth.addRole("nightly-report", {
      audiences: [K8S_VAULT_AUDIENCE],
      subject: NIGHTLY_REPORT_SUBJECT,
      policies: [policy],
      tokenTtl: "10m",
      tokenMaxTtl: "15m",
      claimMappings: VaultWorkloadAuth.KUBERNETES_CLAIM_MAPPINGS,
    });

    new VaultAuditDevice(this, "audit", {
      path: "file-audit",
      sink: { type: "file", filePath: VAULT_AUDIT_FILE },
      ownership: payments("Vault audit trail of every login and lease issuance and revocation"),
    });

    new TerraformOutput(this, "nightly-report-creds-path", { value: creds.credsPath, description: "Vault path the job reads its AWS credentials from" });
    new TerraformOutput(this, "nightly-report-login-path", { value: login.loginPath, description: "Vault path the job logs in at (role nightly-report)" });
  }
}
