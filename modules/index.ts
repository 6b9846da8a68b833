/**
 * cdktf-zsp: zero standing privilege for non-human identities, by construction.
 * @packageDocumentation
 */
export { ZspError } from "./core/errors";
export type { ZspErrorDetails, PropContext } from "./core/errors";
export { parseDuration, formatDuration } from "./core/duration";
export type { Duration } from "./core/duration";
export { DEFAULT_PROFILE, ALWAYS_REQUIRED_TAGS, resolveProfile } from "./core/profile";
export type { ZspProfileProps, ResolvedZspProfile } from "./core/profile";
export { ZspProfile, PROFILE_CONTEXT_KEY } from "./core/profile-scope";
export { requireSensitiveVariable, sensitiveVariable } from "./core/secrets";
export { OWNERSHIP_TAG_KEYS, ownershipTags, validateTicket } from "./ownership/ownership";
export type { Ownership, AccessModel } from "./ownership/ownership";
export { PolicyStatement, PolicyDocument, mergeConditions, windowConditions, revokeSessionsStatement } from "./aws/policy-document";
export type { Conditions, PrincipalJson, PolicyStatementJson, PolicyDocumentJson, PolicyStatementProps } from "./aws/policy-document";
export type { IZspRole } from "./aws/role-contract";
export { BreakGlassRole, BREAK_GLASS_PATH, DEFAULT_MFA_MAX_AGE, MAX_ARMING_WINDOW } from "./aws/break-glass-role";
export type { BreakGlassRoleProps, BreakGlassAlertProps, ArmingWindow } from "./aws/break-glass-role";
export { AlertTopic } from "./aws/alert-topic";
export type { AlertTopicProps, AlertSubscribers } from "./aws/alert-topic";
export {
  assumeRolePattern, roleChangePattern, approvalPattern, issuancePattern, usePattern, revocationPattern,
  READ_ONLY_MANAGEMENT_EVENTS_STATE, CLOUDTRAIL_DETAIL_TYPE, GLOBAL_EVENTS_REGION, ROLE_CHANGE_EVENTS, REVOKE_POLICY_NAME,
} from "./aws/cloudtrail-patterns";
export type { EventPatternJson, PatternMatcher, RoleLocation } from "./aws/cloudtrail-patterns";
export { AccessAudit, AUDIT_STREAMS, LOG_RETENTION_DAYS } from "./aws/access-audit";
export type { AccessAuditProps, AuditStream, AuditAlertProps, AuditTrailProps, AuditStreamRecord } from "./aws/access-audit";
