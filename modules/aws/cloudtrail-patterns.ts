/**
 * EventBridge event patterns over CloudTrail events, as plain data (no cdktf,
 * no provider imports), so the constructs, the tests and the docs share them.
 *
 * Where each CloudTrail event is delivered matters more than its shape:
 * - IAM is a global service: its events (`CreateRole`, `PutRolePolicy`, …)
 *   reach EventBridge only in `us-east-1`.
 * - STS events land in the region of the endpoint that was called; the
 *   legacy global endpoint `sts.amazonaws.com` logs in `us-east-1`.
 * - `AssumeRole*` and most calls a session makes are *read-only* management
 *   events: a rule sees them only in state
 *   {@link READ_ONLY_MANAGEMENT_EVENTS_STATE}.
 */

/** `{ prefix }`: the value starts with the string. */
export interface PrefixMatcher {
  /** The required prefix. */
  readonly prefix: string;
}
/** `{ wildcard }`: the value matches the string, `*` standing for any run of characters. */
export interface WildcardMatcher {
  /** The wildcard expression. */
  readonly wildcard: string;
}
/** `{ exists }`: the field is present (true) or absent (false). */
export interface ExistsMatcher {
  /** Whether the field must exist. */
  readonly exists: boolean;
}
/** `{ "anything-but" }`: the value is none of these. */
export interface AnythingButMatcher {
  /** The excluded value(s). */
  readonly "anything-but": string | readonly string[];
}
/** One value matcher of an event pattern (exact value or an operator object). */
export type PatternMatcher = string | PrefixMatcher | WildcardMatcher | ExistsMatcher | AnythingButMatcher;

/** An EventBridge event pattern: field → list of matchers, nested objects, or `$or` of sub-patterns. */
export interface EventPatternJson {
  readonly [field: string]: readonly PatternMatcher[] | EventPatternJson | readonly EventPatternJson[];
}

/** The rule state that also matches read-only management events (AssumeRole is one). */
export const READ_ONLY_MANAGEMENT_EVENTS_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
/** `detail-type` of CloudTrail management events on EventBridge. */
export const CLOUDTRAIL_DETAIL_TYPE = "AWS API Call via CloudTrail";
/** The region where IAM (global service) events are delivered. */
export const GLOBAL_EVENTS_REGION = "us-east-1";

/** The IAM API calls that change a role, its trust or its permissions. */
export const ROLE_CHANGE_EVENTS: readonly string[] = [
  "UpdateAssumeRolePolicy",
  "PutRolePolicy",
  "DeleteRolePolicy",
  "AttachRolePolicy",
  "DetachRolePolicy",
  "PutRolePermissionsBoundary",
  "DeleteRolePermissionsBoundary",
  "UpdateRole",
  "UpdateRoleDescription",
  "TagRole",
  "UntagRole",
  "DeleteRole",
];

/** Where a role lives: partition and account (literals or Terraform references). */
export interface RoleLocation {
  /** `aws`, `aws-cn`, `aws-us-gov`, or a reference. */
  readonly partition: string;
  /** 12-digit account id or a reference. */
  readonly account: string;
}

/**
 * Every `AssumeRole*` call naming the role, successful or refused:
 * `requestParameters.roleArn` with or without the role's path (STS resolves
 * a role by name, so a caller may leave the path out), or, for successful
 * calls, the assumed-role ARN STS wrote into `responseElements`.
 */
export function assumeRolePattern(role: RoleLocation & { readonly roleName: string }): EventPatternJson {
  const { partition, account, roleName } = role;
  return {
    source: ["aws.sts"],
    "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      eventSource: ["sts.amazonaws.com"],
      eventName: [{ prefix: "AssumeRole" }],
      $or: [
        { requestParameters: { roleArn: [{ wildcard: `arn:${partition}:iam::${account}:role*/${roleName}` }] } },
        { responseElements: { assumedRoleUser: { arn: [{ prefix: `arn:${partition}:sts::${account}:assumed-role/${roleName}/` }] } } },
      ],
    },
  };
}

/** Changes to the named role's trust, policies, boundary, tags, or its deletion (IAM: `us-east-1` only). */
export function roleChangePattern(roleName: string): EventPatternJson {
  return iamEvents({ eventName: [...ROLE_CHANGE_EVENTS], requestParameters: { roleName: [roleName] } });
}

/**
 * Approval stream: roles created under `pathPrefix` (their tags carry owner
 * and ticket) and `zsp:ticket` tag changes (IAM: `us-east-1` only).
 */
export function approvalPattern(pathPrefix: string): EventPatternJson {
  return iamEvents({
    $or: [
      { eventName: ["CreateRole"], requestParameters: { path: [{ prefix: pathPrefix }] } },
      { eventName: ["TagRole"], requestParameters: { tags: { key: ["zsp:ticket"] } } },
      { eventName: ["UntagRole"], requestParameters: { tagKeys: ["zsp:ticket"] } },
    ],
  });
}

/**
 * Issuance stream: `AssumeRole*` of roles under `pathPrefix` (by ARN prefix,
 * plus the given role names for callers that leave the path out) and every
 * `GetFederationToken`.
 */
export function issuancePattern(role: RoleLocation & { readonly pathPrefix: string; readonly roleNames?: readonly string[] }): EventPatternJson {
  const arns: PatternMatcher[] = [{ prefix: `arn:${role.partition}:iam::${role.account}:role${role.pathPrefix}` }];
  for (const name of role.roleNames ?? []) {
    arns.push({ wildcard: `arn:${role.partition}:iam::${role.account}:role*/${name}` });
  }
  return {
    source: ["aws.sts"],
    "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      eventSource: ["sts.amazonaws.com"],
      $or: [
        { eventName: [{ prefix: "AssumeRole" }], requestParameters: { roleArn: arns } },
        { eventName: ["GetFederationToken"] },
      ],
    },
  };
}

/** Use stream: any API call made by a session of a role under `pathPrefix` (the session issuer's ARN carries the path). */
export function usePattern(role: RoleLocation & { readonly pathPrefix: string }): EventPatternJson {
  return {
    "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      userIdentity: {
        type: ["AssumedRole"],
        sessionContext: { sessionIssuer: { arn: [{ prefix: `arn:${role.partition}:iam::${role.account}:role${role.pathPrefix}` }] } },
      },
    },
  };
}

/**
 * Revocation stream: kill-switch policies written or removed (any inline
 * policy whose document uses `aws:TokenIssueTime`, or the console's
 * `AWSRevokeOlderSessions`) and role deletions (IAM: `us-east-1` only).
 */
export function revocationPattern(): EventPatternJson {
  return iamEvents({
    $or: [
      { eventName: ["PutRolePolicy"], requestParameters: { policyDocument: [{ wildcard: "*aws:TokenIssueTime*" }] } },
      { eventName: ["PutRolePolicy", "DeleteRolePolicy"], requestParameters: { policyName: ["AWSRevokeOlderSessions", REVOKE_POLICY_NAME] } },
      { eventName: ["DeleteRole"] },
    ],
  });
}

/** CloudTrail events of IAM API calls (delivered in `us-east-1` only) whose `detail` also matches `detail`. */
function iamEvents(detail: EventPatternJson): EventPatternJson {
  return { source: ["aws.iam"], "detail-type": [CLOUDTRAIL_DETAIL_TYPE], detail: { eventSource: ["iam.amazonaws.com"], ...detail } };
}

/** Name of the inline policy that carries a role's kill switch. */
export const REVOKE_POLICY_NAME = "zsp-revoke-older-sessions";
