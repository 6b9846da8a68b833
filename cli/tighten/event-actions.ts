import { CatalogueAction, lookupAction, serviceActions } from "../../modules/iam/catalogue";
import { actionMatches } from "./patterns";

/**
 * From a CloudTrail event to the IAM action it was authorized as, and what
 * CloudTrail records of an action at all. The tables here are the one home
 * of these facts; an action they do not name is taken to be a management
 * event that every trail records.
 */

/** Event sources whose IAM service prefix is not the host name's first label. */
const SERVICE_OF_SOURCE: Readonly<Record<string, string>> = {
  "monitoring.amazonaws.com": "cloudwatch",
  "email.amazonaws.com": "ses",
  "elasticloadbalancing.amazonaws.com": "elasticloadbalancing",
  "sso.amazonaws.com": "sso",
  "s3-outposts.amazonaws.com": "s3-outposts",
};

/** Event names that are authorized as another action (the API call name is not the IAM action name). */
const ACTION_OF_EVENT: Readonly<Record<string, string>> = {
  "s3:ListObjects": "s3:ListBucket",
  "s3:ListObjectsV2": "s3:ListBucket",
  "s3:HeadBucket": "s3:ListBucket",
  "s3:ListObjectVersions": "s3:ListBucketVersions",
  "s3:HeadObject": "s3:GetObject",
  "s3:SelectObjectContent": "s3:GetObject",
  "s3:CreateMultipartUpload": "s3:PutObject",
  "s3:UploadPart": "s3:PutObject",
  "s3:UploadPartCopy": "s3:PutObject",
  "s3:CompleteMultipartUpload": "s3:PutObject",
  "s3:CopyObject": "s3:PutObject",
  "s3:DeleteObjects": "s3:DeleteObject",
  "lambda:Invoke": "lambda:InvokeFunction",
  "lambda:InvokeAsync": "lambda:InvokeFunction",
};

/** Lambda (and a few others) append the API version to event names: `UpdateFunctionCode20150331v2`. */
const API_VERSION_SUFFIX = /\d{8}(?:v\d+)?$/;

/** The IAM service prefix of an event source such as `s3.amazonaws.com`, or undefined. */
export function serviceOfSource(eventSource: string): string | undefined {
  const mapped = SERVICE_OF_SOURCE[eventSource];
  if (mapped !== undefined) return mapped;
  const m = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(eventSource);
  return m?.[1];
}

/** The catalogue action an event was authorized as, or undefined when the catalogue does not know it. */
export function actionOfEvent(eventSource: string, eventName: string): CatalogueAction | undefined {
  const service = serviceOfSource(eventSource);
  if (service === undefined) return undefined;
  const name = `${service}:${eventName}`;
  const mapped = ACTION_OF_EVENT[name] ?? ACTION_OF_EVENT[`${service}:${eventName.replace(API_VERSION_SUFFIX, "")}`];
  return lookupAction(mapped ?? name) ?? lookupAction(`${service}:${eventName.replace(API_VERSION_SUFFIX, "")}`);
}

/** Calls that need no permission (an explicit Deny cannot stop them either): not usage of any grant. */
export const NEEDS_NO_PERMISSION: ReadonlySet<string> = new Set(["sts:GetCallerIdentity"]);

/** IAM services whose use CloudTrail never records (requests authorized outside the AWS API). */
const NEVER_LOGGED_SERVICES: ReadonlySet<string> = new Set(["rds-db", "execute-api", "ssmmessages", "ec2messages", "neptune-db", "elasticache", "dsql", "aoss"]);

/** Data-event actions by service: CloudTrail records them only where the trail selects data events. */
const DATA_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  s3: ["s3:ListBucket", "s3:ListBucketVersions", "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads"],
  lambda: ["lambda:InvokeFunction"],
  dynamodb: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:PartiQL*", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
  sns: ["sns:Publish"],
  sqs: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"],
  kinesis: ["kinesis:PutRecord", "kinesis:PutRecords", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:SubscribeToShard"],
};

/** How CloudTrail records an action: always, only as a data event, or never. */
export type Logging = "management" | "data" | "never";

/** How CloudTrail records `action` (a canonical `service:Action`). */
export function loggingOf(action: string): Logging {
  const service = action.slice(0, action.indexOf(":")).toLowerCase();
  if (NEVER_LOGGED_SERVICES.has(service)) return "never";
  if ((DATA_ACTIONS[service] ?? []).some((p) => actionMatches(p, action))) return "data";
  // S3 object-level actions are data events.
  if (service === "s3" && lookupAction(action)?.resourceArns.some((arn) => /\/\$\{ObjectName\}$/.test(arn))) return "data";
  return "management";
}

/** The concrete catalogue actions an action pattern (e.g. `s3:Put*`, `*`) covers; a concrete name gives itself. */
export function expandAction(pattern: string): string[] {
  const colon = pattern.indexOf(":");
  if (!pattern.includes("*") && !pattern.includes("?")) return [lookupAction(pattern)?.name ?? pattern];
  if (colon <= 0) return [];
  const service = pattern.slice(0, colon);
  if (/[*?]/.test(service)) return [];
  const actions = serviceActions(service);
  return actions === undefined ? [] : [...actions.values()].map((a) => a.name).filter((name) => actionMatches(pattern, name));
}

const formatRegex = new Map<string, RegExp>();

function arnFormatRegex(format: string): RegExp {
  let re = formatRegex.get(format);
  if (re === undefined) {
    const body = format.split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[^]+?");
    re = new RegExp(`^${body}$`);
    formatRegex.set(format, re);
  }
  return re;
}

/**
 * The resource `action` acted on, from the ARNs an event names: `*` for an
 * action without resource-level permissions, else the first ARN of one of the
 * action's resource types; undefined when none is (the trail cannot say).
 */
export function resourceOfCall(action: CatalogueAction, candidates: readonly string[]): string | undefined {
  if (action.wildcardOnly) return "*";
  for (const arn of candidates) {
    if (action.resourceArns.some((format) => arnFormatRegex(format).test(arn))) return arn;
  }
  return undefined;
}
