import { ROLE_PATHS } from "../iam/role-paths";
import { Construct } from "constructs";
import { Token } from "../../provider-shim/core";
import { Duration, formatDuration, parseDuration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { validateRoleName } from "../core/aws-names";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { validateResourceArn } from "./resource-arn";
import { Conditions, PolicyDocument, PolicyStatement, revokeSessionsStatement, windowConditions } from "../iam/policy-document";
import { IZspRole } from "./role-contract";
import { AlertSubscribers, AlertTopic, validateSubscribers } from "./alert-topic";
import { accountContext, coveredRegions } from "./aws-context";
import { optionalList, requireList, requireObject } from "../core/shape";
import { GLOBAL_EVENTS_REGION, READ_ONLY_MANAGEMENT_EVENTS_STATE, REVOKE_POLICY_NAME, assumeRolePattern, roleChangePattern } from "./cloudtrail-patterns";
import { cloudTrailRule } from "./event-rule";
import { Instant, parseInstant, resolveNow } from "../core/clock";
import { AccessWindow, ResolvedWindow, resolveWindow } from "./window";
import { aws } from "../../provider-shim/aws-bindings";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/** The IAM path of every break-glass role. */
export const BREAK_GLASS_PATH = ROLE_PATHS.breakGlass;
/** Default bound on the age of the MFA authentication, seconds. */
export const DEFAULT_MFA_MAX_AGE = 900;
/** The longest arming window accepted: an incident, not a standing grant. */
export const MAX_ARMING_WINDOW = 7 * 86400;

/**
 * The use alert of a break-glass role. Required: a break-glass role nobody
 * hears about is standing admin. Give subscribers (the role creates an
 * encrypted topic per watched region), or `topics`: existing
 * {@link AlertTopic}s, one per watched region, e.g. shared by several roles.
 */
export interface BreakGlassAlertProps extends AlertSubscribers {
  /** Existing alert topics, exactly one per watched region; instead of emails/httpsEndpoints. */
  readonly topics?: readonly AlertTopic[];
  /** SNS topic name, in every covered region. Default `<roleName>-alerts`. */
  readonly topicName?: string;
  /**
   * Regions whose STS endpoints may be used to assume the role, and where the
   * alert rules run. Default: the stack's provider region. `us-east-1` is
   * always added (IAM change events and STS global-endpoint events are
   * delivered only there). The trust policy admits AssumeRole only through
   * these regions (`aws:RequestedRegion`), so no assume can happen where no
   * rule is watching.
   */
  readonly regions?: readonly string[];
}

/** Props of {@link BreakGlassRole}. */
export interface BreakGlassRoleProps {
  /**
   * The AWS provider every aws resource of this construct goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Role name, e.g. `break-glass-admin`. */
  readonly roleName: string;
  /** Role or user ARNs that may assume it (never an account root, `*`, or a wildcard). */
  readonly trustedPrincipals: readonly string[];
  /** Owner; tagged with `zsp:access = break-glass`. */
  readonly ownership: Ownership;
  /** Managed policies, e.g. `arn:aws:iam::aws:policy/AdministratorAccess` (allowed here and only here). */
  readonly managedPolicyArns?: readonly string[];
  /** Inline permissions. */
  readonly statements?: readonly PolicyStatement[];
  /** Maximum session; only `1h` is accepted (IAM's minimum `max_session_duration` and the break-glass maximum). */
  readonly maxSession?: Duration;
  /** Bound on `aws:MultiFactorAuthAge`; default `15m`, at most `1h`. */
  readonly mfaMaxAge?: Duration;
  /** Set to false only together with `mfaOverrideReason`. Default true. */
  readonly requireMfa?: boolean;
  /** Why MFA cannot be checked by IAM here (e.g. the principals are SAML sessions whose IdP enforces MFA); at least 20 characters. */
  readonly mfaOverrideReason?: string;
  /** IAM `StringLike` pattern the source identity must match, e.g. `*@acme.example`. Default `*` (any, but present). */
  readonly sourceIdentityPattern?: string;
  /**
   * Arming. Leave out for a role that is always assumable (still only with
   * MFA, a source identity and an alert). Give a window (at most 7 days) to
   * arm it for an incident: `aws:CurrentTime` conditions, so it disarms
   * itself. Give `false` for the disarmed steady state: an explicit Deny for
   * the named principals overrides the (unchanged) Allow.
   */
  readonly armed?: AccessWindow | false;
  /** Kill switch: deny everything to sessions issued before this instant (ISO 8601 UTC). The incident-closing step; the same statement as `JitRole`'s. */
  readonly revokeSessionsIssuedBefore?: Instant;
  /** The use alert. Required. */
  readonly alert: BreakGlassAlertProps;
  /** The role's account; when given, ARNs and alert patterns are literals. Default: read from `data.aws_caller_identity`. */
  readonly account?: string;
  /** Role description. */
  readonly description?: string;
}

const PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/([\w+=,.@/-]{1,512})$/;
const POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;
const SOURCE_IDENTITY_PATTERN = /^[\w+=,.@*?-]{1,64}$/;
const HARD_MAX_SESSION = 3600;
const ADMIN_POLICY = /:policy\/AdministratorAccess$/;

/**
 * Emergency access that is explicit, time-bound and loudly monitored.
 *
 * - Trust: only the named role/user ARNs, only with MFA
 *   (`aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge` ≤ 15 m by
 *   default) and a source identity (`sts:SetSourceIdentity` allowed, and
 *   `sts:SourceIdentity` required), only through STS endpoints in the
 *   watched regions, optionally only inside an arming window.
 * - 1 h sessions, path `/zsp/break-glass/`, ownership tags with
 *   `zsp:access = break-glass`; policies as given (AdministratorAccess is
 *   accepted here and nowhere else). Out-of-band policy attachments are
 *   removed on the next apply (exclusive attachments).
 * - Alerting always: an EventBridge rule per watched region on every
 *   `AssumeRole*` naming the role → encrypted SNS topic → email/HTTPS, and in
 *   `us-east-1` a rule on every change to the role. No alert target, no role.
 */
export class BreakGlassRole extends Construct implements IZspRole {
  /** @inheritdoc */
  public readonly roleArn: string;
  /** @inheritdoc */
  public readonly roleName: string;
  /** @inheritdoc */
  public readonly rolePath: string = BREAK_GLASS_PATH;
  /** @inheritdoc */
  public readonly literalArn?: string;
  /** @inheritdoc */
  public readonly trustedAwsRoleArns: readonly string[];
  /** @inheritdoc */
  public readonly maxSessionSeconds: number = HARD_MAX_SESSION;
  /**
   * The Allow statements of the inline permissions, plus `Allow * on *` when
   * `AdministratorAccess` is attached. Other managed policies' contents are
   * not known at synth and are not listed (the access map names them by ARN).
   */
  public readonly grantStatements: readonly PolicyStatement[];
  /** The trust policy, as synthesized. */
  public readonly trustPolicy: PolicyDocument;
  /** The regions watched by alert rules (and admitted by the trust policy). */
  public readonly alertRegions: readonly string[];
  /** Alert topics, one per watched region. */
  public readonly alertTopics: readonly AlertTopic[];
  /** The arming window, when one is given. */
  public readonly armedWindow?: ResolvedWindow;
  /** True when the role is disarmed (`armed: false`) or its arming window is over. */
  public readonly disarmed: boolean;

  public constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireObject(props, ctx, "give BreakGlassRole its props: roleName, trustedPrincipals, ownership and alert");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);
    const roleName = validateRoleName(props.roleName, nested(ctx, "roleName"));
    this.roleName = roleName;
    const roleTags = ownershipTags(props.ownership, "break-glass", profile, nested(ctx, "ownership"));
    const alertTags = ownershipTags(props.ownership, "audit", profile, nested(ctx, "ownership"));

    // Alerting first: without a target nothing else is worth building.
    if (props.alert === undefined || props.alert === null) {
      throw new ZspError({ ...nested(ctx, "alert"), problem: "no alert target: a break-glass role must alert on every use", fix: 'give alert: { emails: ["secops@…"] } and/or httpsEndpoints' });
    }
    requireObject(props.alert, nested(ctx, "alert"), 'give alert: { emails: ["secops@…"] } and/or httpsEndpoints');
    const sharedTopics = props.alert.topics === undefined ? undefined : optionalList(props.alert.topics, nested(ctx, "alert.topics"), "[topicEuWest1, topicUsEast1]") as readonly AlertTopic[];
    if (sharedTopics === undefined) {
      validateSubscribers(props.alert, nested(ctx, "alert"));
    } else if (optionalList(props.alert.emails, nested(ctx, "alert.emails"), "[]").length + optionalList(props.alert.httpsEndpoints, nested(ctx, "alert.httpsEndpoints"), "[]").length > 0 || props.alert.topicName !== undefined) {
      throw new ZspError({ ...nested(ctx, "alert.topics"), problem: "topics are given together with subscribers or a topic name", fix: "give either topics (subscribed where they were created) or emails/httpsEndpoints" });
    }

    const principals = validatePrincipals(props.trustedPrincipals, nested(ctx, "trustedPrincipals"));
    this.trustedAwsRoleArns = principals.filter((arn) => arn.includes(":role/"));
    sessionSeconds(props.maxSession, Math.min(HARD_MAX_SESSION, profile.maxSession), nested(ctx, "maxSession"));
    const regions = coveredRegions(this, props.alert.regions, nested(ctx, "alert.regions"));
    this.alertRegions = regions;
    const account = accountContext(this, props.account, nested(ctx, "account"));
    if (account.literal) {
      this.literalArn = `arn:${account.partition}:iam::${account.account}:role${BREAK_GLASS_PATH}${roleName}`;
    }

    // Trust.
    const conditions: Conditions[] = [];
    if (props.requireMfa === false) {
      const reason = props.mfaOverrideReason;
      if (typeof reason !== "string" || reason.trim().length < 20) {
        throw new ZspError({
          ...nested(ctx, "requireMfa"),
          problem: "MFA is turned off without a documented override",
          fix: "keep requireMfa (default true), or give mfaOverrideReason (≥ 20 characters) saying where MFA is enforced instead, and suppress guard rule ZSP011 with the same reason",
        });
      }
    } else {
      if (props.mfaOverrideReason !== undefined) {
        throw new ZspError({ ...nested(ctx, "mfaOverrideReason"), problem: "an MFA override reason was given but MFA is still required", fix: "remove mfaOverrideReason, or set requireMfa: false deliberately" });
      }
      const maxAge = parseDuration(props.mfaMaxAge ?? DEFAULT_MFA_MAX_AGE, nested(ctx, "mfaMaxAge"));
      if (maxAge > 3600) {
        throw new ZspError({ ...nested(ctx, "mfaMaxAge"), problem: `${formatDuration(maxAge)} is longer than 1h`, fix: "use at most 1h (default 15m): a break-glass assume should follow a fresh MFA" });
      }
      conditions.push({ Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThanEquals: { "aws:MultiFactorAuthAge": String(maxAge) } });
    }
    const sourcePattern = props.sourceIdentityPattern ?? "*";
    if (typeof sourcePattern !== "string" || !SOURCE_IDENTITY_PATTERN.test(sourcePattern)) {
      throw new ZspError({ ...nested(ctx, "sourceIdentityPattern"), problem: `${JSON.stringify(sourcePattern)} is not a source identity pattern`, fix: "use characters STS accepts in a source identity plus * and ?, e.g. *@acme.example" });
    }
    conditions.push({ StringLike: { "sts:SourceIdentity": sourcePattern } });
    conditions.push({ StringEquals: { "aws:RequestedRegion": regions.length === 1 ? (regions[0] as string) : regions } });
    if (props.armed !== undefined && props.armed !== false) {
      const window = resolveWindow(props.armed, resolveNow(this, undefined, nested(ctx, "armed")), nested(ctx, "armed"));
      const length = (Date.parse(window.notAfter) - Date.parse(window.notBefore)) / 1000;
      if (length > MAX_ARMING_WINDOW) {
        throw new ZspError({
          ...nested(ctx, "armed.notAfter"),
          problem: `the window is ${formatDuration(length)}, over the ${formatDuration(MAX_ARMING_WINDOW)} an incident may arm the role`,
          fix: "arm for the incident at hand; re-arm with a new pull request if it runs on",
        });
      }
      this.armedWindow = window;
      conditions.push(windowConditions(window.notBefore, window.notAfter));
    }
    this.disarmed = props.armed === false || this.armedWindow?.expired === true;
    const principal = { AWS: principals.length === 1 ? (principals[0] as string) : principals };
    const actions = ["sts:AssumeRole", "sts:SetSourceIdentity"];
    const trust = conditions.reduce((s, c) => s.withConditions(c), new PolicyStatement({ sid: "ZspBreakGlassTrust", principal, actions }));
    this.trustPolicy = new PolicyDocument([
      trust,
      ...(props.armed === false ? [new PolicyStatement({ sid: "ZspBreakGlassDisarmed", effect: "Deny", principal, actions })] : []),
    ]);

    // Permissions.
    const policyArns = [...optionalList(props.managedPolicyArns, nested(ctx, "managedPolicyArns"), '["arn:aws:iam::aws:policy/AdministratorAccess"]')] as string[];
    policyArns.forEach((arn, i) => {
      if (typeof arn !== "string" || !POLICY_ARN.test(arn)) {
        throw new ZspError({ ...nested(ctx, `managedPolicyArns[${i}]`), problem: `${JSON.stringify(arn)} is not an IAM policy ARN`, fix: "use e.g. arn:aws:iam::aws:policy/AdministratorAccess" });
      }
    });
    const statements = [...optionalList(props.statements, nested(ctx, "statements"), "[new PolicyStatement({ actions, resources })]")] as PolicyStatement[];
    if (policyArns.length === 0 && statements.length === 0) {
      throw new ZspError({ ...ctx, prop: "props.managedPolicyArns", problem: "the role has no permissions", fix: "give managedPolicyArns or statements" });
    }
    statements.forEach((s, i) => {
      if (!PolicyStatement.isPolicyStatement(s)) {
        throw new ZspError({ ...nested(ctx, `statements[${i}]`), problem: "not a PolicyStatement", fix: "build statements with new PolicyStatement({...})" });
      }
      if (s.props.principal !== undefined) {
        throw new ZspError({ ...nested(ctx, `statements[${i}]`), problem: "a permissions statement cannot name a principal", fix: "remove principal; trust is given by trustedPrincipals" });
      }
      // Resource ARNs against the formats of the resource types of the actions' services and of the ARN's own service.
      const services = (s.props.actions ?? []).flatMap((a) => (typeof a === "string" && /^[a-z0-9-]+:/.test(a) ? [a.slice(0, a.indexOf(":"))] : []));
      (s.props.resources ?? []).forEach((r, j) => {
        if (typeof r === "string") validateResourceArn(r, [...services, r.split(":")[2] ?? ""], nested(ctx, `statements[${i}].resources[${j}]`));
      });
    });
    this.grantStatements = [
      ...(policyArns.some((arn) => ADMIN_POLICY.test(arn)) ? [new PolicyStatement({ sid: "AdministratorAccess", actions: ["*"], resources: ["*"] })] : []),
      ...statements.filter((s) => s.effect === "Allow"),
    ];

    const role = new aws.IamRole(this, "role", { ...providerOf(this, "aws"),
      name: roleName,
      path: BREAK_GLASS_PATH,
      description: props.description ?? `Break-glass: MFA + source identity, ${formatDuration(HARD_MAX_SESSION)} sessions, alerts on every assume`,
      assumeRolePolicy: this.trustPolicy.toJsonString(),
      maxSessionDuration: HARD_MAX_SESSION,
      tags: roleTags,
    });
    this.roleArn = role.arn;
    policyArns.forEach((policyArn, i) => new aws.IamRolePolicyAttachment(this, `managed-${i}`, { ...providerOf(this, "aws"), role: role.name, policyArn }));
    const inlineNames: string[] = [];
    if (statements.length > 0) {
      const grants = new aws.IamRolePolicy(this, "grants", { ...providerOf(this, "aws"), role: role.name, name: "zsp-grants", policy: new PolicyDocument(statements).toJsonString() });
      inlineNames.push(grants.name);
    }
    if (props.revokeSessionsIssuedBefore !== undefined) {
      const before = parseInstant(props.revokeSessionsIssuedBefore, nested(ctx, "revokeSessionsIssuedBefore")).iso;
      const revoke = new aws.IamRolePolicy(this, "revoke", { ...providerOf(this, "aws"), role: role.name, name: REVOKE_POLICY_NAME, policy: new PolicyDocument([revokeSessionsStatement(before)]).toJsonString() });
      inlineNames.push(revoke.name);
    }
    new aws.IamRolePolicyAttachmentsExclusive(this, "exclusive-managed", { ...providerOf(this, "aws"), roleName: role.name, policyArns: policyArns });
    new aws.IamRolePoliciesExclusive(this, "exclusive-inline", { ...providerOf(this, "aws"), roleName: role.name, policyNames: inlineNames });

    // Use alert, per watched region; role-change alert where IAM events land.
    const topicName = props.alert.topicName ?? `${roleName}-alerts`;
    this.alertTopics = regions.map((region) => {
      const topic = sharedTopics === undefined
        ? new AlertTopic(this, `alert-${region}`, { ...props.alert, topicName, region, ownership: props.ownership, ...(props.account !== undefined ? { account: props.account } : {}) })
        : sharedTopic(sharedTopics, region, nested(ctx, "alert.topics"));
      const rules = new Construct(this, `rules-${region}`);
      const assume = cloudTrailRule(rules, "assume-rule", {
        name: `${roleName}-assumed`,
        description: `Break-glass role ${roleName} was assumed (or an assume was attempted) through STS in ${region}`,
        region,
        pattern: assumeRolePattern({ partition: account.partition, account: account.account, roleName }),
        state: READ_ONLY_MANAGEMENT_EVENTS_STATE,
        tags: alertTags,
        targetArns: [topic.topicArn],
      });
      topic.allowRule(assume.arn);
      if (region === GLOBAL_EVENTS_REGION) {
        const change = cloudTrailRule(rules, "change-rule", {
          name: `${roleName}-changed`,
          description: `Trust, policies, boundary or tags of break-glass role ${roleName} changed`,
          region,
          pattern: roleChangePattern(roleName),
          state: "ENABLED",
          tags: alertTags,
          targetArns: [topic.topicArn],
        });
        topic.allowRule(change.arn);
      }
      return topic;
    });
  }
}

