/**
 * The Vault side of the example world (DESIGN.md, `vault-batch-job` and
 * `vault-etl`), shared by the Vault example stacks, their tests and docs.
 */
import { ACCOUNT } from "./world";

/** The Vault server's address. */
export const VAULT_ADDRESS = "https://vault.acme.example:8200";
/** The IAM role the Vault server runs as (instance profile / IRSA); it calls STS for the AWS secrets engine. */
export const VAULT_SERVER_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/vault-server`;
/** JWT auth mount and role Terraform itself logs in to Vault with (CI OIDC token in `TF_VAR_vault_jwt`). */
export const TERRAFORM_VAULT_LOGIN = { mount: "jwt-ci", role: "terraform-payments" } as const;
/** The EKS cluster's service-account token issuer (the `iss` of projected tokens). */
export const K8S_ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
/** The audience the nightly-report pod's projected token is minted for. */
export const K8S_VAULT_AUDIENCE = "vault";
/** The nightly-report job's Kubernetes service account, as the token's `sub`. */
export const NIGHTLY_REPORT_SUBJECT = "system:serviceaccount:reporting:nightly-report";
/** Where the Vault audit device writes. */
export const VAULT_AUDIT_FILE = "/vault/audit/audit.log";
/** The analytics PostgreSQL database (Vault's side of the connection; credentials are templated). */
export const ANALYTICS_CONNECTION_URL = "postgresql://{{username}}:{{password}}@analytics.db.acme.internal:5432/analytics?sslmode=verify-full";
/** The database user Vault creates per-lease users with. */
export const ANALYTICS_VAULT_ADMIN = "vault_admin";
