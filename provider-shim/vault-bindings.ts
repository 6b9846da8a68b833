/**
 * Vault provider bindings, loaded by deep path on first use (see
 * aws-bindings.ts for why).
 */
import { vaultModule } from "./bindings-loader";
import type * as providerModule from "@cdktf/provider-vault/lib/provider";
import type * as awsSecretBackendModule from "@cdktf/provider-vault/lib/aws-secret-backend";
import type * as awsSecretBackendRoleModule from "@cdktf/provider-vault/lib/aws-secret-backend-role";
import type * as mountModule from "@cdktf/provider-vault/lib/mount";
import type * as dbConnectionModule from "@cdktf/provider-vault/lib/database-secret-backend-connection";
import type * as dbRoleModule from "@cdktf/provider-vault/lib/database-secret-backend-role";
import type * as pkiRootCertModule from "@cdktf/provider-vault/lib/pki-secret-backend-root-cert";
import type * as pkiIntermediateRequestModule from "@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request";
import type * as pkiRootSignModule from "@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate";
import type * as pkiSetSignedModule from "@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed";
import type * as pkiRoleModule from "@cdktf/provider-vault/lib/pki-secret-backend-role";
import type * as jwtAuthBackendModule from "@cdktf/provider-vault/lib/jwt-auth-backend";
import type * as jwtAuthBackendRoleModule from "@cdktf/provider-vault/lib/jwt-auth-backend-role";
import type * as policyModule from "@cdktf/provider-vault/lib/policy";
import type * as auditModule from "@cdktf/provider-vault/lib/audit";

export type { VaultProviderConfig } from "@cdktf/provider-vault/lib/provider";
export type { AwsSecretBackendConfig } from "@cdktf/provider-vault/lib/aws-secret-backend";
export type { AwsSecretBackendRoleConfig } from "@cdktf/provider-vault/lib/aws-secret-backend-role";
export type { MountConfig } from "@cdktf/provider-vault/lib/mount";
export type {
  DatabaseSecretBackendConnectionConfig,
  DatabaseSecretBackendConnectionPostgresql,
  DatabaseSecretBackendConnectionMysql,
} from "@cdktf/provider-vault/lib/database-secret-backend-connection";
export type { DatabaseSecretBackendRoleConfig } from "@cdktf/provider-vault/lib/database-secret-backend-role";
export type { PkiSecretBackendRootCertConfig } from "@cdktf/provider-vault/lib/pki-secret-backend-root-cert";
export type { PkiSecretBackendIntermediateCertRequestConfig } from "@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request";
export type { PkiSecretBackendRootSignIntermediateConfig } from "@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate";
export type { PkiSecretBackendRoleConfig } from "@cdktf/provider-vault/lib/pki-secret-backend-role";
export type { JwtAuthBackendConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend";
export type { JwtAuthBackendRoleConfig } from "@cdktf/provider-vault/lib/jwt-auth-backend-role";
export type { PolicyConfig } from "@cdktf/provider-vault/lib/policy";
export type { AuditConfig } from "@cdktf/provider-vault/lib/audit";

/** The Vault binding classes modules/ may instantiate. */
export const vault = {
  /** `provider "vault"`. */
  get VaultProvider(): typeof providerModule.VaultProvider {
    return vaultModule<typeof providerModule>("provider").VaultProvider;
  },
  /** `vault_aws_secret_backend`: the AWS secrets engine mount and its configuration. */
  get AwsSecretBackend(): typeof awsSecretBackendModule.AwsSecretBackend {
    return vaultModule<typeof awsSecretBackendModule>("aws-secret-backend").AwsSecretBackend;
  },
  /** `vault_aws_secret_backend_role`. */
  get AwsSecretBackendRole(): typeof awsSecretBackendRoleModule.AwsSecretBackendRole {
    return vaultModule<typeof awsSecretBackendRoleModule>("aws-secret-backend-role").AwsSecretBackendRole;
  },
  /** `vault_mount`: a generic secrets engine mount (database, pki). */
  get Mount(): typeof mountModule.Mount {
    return vaultModule<typeof mountModule>("mount").Mount;
  },
  /** `vault_database_secret_backend_connection`. */
  get DatabaseSecretBackendConnection(): typeof dbConnectionModule.DatabaseSecretBackendConnection {
    return vaultModule<typeof dbConnectionModule>("database-secret-backend-connection").DatabaseSecretBackendConnection;
  },
  /** `vault_database_secret_backend_role`. */
  get DatabaseSecretBackendRole(): typeof dbRoleModule.DatabaseSecretBackendRole {
    return vaultModule<typeof dbRoleModule>("database-secret-backend-role").DatabaseSecretBackendRole;
  },
  /** `vault_pki_secret_backend_root_cert`. */
  get PkiSecretBackendRootCert(): typeof pkiRootCertModule.PkiSecretBackendRootCert {
    return vaultModule<typeof pkiRootCertModule>("pki-secret-backend-root-cert").PkiSecretBackendRootCert;
  },
  /** `vault_pki_secret_backend_intermediate_cert_request`. */
  get PkiSecretBackendIntermediateCertRequest(): typeof pkiIntermediateRequestModule.PkiSecretBackendIntermediateCertRequest {
    return vaultModule<typeof pkiIntermediateRequestModule>("pki-secret-backend-intermediate-cert-request").PkiSecretBackendIntermediateCertRequest;
  },
  /** `vault_pki_secret_backend_root_sign_intermediate`. */
  get PkiSecretBackendRootSignIntermediate(): typeof pkiRootSignModule.PkiSecretBackendRootSignIntermediate {
    return vaultModule<typeof pkiRootSignModule>("pki-secret-backend-root-sign-intermediate").PkiSecretBackendRootSignIntermediate;
  },
  /** `vault_pki_secret_backend_intermediate_set_signed`. */
  get PkiSecretBackendIntermediateSetSigned(): typeof pkiSetSignedModule.PkiSecretBackendIntermediateSetSigned {
    return vaultModule<typeof pkiSetSignedModule>("pki-secret-backend-intermediate-set-signed").PkiSecretBackendIntermediateSetSigned;
  },
  /** `vault_pki_secret_backend_role`. */
  get PkiSecretBackendRole(): typeof pkiRoleModule.PkiSecretBackendRole {
    return vaultModule<typeof pkiRoleModule>("pki-secret-backend-role").PkiSecretBackendRole;
  },
  /** `vault_jwt_auth_backend`. */
  get JwtAuthBackend(): typeof jwtAuthBackendModule.JwtAuthBackend {
    return vaultModule<typeof jwtAuthBackendModule>("jwt-auth-backend").JwtAuthBackend;
  },
  /** `vault_jwt_auth_backend_role`. */
  get JwtAuthBackendRole(): typeof jwtAuthBackendRoleModule.JwtAuthBackendRole {
    return vaultModule<typeof jwtAuthBackendRoleModule>("jwt-auth-backend-role").JwtAuthBackendRole;
  },
  /** `vault_policy`. */
  get Policy(): typeof policyModule.Policy {
    return vaultModule<typeof policyModule>("policy").Policy;
  },
  /** `vault_audit`. */
  get Audit(): typeof auditModule.Audit {
    return vaultModule<typeof auditModule>("audit").Audit;
  },
};