function sharedTopic(topics: readonly AlertTopic[], region: string, ctx: PropContext): AlertTopic {
  const found = topics.filter((t) => AlertTopic.isAlertTopic(t) && t.region === region);
  if (found.length !== 1) {
    throw new ZspError({
      ...ctx,
      problem: `${found.length === 0 ? "no" : "more than one"} alert topic for watched region ${region}`,
      fix: "give exactly one AlertTopic per watched region (us-east-1 included)",
    });
  }
  return found[0] as AlertTopic;
}

function validatePrincipals(value: unknown, ctx: PropContext): string[] {
  return requireList(value, ctx, { empty: "at least one named principal is required", example: '["arn:aws:iam::444455556666:role/incident-commander"]' }).map((arn: unknown, i) => {
    const at: PropContext = { ...ctx, prop: `${ctx.prop}[${i}]` };
    if (arn === "*" || (typeof arn === "string" && /^\d{12}$/.test(arn)) || (typeof arn === "string" && /:root$/.test(arn))) {
      throw new ZspError({ ...at, problem: `${JSON.stringify(arn)} trusts a whole account (or everyone), not a named principal`, fix: "name the role or user ARN, e.g. arn:aws:iam::444455556666:role/incident-commander" });
    }
    if (typeof arn === "string" && Token.isUnresolved(arn)) {
      throw new ZspError({ ...at, problem: "is a Terraform reference, so who may break the glass is not visible in the code or the plan review", fix: "name the principal as a literal role or user ARN, e.g. arn:aws:iam::444455556666:role/incident-commander" });
    }
    if (typeof arn !== "string" || !PRINCIPAL_ARN.test(arn) || arn.includes("*")) {
      throw new ZspError({ ...at, problem: `${JSON.stringify(arn)} is not an IAM role or user ARN`, fix: "use arn:aws:iam::<account>:role/<name> or …:user/<name>, without wildcards" });
    }
    return arn;
  });
}

function sessionSeconds(value: Duration | undefined, max: number, ctx: PropContext): number {
  const seconds = parseDuration(value ?? HARD_MAX_SESSION, ctx);
  if (seconds > max) {
    throw new ZspError({ ...ctx, problem: `${formatDuration(seconds)} is over the break-glass maximum session of ${formatDuration(max)}`, fix: "use 1h; an incident that needs longer assumes the role again (and alerts again)" });
  }
  if (seconds < HARD_MAX_SESSION) {
    throw new ZspError({ ...ctx, problem: `${formatDuration(seconds)} is below IAM's minimum max_session_duration of 1h`, fix: "use 1h and ask for shorter sessions with --duration-seconds when assuming" });
  }
  return seconds;
}

