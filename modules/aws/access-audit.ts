import { Construct } from "constructs";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { PolicyDocument, PolicyStatement } from "../iam/policy-document";
import { IZspRole } from "./role-contract";
import { AlertSubscribers, AlertTopic } from "./alert-topic";
import { accountContext, coveredRegions } from "./aws-context";
import { recordSourceLocations } from "../core/source-recorder";
import {
  EventPatternJson, GLOBAL_EVENTS_REGION, READ_ONLY_MANAGEMENT_EVENTS_STATE,
  approvalPattern, issuancePattern, revocationPattern, usePattern,
} from "./cloudtrail-patterns";
import { cloudTrailRule } from "./event-rule";
import { optionalList, requireObject } from "../core/shape";
import { aws } from "../../provider-shim/aws-bindings";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";

/** The four audit streams the field asks to keep apart. */
export type AuditStream = "approval" | "issuance" | "use" | "revocation";

/** All streams, in lifecycle order. */
export const AUDIT_STREAMS: readonly AuditStream[] = ["approval", "issuance", "use", "revocation"];

/** Retention values CloudWatch Logs accepts, days. */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Optional SNS notification for some streams. */
export interface AuditAlertProps extends AlertSubscribers {
  /** Streams whose events are also sent to the topic (e.g. `["revocation"]`). */
  readonly streams: readonly AuditStream[];
  /** Topic name in every region that has one of these streams. Default `zsp-audit-alerts`. */
  readonly topicName?: string;
}

/** A multi-region CloudTrail trail, for accounts without an organisation trail. */
export interface AuditTrailProps {
  /** Trail name. */
  readonly name: string;
  /** Existing S3 bucket whose policy lets CloudTrail write (see docs/break-glass.md). */
  readonly s3BucketName: string;
  /** KMS key ARN for log files (recommended). */
  readonly kmsKeyArn?: string;
}

/** Props of {@link AccessAudit}. */
export interface AccessAuditProps {
  /**
   * The AWS provider every aws resource of this construct goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Owner of the audit resources (`zsp:access = audit`). */
  readonly ownership: Ownership;
  /** The account; when given, patterns carry literal ARNs. Default: `data.aws_caller_identity`. */
  readonly account?: string;
  /** Regions whose STS and API events are recorded; default the stack's provider region. `us-east-1` is always added. */
  readonly regions?: readonly string[];
  /** IAM path prefix of the roles audited; default `/zsp/`. */
  readonly pathPrefix?: string;
  /** Roles whose issuance is also matched by name (callers may omit a role's path from its ARN). */
  readonly roles?: readonly IZspRole[];
  /** Log retention, days (a CloudWatch Logs value); default 365. */
  readonly retentionDays?: number;
  /** Per-stream retention overrides. */
  readonly streamRetentionDays?: Partial<Record<AuditStream, number>>;
  /** Log group name prefix; default `/zsp/audit`. */
  readonly logGroupPrefix?: string;
  /** Optional SNS for chosen streams. */
  readonly alert?: AuditAlertProps;
  /** Optional multi-region trail with log file validation. */
  readonly trail?: AuditTrailProps;
}

/** Where one stream's events are written in one region. */
export interface AuditStreamRecord {
  /** The stream. */
  readonly stream: AuditStream;
  /** The region. */
  readonly region: string;
  /** The log group name. */
  readonly logGroupName: string;
  /** The event pattern of the stream's rule. */
  readonly pattern: EventPatternJson;
}

