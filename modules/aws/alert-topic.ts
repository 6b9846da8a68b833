import { Construct } from "constructs";
import { Lazy } from "../../provider-shim/core";
import { PropContext, ZspError, nested } from "../core/errors";
import { PolicyDocument, PolicyStatement } from "../iam/policy-document";
import { ZspProfile } from "../core/profile-scope";
import { validateRegion } from "../core/aws-names";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { accountContext } from "./aws-context";
import { optionalList, requireObject } from "../core/shape";
import { aws } from "../../provider-shim/aws-bindings";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/** Who is told: at least one email address or HTTPS endpoint. */
export interface AlertSubscribers {
  /** Email addresses (each must confirm the subscription AWS sends it). */
  readonly emails?: readonly string[];
  /** HTTPS endpoints (e.g. a paging or chat webhook; each must confirm the subscription). */
  readonly httpsEndpoints?: readonly string[];
}

/** Props of {@link AlertTopic}. */
export interface AlertTopicProps extends AlertSubscribers {
  /**
   * The AWS provider every aws resource of this construct goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Topic name, e.g. `break-glass-alerts`. */
  readonly topicName: string;
  /** Region of the topic and its key (provider 6 per-resource `region`); must be allowed by the profile, `us-east-1` excepted. */
  readonly region: string;
  /** Owner of the topic and key (`zsp:access = audit`). */
  readonly ownership: Ownership;
  /** The account, for the key and topic policies; default `data.aws_caller_identity`. */
  readonly account?: string;
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const HTTPS_URL = /^https:\/\/[^\s/$.?#][^\s]*$/;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Validates subscribers and refuses an empty list: an alert nobody receives
 * is not an alert.
 */
export function validateSubscribers(subscribers: AlertSubscribers | undefined, ctx: PropContext): { emails: string[]; https: string[] } {
  const emails = [...optionalList(subscribers?.emails, nested(ctx, "emails"), '["secops@acme.example"]')] as string[];
  const https = [...optionalList(subscribers?.httpsEndpoints, nested(ctx, "httpsEndpoints"), '["https://hooks.acme.example/secops"]')] as string[];
  if (emails.length + https.length === 0) {
    throw new ZspError({ ...ctx, problem: "no alert target: nobody would be told when the role is used", fix: 'give at least one of emails (e.g. ["secops@acme.example"]) or httpsEndpoints' });
  }
  for (const email of emails) {
    if (typeof email !== "string" || !EMAIL.test(email)) {
      throw new ZspError({ ...nested(ctx, "emails"), problem: `${JSON.stringify(email)} is not an email address`, fix: "use e.g. secops@acme.example" });
    }
  }
  for (const url of https) {
    if (typeof url !== "string" || !HTTPS_URL.test(url)) {
      throw new ZspError({ ...nested(ctx, "httpsEndpoints"), problem: `${JSON.stringify(url)} is not an https:// URL`, fix: "use an https:// endpoint; plain http would send alerts in clear text" });
    }
  }
  return { emails, https };
}

const ALERT_TOPIC_BRAND = classBrand("AlertTopic");

/**
 * An SNS topic for alerts that EventBridge can actually deliver to:
 * encrypted with a customer managed KMS key whose key policy lets
 * `events.amazonaws.com` use it. (The AWS managed key `alias/aws/sns` cannot
 * be used: its key policy cannot be changed to admit EventBridge, so every
 * delivery would fail silently, which for an alert is the worst outcome.)
 * The topic policy lets only the rules added with {@link AlertTopic.allowRule}
 * publish.
 */
export class AlertTopic extends Construct {
  static {
    stampBrand(this, ALERT_TOPIC_BRAND);
  }

  /**
   * Whether `x` is a `AlertTopic` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/AlertTopic")`
   * (see `modules/core/brand.ts`).
   */
  public static isAlertTopic(x: unknown): x is AlertTopic {
    return hasBrand(x, ALERT_TOPIC_BRAND);
  }

  /** The topic's ARN (reference). */
  public readonly topicArn: string;
  /** The KMS key's ARN (reference). */
  public readonly keyArn: string;
  /** The region of the topic. */
  public readonly region: string;
  /** The topic's name. */
  public readonly topicName: string;
  private readonly ruleArns: string[] = [];

  public constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireObject(props, ctx, "give { topicName, region, ownership, emails and/or httpsEndpoints }");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    if (typeof props.topicName !== "string" || !TOPIC_NAME.test(props.topicName)) {
      throw new ZspError({ ...nested(ctx, "topicName"), problem: `${JSON.stringify(props.topicName)} is not a valid SNS topic name`, fix: "use 1-256 letters, digits, - and _" });
    }
    const { emails, https } = validateSubscribers(props, ctx);
    const profile = ZspProfile.of(this);
    const tags = ownershipTags(props.ownership, "audit", profile, nested(ctx, "ownership"));
    const { account, partition } = accountContext(this, props.account, nested(ctx, "account"));
    const region = props.region === "us-east-1" ? props.region : validateRegion(props.region, profile.allowedRegions, nested(ctx, "region"));
    this.region = region;
    this.topicName = props.topicName;
    const root = `arn:${partition}:iam::${account}:root`;

    const keyPolicy = new PolicyDocument([
      new PolicyStatement({ sid: "AccountAdministersKey", principal: { AWS: root }, actions: ["kms:*"], resources: ["*"] }),
      // No condition here on purpose: the key is only usable through this
      // topic, whose policy admits only this construct's rules, and a
      // condition EventBridge does not send would fail every delivery.
      new PolicyStatement({
        sid: "EventBridgeEncryptsForSns",
        principal: { Service: "events.amazonaws.com" },
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
      }),
    ]);
    const key = new aws.KmsKey(this, "key", { ...providerOf(this, "aws"),
      region,
      description: `Encrypts SNS topic ${props.topicName}; EventBridge may use it to deliver alerts`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: keyPolicy.toJsonString(),
      tags,
    });
    new aws.KmsAlias(this, "alias", { ...providerOf(this, "aws"), region, name: `alias/zsp/${props.topicName}`, targetKeyId: key.keyId });
    const topic = new aws.SnsTopic(this, "topic", { ...providerOf(this, "aws"), region, name: props.topicName, kmsMasterKeyId: key.arn, tags });
    this.topicArn = topic.arn;
    this.keyArn = key.arn;

    new aws.SnsTopicPolicy(this, "policy", { ...providerOf(this, "aws"),
      region,
      arn: topic.arn,
      policy: Lazy.stringValue({
        produce: () =>
          new PolicyDocument([
            new PolicyStatement({
              sid: "AccountManagesTopic",
              principal: { AWS: root },
              actions: ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:DeleteTopic"],
              resources: [topic.arn],
            }),
            new PolicyStatement({
              sid: "EventBridgeRulesPublish",
              principal: { Service: "events.amazonaws.com" },
              actions: ["sns:Publish"],
              resources: [topic.arn],
              conditions: { ArnEquals: { "aws:SourceArn": this.ruleArns.length === 1 ? (this.ruleArns[0] as string) : [...this.ruleArns] } },
            }),
          ]).toJsonString(),
      }),
    });
    emails.forEach((endpoint, i) => new aws.SnsTopicSubscription(this, `email-${i}`, { ...providerOf(this, "aws"), region, topicArn: topic.arn, protocol: "email", endpoint }));
    https.forEach((endpoint, i) => new aws.SnsTopicSubscription(this, `https-${i}`, { ...providerOf(this, "aws"), region, topicArn: topic.arn, protocol: "https", endpoint }));
  }

  /** Lets the EventBridge rule `ruleArn` (same region) publish to the topic. */
  public allowRule(ruleArn: string): void {
    this.ruleArns.push(ruleArn);
  }
}
