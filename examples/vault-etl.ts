import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "../provider-shim/core";
import { VaultDatabaseSecretsEngine, ZspProfile, postgresReadOnly } from "../modules";
import { vaultProvider } from "../provider-shim";
import { payments } from "./world";
import { ANALYTICS_CONNECTION_URL, ANALYTICS_VAULT_ADMIN, TERRAFORM_VAULT_LOGIN, VAULT_ADDRESS } from "./vault-world";

/**
 * The ETL job reads the analytics schema with a PostgreSQL user that Vault
 * creates for it on request and drops when the lease ends (1 h, renewable up
 * to 4 h). Nobody holds a standing database password: the root password
 * reaches Vault once, from a sensitive variable, as a write-only argument
 * (never in state), and is then rotated by Vault (`rotate-root`).
 *
 * Documented exception: ETL runs take up to 4 hours, so this stack raises
 * the profile's `maxLease` from 1 h to 4 h for itself only. Every other
 * bound (tokens 15 m, STS 1 h) stays as the organisation set it.
 */
export class VaultEtlStack extends TerraformStack {
  /** The database secrets engine. */
  public readonly engine: VaultDatabaseSecretsEngine;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    // The exception, visible in code review and in this stack only.
    ZspProfile.apply(this, { maxLease: "4h" });
    const ownership = payments("analytics ETL: per-run read-only PostgreSQL users issued by Vault");

    vaultProvider(this, { address: VAULT_ADDRESS, login: { ...TERRAFORM_VAULT_LOGIN } });

    this.engine = new VaultDatabaseSecretsEngine(this, "db-jit", { path: "db-jit", defaultLeaseTtl: "1h", maxLeaseTtl: "4h", ownership });
    const analytics = this.engine.addConnection("analytics", {
      plugin: "postgresql",
      connectionUrl: ANALYTICS_CONNECTION_URL,
      username: ANALYTICS_VAULT_ADMIN,
      verifyConnection: true,
    });
    const role = this.engine.addRole("etl-readonly", {
      connection: analytics,
      creationStatements: postgresReadOnly("analytics"),
      ttl: "1h",
      maxTtl: "4h",
    });

    new TerraformOutput(this, "etl-readonly-creds-path", { value: role.credsPath, description: "Vault path the ETL job reads its database credentials from" });
  }
}