const PATH_PREFIX = /^\/([\w+=,.@-]+\/)+$/;
const LOG_PREFIX = /^\/[\w./#-]{0,400}[^/]$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const TRAIL_NAME = /^[A-Za-z0-9][\w.-]{2,127}$/;

/** IAM streams are delivered only in us-east-1; STS and service calls in the region called. */
const STREAM_SCOPE: Readonly<Record<AuditStream, "global" | "regional">> = { approval: "global", issuance: "regional", use: "regional", revocation: "global" };

/**
 * The audit trail of zero standing privilege, as four separate streams, each
 * an EventBridge rule on CloudTrail management events writing to its own
 * CloudWatch log group with retention:
 *
 * - **approval**: the pull request and the reviewed plan are the approval
 *   record; the owner and ticket travel as `zsp:*` tags on every role (and in
 *   `zsp report`). This stream logs what the approved apply did: roles
 *   created under `/zsp/` (with their tags) and `zsp:ticket` re-tagging.
 * - **issuance**: `AssumeRole*` of roles under `/zsp/` and every
 *   `GetFederationToken`.
 * - **use**: every API call made by a session of a `/zsp/` role.
 * - **revocation**: kill-switch policies (`aws:TokenIssueTime`) written or
 *   removed, and role deletions. Vault lease revocations are in the Vault
 *   audit device (see the Vault module), not in CloudTrail.
 *
 * Optionally also notifies chosen streams by SNS and creates a multi-region
 * trail with log file validation.
 */
export class AccessAudit extends Construct {
  /** Every stream × region written. */
  public readonly streams: readonly AuditStreamRecord[];
  /** The regions covered. */
  public readonly regions: readonly string[];

  public constructor(scope: Construct, id: string, props: AccessAuditProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireObject(props, ctx, "give at least { ownership }");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);
    const tags = ownershipTags(props.ownership, "audit", profile, nested(ctx, "ownership"));
    const regions = coveredRegions(this, props.regions, nested(ctx, "regions"));
    this.regions = regions;
    const account = accountContext(this, props.account, nested(ctx, "account"));
    const pathPrefix = props.pathPrefix ?? "/zsp/";
    if (!PATH_PREFIX.test(pathPrefix)) {
      throw new ZspError({ ...nested(ctx, "pathPrefix"), problem: `"${pathPrefix}" is not an IAM path prefix`, fix: 'use e.g. "/zsp/" (leading and trailing slash)' });
    }
    const logPrefix = props.logGroupPrefix ?? "/zsp/audit";
    if (!LOG_PREFIX.test(logPrefix)) {
      throw new ZspError({ ...nested(ctx, "logGroupPrefix"), problem: `"${logPrefix}" is not a log group name prefix`, fix: 'use e.g. "/zsp/audit" (leading slash, no trailing slash)' });
    }
    const retention = (stream: AuditStream): number => {
      const days = props.streamRetentionDays?.[stream] ?? props.retentionDays ?? 365;
      if (!LOG_RETENTION_DAYS.includes(days)) {
        throw new ZspError({
          ...nested(ctx, props.streamRetentionDays?.[stream] !== undefined ? `streamRetentionDays.${stream}` : "retentionDays"),
          problem: `${JSON.stringify(days)} is not a CloudWatch Logs retention (and "never expire" is not offered)`,
          fix: `use one of ${LOG_RETENTION_DAYS.join(", ")}`,
        });
      }
      return days;
    };
    if (props.alert !== undefined) requireObject(props.alert, nested(ctx, "alert"), 'give { streams: ["revocation"], emails: ["secops@acme.example"] } or leave it out');
    const alertStreams = new Set(optionalList(props.alert?.streams, nested(ctx, "alert.streams"), '["revocation"]') as AuditStream[]);
    if (props.alert !== undefined && alertStreams.size === 0) {
      throw new ZspError({ ...nested(ctx, "alert.streams"), problem: "alert is set but names no stream", fix: `list streams among ${AUDIT_STREAMS.join(", ")}` });
    }
    for (const s of alertStreams) {
      if (!AUDIT_STREAMS.includes(s)) {
        throw new ZspError({ ...nested(ctx, "alert.streams"), problem: `"${String(s)}" is not an audit stream`, fix: `use ${AUDIT_STREAMS.join(", ")}` });
      }
    }
    const roleNames = optionalList(props.roles, nested(ctx, "roles"), "[breakGlass]").map((r, i) => {
      const name = (r as Partial<IZspRole> | null)?.roleName;
      if (typeof name !== "string") {
        throw new ZspError({ ...nested(ctx, `roles[${i}]`), problem: "is not a role of this library (no roleName)", fix: "pass JitRole or BreakGlassRole constructs" });
      }
      return name;
    });
    const loc = { partition: account.partition, account: account.account };
    const patterns: Record<AuditStream, EventPatternJson> = {
      approval: approvalPattern(pathPrefix),
      issuance: issuancePattern({ ...loc, pathPrefix, roleNames }),
      use: usePattern({ ...loc, pathPrefix }),
      revocation: revocationPattern(),
    };

    const records: AuditStreamRecord[] = [];
    for (const region of regions) {
      const streams = AUDIT_STREAMS.filter((s) => STREAM_SCOPE[s] === "regional" || region === GLOBAL_EVENTS_REGION);
      const regionScope = new Construct(this, region);
      const topic = streams.some((s) => alertStreams.has(s)) && props.alert !== undefined
        ? new AlertTopic(regionScope, "alert", { ...props.alert, topicName: props.alert.topicName ?? "zsp-audit-alerts", region, ownership: props.ownership, ...(props.account !== undefined ? { account: props.account } : {}) })
        : undefined;
      const logGroupArns: string[] = [];
      for (const stream of streams) {
        const logGroupName = `${logPrefix}/${stream}`;
        const group = new aws.CloudwatchLogGroup(regionScope, `${stream}-logs`, { ...providerOf(regionScope, "aws"), region, name: logGroupName, retentionInDays: retention(stream), tags });
        logGroupArns.push(group.arn);
        const rule = cloudTrailRule(regionScope, `${stream}-rule`, {
          name: `zsp-audit-${stream}`,
          description: `zsp audit stream "${stream}" (${region})`,
          region,
          pattern: patterns[stream],
          state: STREAM_SCOPE[stream] === "regional" ? READ_ONLY_MANAGEMENT_EVENTS_STATE : "ENABLED",
          tags,
          targetArns: [group.arn, ...(topic !== undefined && alertStreams.has(stream) ? [topic.topicArn] : [])],
        });
        if (topic !== undefined && alertStreams.has(stream)) topic.allowRule(rule.arn);
        records.push({ stream, region, logGroupName, pattern: patterns[stream] });
      }
      // EventBridge writes to CloudWatch Logs through the log group's resource policy.
      new aws.CloudwatchLogResourcePolicy(regionScope, "logs-policy", { ...providerOf(regionScope, "aws"),
        region,
        policyName: `zsp-audit-eventbridge${logPrefix === "/zsp/audit" ? "" : logPrefix.replace(/[^\w-]/g, "-")}`,
        policyDocument: new PolicyDocument([
          new PolicyStatement({
            sid: "EventBridgeWritesAuditStreams",
            principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            // Scoped to the audit log groups; EventBridge cannot target another
            // account's log group, so no source condition is needed (the
            // EventBridge user guide's policy has none).
            resources: logGroupArns.map((arn) => `${arn}:*`),
          }),
        ]).toJsonString(),
      });
    }
    this.streams = records;

    if (props.trail !== undefined) {
      const t = props.trail;
      requireObject(t, nested(ctx, "trail"), 'give { name, s3BucketName } or leave it out');
      if (!TRAIL_NAME.test(t.name)) {
        throw new ZspError({ ...nested(ctx, "trail.name"), problem: `"${t.name}" is not a CloudTrail trail name`, fix: "use 3-128 letters, digits, . _ -" });
      }
      if (!BUCKET.test(t.s3BucketName)) {
        throw new ZspError({ ...nested(ctx, "trail.s3BucketName"), problem: `"${t.s3BucketName}" is not an S3 bucket name`, fix: "give the bucket CloudTrail writes to" });
      }
      new aws.Cloudtrail(this, "trail", { ...providerOf(this, "aws"),
        name: t.name,
        s3BucketName: t.s3BucketName,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        ...(t.kmsKeyArn !== undefined ? { kmsKeyId: t.kmsKeyArn } : {}),
        tags,
      });
    }
  }
}
