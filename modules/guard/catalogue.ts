import type { Severity } from "./model";

/** The stable rule ids of DESIGN.md. */
export const RULE_IDS = [
  "ZSP000", "ZSP001", "ZSP002", "ZSP003", "ZSP004", "ZSP005", "ZSP006", "ZSP007",
  "ZSP008", "ZSP009", "ZSP010", "ZSP011", "ZSP012", "ZSP013", "ZSP014", "ZSP015",
  "ZSP017", "ZSP018", "ZSP019",
] as const;

/** A guard rule id. */
export type RuleId = (typeof RULE_IDS)[number];

/** What a rule finds, why it matters, how to fix it: for text, SARIF and docs. */
export interface RuleInfo {
  /** Stable id. */
  readonly id: RuleId;
  /** Short name (SARIF `name`). */
  readonly name: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One line: what it finds. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The rule catalogue. */
export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  ZSP000: {
    id: "ZSP000", name: "CannotEvaluate", severity: "warning",
    title: "A policy or value the engine cannot evaluate",
    why: "Unknown is never silently clean: an expression the engine cannot follow (an unresolved jsonencode, a variable, a value known only after apply, a module whose contents the input does not show) could hide any of the other findings.",
    fix: "Write the policy as literal JSON or a data.aws_iam_policy_document in the same stack, or check the plan (terraform show -json), where values are resolved.",
  },
  ZSP001: {
    id: "ZSP001", name: "StandingIamUserCredential", severity: "error",
    title: "IAM user, access key, login profile or user policy: a standing credential",
    why: "IAM users and their access keys are long-lived secrets (OWASP NHI-07); a workload never needs one when it can assume a role with a verified identity.",
    fix: "Delete the user and give the workload a JitRole trusted for its OIDC, SPIFFE or Vault identity.",
  },
  ZSP002: {
    id: "ZSP002", name: "OpenRoleTrust", severity: "error",
    title: "Role trust to *, to an account root, or to a federated principal without a narrowing condition",
    why: "Trusting * or an account root lets every principal (in that account, or anywhere) assume the role; a federated principal without conditions trusts every token of that issuer.",
    fix: "Trust a named role ARN or a federated provider with exact conditions on the token's claims.",
  },
  ZSP003: {
    id: "ZSP003", name: "LooseOidcTrust", severity: "error",
    title: "OIDC trust without exact aud and sub (or a sub wildcard wider than one repository)",
    why: "Without an exact audience any token of the issuer minted for another service is accepted; without an exact subject any workflow or workload of the issuer can assume the role.",
    fix: "Add StringEquals on <issuer>:aud and <issuer>:sub (for GitHub: repo:<owner>/<repo>:environment:<env>), no IfExists operators.",
  },
  ZSP004: {
    id: "ZSP004", name: "LongRoleSession", severity: "error",
    title: "Role max_session_duration above the profile maximum (default 3600 s)",
    why: "Long sessions outlive the task they were issued for; a stolen session stays useful.",
    fix: "Set max_session_duration to at most the profile's maxSession (1 h by default); issue shorter sessions at the issuer.",
  },
  ZSP005: {
    id: "ZSP005", name: "WildcardPermission", severity: "error",
    title: "Wildcard action (*, svc:*) or NotAction Allow in a role's policy; warning for Resource \"*\"",
    why: "Wildcards grant actions nobody reviewed, including ones AWS adds later (OWASP NHI-05 overprivileged NHI).",
    fix: "List the exact actions and resource ARNs the task needs.",
  },
  ZSP006: {
    id: "ZSP006", name: "AdminPolicyOutsideBreakGlass", severity: "error",
    title: "Admin managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess) outside /zsp/break-glass/",
    why: "Admin access is standing privilege; the only accepted holder is a monitored, MFA-protected break-glass role.",
    fix: "Grant explicit actions instead, or use a BreakGlassRole (path /zsp/break-glass/).",
  },
  ZSP007: {
    id: "ZSP007", name: "VaultTtlUnbounded", severity: "error",
    title: "Vault lease or token TTL missing, zero (= system default, usually 32 days) or above the profile maximum",
    why: "A missing or zero TTL means Vault's system default, usually 32 days: credentials that outlive their task.",
    fix: "Set the TTLs explicitly, at most the profile's maxLease / maxStsTtl / maxTokenTtl.",
  },
  ZSP008: {
    id: "ZSP008", name: "VaultAwsIamUser", severity: "error",
    title: "Vault secrets role that hands out a standing credential: AWS iam_user, AWS static roles, database static roles",
    why: "iam_user makes Vault create IAM users with access keys; a static role hands out the keys or password of one long-lived IAM user or database account, rotated at most every rotation_period: credentials that outlive every task.",
    fix: "Use credential_type assumed_role (or federation_token) with short STS TTLs; dynamic database roles with revocation statements.",
  },
  ZSP009: {
    id: "ZSP009", name: "VaultDbNoRevocation", severity: "error",
    title: "Vault database role without revocation statements",
    why: "Without revocation statements an expired lease may leave the database user (and its grants) behind.",
    fix: "Give revocation_statements that drop the user and its grants.",
  },
  ZSP010: {
    id: "ZSP010", name: "LiteralSecret", severity: "error",
    title: "Literal secret in configuration (provider keys, DB passwords, tokens)",
    why: "A literal secret is in the repository, the plan and the state forever (OWASP NHI-07).",
    fix: "Pass it as a sensitive variable from a secret store, or better, let Vault issue it dynamically.",
  },
  ZSP011: {
    id: "ZSP011", name: "UnguardedBreakGlass", severity: "error",
    title: "Break-glass role without MFA condition, source identity, or use alert",
    why: "Break-glass is explicit, time-bound and monitored: every use must be by a person with MFA, named by a source identity, and alerted on.",
    fix: "Require aws:MultiFactorAuthPresent and sts:SourceIdentity in the trust, and add an EventBridge rule on AssumeRole of the role with a target.",
  },
  ZSP012: {
    id: "ZSP012", name: "MissingOwnershipTags", severity: "error",
    title: "Taggable resource without ownership tags",
    why: "Every NHI has an owner: without zsp:owner / zsp:contact / zsp:purpose / zsp:access nobody answers for it.",
    fix: "Set the ownership tags, e.g. through the provider's default_tags (awsProvider does).",
  },
  ZSP013: {
    id: "ZSP013", name: "ExpiredWindowOrSuppression", severity: "error",
    title: "Access window already over (severity: the profile's expiredWindow, error by default), or a suppression expired or invalid (always error)",
    why: "A window that is over grants nothing and should be removed; an expired suppression no longer covers its finding.",
    fix: "Remove the expired grant, or renew the suppression with a new reason, owner and date.",
  },
  ZSP014: {
    id: "ZSP014", name: "StaticProviderCredentials", severity: "error",
    title: "Provider with static credentials: AWS keys or profiles, assume_role above 1 h, a Vault provider holding a token, skip_child_token or a static login",
    why: "Terraform's own credentials are an NHI too: static keys are standing credentials; long sessions outlive the apply.",
    fix: "Use awsProvider: base credentials from the CI job's OIDC identity, assume_role with duration ≤ 1h (default 15m); vaultProvider: auth_login_jwt with the job's OIDC token and a child token.",
  },
  ZSP015: {
    id: "ZSP015", name: "VaultPolicyTooBroad", severity: "error",
    title: "Vault policy granting sudo or a * path to a workload",
    why: "sudo opens root-protected endpoints and a * path grants every secret in Vault.",
    fix: "Grant only the capabilities on the exact paths the workload reads, e.g. read on aws-jit/creds/<role>.",
  },
  ZSP017: {
    id: "ZSP017", name: "ResourcePolicyExposure", severity: "error",
    title: "Resource policy (S3, KMS, Secrets Manager, Lambda, SNS, SQS, ECR, ...) open to everyone or to another account without a narrowing condition",
    why: "A resource policy grants without any IAM policy of the caller's: Principal \"*\" opens the resource to every AWS account (and, for some services, to anonymous callers); another account's root opens it to every principal that account lets act. The account root of the resource's own account only delegates to IAM (the default key policy) and is not exposure.",
    fix: "Name the principals (role ARNs), or add a condition on aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount or aws:PrincipalArn; for a Lambda permission set source_arn, source_account or principal_org_id.",
  },
  ZSP018: {
    id: "ZSP018", name: "VaultLoginAnyWorkload", severity: "error",
    title: "Vault login any workload can use: JWT/OIDC role without exact audience and one-workload subject, Kubernetes role bound to *, AWS auth role bound to a wildcard ARN, AppRole secret_id without TTL, use limit and CIDRs, orphan token roles",
    why: "A login is where a workload proves who it is; a role that admits a glob of service accounts, repositories or principal ARNs, or a secret_id that never expires, hands its policies to every workload that matches, and the audit log cannot tell them apart (OWASP NHI-05, NHI-07).",
    fix: "Bind each role to one workload: exact bound_audiences and sub (system:serviceaccount:<ns>:<sa>), exact service account names and namespaces, exact role ARNs; AppRole secret_ids with secret_id_ttl, secret_id_num_uses and bound CIDRs (see docs/vault.md).",
  },
  ZSP019: {
    id: "ZSP019", name: "UnusedGrant", severity: "warning",
    title: "Grant unused for the whole observed period (opt-in: zsp check --usage <zsp tighten JSON>)",
    why: "A grant a JIT role never uses is standing privilege for the unused part (OWASP NHI-05): whoever obtains a session gets it without any task needing it.",
    fix: "Remove the grant, or paste the proved proposal of zsp tighten --format ts; keep grants CloudTrail cannot show (they are never reported).",
  },
};
