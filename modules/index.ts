/**
 * cdktf-zsp: zero standing privilege for non-human identities, by construction.
 * @packageDocumentation
 */
export { ZspError } from "./core/errors";
export type { ZspErrorDetails, PropContext } from "./core/errors";
export { parseDuration, formatDuration } from "./core/duration";
export type { Duration } from "./core/duration";
export { DEFAULT_PROFILE, ALWAYS_REQUIRED_TAGS, resolveProfile, restrictProfile } from "./core/profile";
export { loadProfileFile } from "./core/profile-file";
export type { ZspProfileProps, ResolvedZspProfile } from "./core/profile";
export { ZspProfile, PROFILE_CONTEXT_KEY } from "./core/profile-scope";
export { requireSensitiveVariable, sensitiveVariable } from "./core/secrets";
export { OWNERSHIP_TAG_KEYS, ownershipTags, validateTicket } from "./ownership/ownership";
export type { Ownership, AccessModel } from "./ownership/ownership";
export { PolicyStatement, PolicyDocument, mergeConditions, windowConditions, revokeSessionsStatement } from "./aws/policy-document";
export type { Conditions, PrincipalJson, PolicyStatementJson, PolicyDocumentJson, PolicyStatementProps } from "./aws/policy-document";
export type { IZspRole } from "./aws/role-contract";
// guard (issue 7): the rules engine (pure), the synth-time guard and suppressions
export { ZspGuard, Guard } from "./guard/guard";
export type { SuppressionProps, ZspGuardOptions } from "./guard/guard";
export { check, loadDocument, fails, GuardInputError } from "./guard/engine";
export type { CheckOptions, CheckResult } from "./guard/engine";
export { RULES, RULE_IDS } from "./guard/catalogue";
export type { RuleId, RuleInfo } from "./guard/catalogue";
export { UNKNOWN } from "./guard/model";
export type { Finding, Severity, SuppressionInfo, TfModel, TfResource, TfProvider, TfVariable, InputShape } from "./guard/model";
export { accessMap, accessMapMarkdown } from "./guard/access-map";
export type { AccessEntry, AccessGrantee } from "./guard/access-map";
