/**
 * cdktf-zsp: zero standing privilege for non-human identities, by construction.
 * @packageDocumentation
 */
export { ZspError, ZSP_ERROR_CODES, isZspError } from "./core/errors";
export type { ZspErrorDetails, ZspErrorCode, PropContext } from "./core/errors";
export { parseDuration, formatDuration } from "./core/duration";
export type { Duration } from "./core/duration";
export { DEFAULT_PROFILE, ALWAYS_REQUIRED_TAGS, resolveProfile, restrictProfile } from "./core/profile";
export { loadProfileFile } from "./core/profile-file";
export type { ZspProfileProps, ResolvedZspProfile } from "./core/profile";
export { ZspProfile, PROFILE_CONTEXT_KEY } from "./core/profile-scope";
export { requireSensitiveVariable, sensitiveVariable } from "./core/secrets";
export { OWNERSHIP_TAG_KEYS, ownershipTags, validateTicket } from "./ownership/ownership";
export type { Ownership, AccessModel } from "./ownership/ownership";
export { PolicyStatement, PolicyDocument, mergeConditions, windowConditions, revokeSessionsStatement } from "./iam/policy-document";
export type { Conditions, PrincipalJson, PolicyStatementJson, PolicyDocumentJson, PolicyStatementProps } from "./iam/policy-document";
export type { IZspRole } from "./aws/role-contract";
// issue 4: AWS just-in-time roles
export { JitRole, JIT_ROLE_PATH } from "./aws/jit-role";
export type { JitRoleProps } from "./aws/jit-role";
export { WorkloadIdentity, STS_AUDIENCE, GITHUB_ISSUER } from "./aws/workload-identity";
export type {
  WorkloadIdentityKind, BoundIdentity, GithubActionsIdentityProps, OidcIdentityProps,
  EksServiceAccountIdentityProps, RolesAnywhereIdentityProps, AwsRoleIdentityProps,
} from "./aws/workload-identity";
export { grant, validateGrant, grantStatement } from "./aws/grant";
export type { Grant, ValidatedGrant } from "./aws/grant";
export { ZspBoundary, BOUNDARY_DENIED_ACTIONS, boundaryDocument } from "./aws/boundary";
export type { ZspBoundaryProps } from "./aws/boundary";
export { denyUnlessStatements } from "./aws/deny-unless";
export type { DenyUnless } from "./aws/deny-unless";
export { NOW_CONTEXT_KEY, parseInstant } from "./core/clock";
export { SOURCE_LOCATIONS_CONTEXT_KEY } from "./core/source-location";
export type { SourceLocation } from "./core/source-location";
export { resolveWindow } from "./aws/window";
export type { AccessWindow, ResolvedWindow } from "./aws/window";
export type { Instant } from "./core/clock";
export { lookupAction } from "./iam/catalogue";
export type { AccessLevel, CatalogueAction } from "./iam/catalogue";
// --- Vault (issue 5): dynamic secrets with bounded TTLs
export { VaultPolicy } from "./vault/policy";
export type { VaultPolicyProps } from "./vault/policy";
export { minimalPolicyRules, renderPolicyHcl } from "./vault/policy-hcl";
export type { VaultPolicyRule, VaultCapability } from "./vault/policy-hcl";
export { VaultWorkloadAuth } from "./vault/workload-auth";
export type { VaultWorkloadAuthProps, WorkloadAuthRoleProps, WorkloadAuthRole, JwtVerification } from "./vault/workload-auth";
export { VaultAwsSecretsEngine } from "./vault/aws-secrets-engine";
export type { VaultAwsSecretsEngineProps, VaultAwsStaticKeys, VaultAwsRoleCommonProps, VaultAwsRoleProps, AssumedRoleProps, FederationTokenProps, VaultAwsRole } from "./vault/aws-secrets-engine";
export { VaultDatabaseSecretsEngine } from "./vault/database-secrets-engine";
export type { VaultDatabaseSecretsEngineProps, DatabaseConnectionProps, DatabaseConnection, DatabaseRoleProps, DatabaseRole } from "./vault/database-secrets-engine";
export { DEFAULT_REVOCATION, PLUGIN_NAMES, postgresReadOnly, mysqlReadOnly } from "./vault/database-statements";
export type { DatabasePlugin } from "./vault/database-statements";
export { VaultPkiEngine } from "./vault/pki-engine";
export type { VaultPkiEngineProps, PkiCaSource, PkiRoleProps, PkiRole } from "./vault/pki-engine";
export { VaultAuditDevice } from "./vault/audit-device";
export type { VaultAuditDeviceProps, AuditSink } from "./vault/audit-device";
export { ownershipDescription } from "./vault/common";
// --- AI agents (issue 8): intent-bound, minutes-long grants
export { AgentIdentity } from "./agents/agent-identity";
export type { AgentIdentityProps, AgentLogin, SynthesizedIntent } from "./agents/agent-identity";
export { validateIntent, requireWithinCeiling, SESSION_POLICY_LIMIT } from "./agents/intent";
export type { AgentIntent, ValidatedIntent } from "./agents/intent";
export { resourceCovers } from "./agents/resource-cover";
// issue 6: break-glass roles and the audit trail
export { BreakGlassRole, BREAK_GLASS_PATH, DEFAULT_MFA_MAX_AGE, MAX_ARMING_WINDOW } from "./aws/break-glass-role";
export type { BreakGlassRoleProps, BreakGlassAlertProps } from "./aws/break-glass-role";
export { AlertTopic } from "./aws/alert-topic";
export type { AlertTopicProps, AlertSubscribers } from "./aws/alert-topic";
export {
  assumeRolePattern, roleChangePattern, approvalPattern, issuancePattern, usePattern, revocationPattern,
  READ_ONLY_MANAGEMENT_EVENTS_STATE, CLOUDTRAIL_DETAIL_TYPE, GLOBAL_EVENTS_REGION, ROLE_CHANGE_EVENTS, REVOKE_POLICY_NAME,
} from "./aws/cloudtrail-patterns";
export type { EventPatternJson, PatternMatcher, PrefixMatcher, WildcardMatcher, ExistsMatcher, AnythingButMatcher, RoleLocation } from "./aws/cloudtrail-patterns";
export { AccessAudit, AUDIT_STREAMS, LOG_RETENTION_DAYS } from "./aws/access-audit";
export type { AccessAuditProps, AuditStream, AuditAlertProps, AuditTrailProps, AuditStreamRecord } from "./aws/access-audit";
// guard (issue 7): the rules engine (pure), the synth-time guard and suppressions
export { ZspGuard, Guard } from "./guard/guard";
export type { SuppressionProps, ZspGuardOptions } from "./guard/guard";
export { check, loadDocument, loadRootModule, fails, GuardInputError } from "./guard/engine";
export { MAX_JSON_DEPTH } from "./guard/input-error";
export type { ConfigDocument, ConfigOptions } from "./guard/load-config";
export type { CheckOptions, CheckResult } from "./guard/engine";
export { parseUsage, UsageInputError } from "./guard/usage";
export type { UsageReport, RoleUsageRecord, UnusedGrant, ObservedPeriod } from "./guard/usage";
export { RULES, RULE_IDS } from "./guard/catalogue";
export type { RuleId, RuleInfo } from "./guard/catalogue";
export { UNKNOWN, isExpression } from "./guard/model";
export type { Finding, Severity, SuppressionInfo, TfModel, TfResource, TfProvider, TfVariable, TfNamedValue, TfModuleCall, TfBackend, InputShape } from "./guard/model";
export { accessMap } from "./guard/access-map";
export { accessMapMarkdown } from "./guard/access-map-markdown";
export type { AccessEntry, AccessGrantee } from "./guard/access-map";
export type { AllowedPermission, Becoming, OpenPath } from "./guard/role-reach";
// privilege escalation (issue 14): the pathfinding.cloud catalogue the guard (ZSP016) and JitRole read
export { ESCALATION_PATHS, ESCALATION_PATHS_SOURCE, escalationPath } from "./iam/escalation-paths";
export type { EscalationCategory, EscalationPath, EscalationPathsSource, EscalationPermission } from "./iam/escalation-paths";
