/**
 * One shape for what the logs say, whatever their form: a CloudTrail record
 * (delivered file, JSON lines, a CSV of record fields) or a row that the
 * Athena query of `zsp tighten --athena-sql` aggregated. Attribution is
 * decided here, once: a call belongs to the role in
 * `userIdentity.sessionContext.sessionIssuer.arn`; an `AssumeRole*` names the
 * role obtained and who obtained it.
 */

/** A call made with a role session, or a role session being obtained. */
export interface Observation {
  /** `call`: a request a role session made; `obtain`: an `AssumeRole*` into a role. */
  readonly kind: "call" | "obtain";
  /** The role: the session issuer (calls) or the role assumed (obtain), path included. */
  readonly role: string;
  /** e.g. `s3.amazonaws.com`. */
  readonly eventSource: string;
  /** e.g. `PutObject`. */
  readonly eventName: string;
  /** ISO 8601 UTC; aggregated rows give the hour (`2026-11-02T09`). */
  readonly time: string;
  /** `awsRegion`. */
  readonly region: string;
  /** `sourceIPAddress`: an IP, or a service name when an AWS service made the call. */
  readonly sourceIp: string;
  /** `vpcEndpointId`, or empty. */
  readonly vpce: string;
  /** `userAgent`. */
  readonly userAgent: string;
  /** `errorCode`, or empty. */
  readonly errorCode: string;
  /** ARNs the event names: `resources[].ARN`, else the few request parameters that are ARNs or name one. */
  readonly resources: readonly string[];
  /** Whether it is a data event. */
  readonly data: boolean;
  /** Calls: the session's access key id; obtain: the key it issued. Empty in aggregated rows. */
  readonly accessKeyId: string;
  /** Obtain (and aggregated calls): who obtained the session: an OIDC subject, a role ARN, `account <id>`. */
  readonly subject: string;
  /** Obtain (and aggregated calls): the OIDC provider or SAML provider, when federated. */
  readonly provider: string;
  /** `sts:SourceIdentity` of the session, or empty. */
  readonly sourceIdentity: string;
  /** How many events this stands for (1 for a record). */
  readonly count: number;
}

/** What a record or row could not be read as: the caller reports it with file and record number. */
export class BadRecord extends Error {}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `obj[key]`, else `obj[key in lower case]` (Athena and Lake exports use lower-case column names). */
function get(obj: unknown, key: string): unknown {
  if (!isObject(obj)) return undefined;
  const v = obj[key];
  return v !== undefined ? v : obj[key.toLowerCase()];
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

/** A JSON object given as an object or as JSON text (Athena keeps `requestParameters` as a string). */
function objectOf(v: unknown): Json | undefined {
  if (isObject(v)) return v;
  if (typeof v === "string" && v.startsWith("{")) {
    try {
      const parsed = JSON.parse(v) as unknown;
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const OBTAIN_EVENTS = new Set(["AssumeRole", "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);
const ARN = /^arn:[a-z-]+:/;

/**
 * ARNs an event names: `resources[].ARN` when present; else the request
 * parameters that identify one resource (Lambda `functionName`, S3
 * `bucketName`/`key`, STS `roleArn`). The Athena query computes the same list.
 */
export function candidateArns(record: Json, partition: string, region: string, account: string): string[] {
  const listed = get(record, "resources");
  const list = typeof listed === "string" && listed.startsWith("[") ? safeParse(listed) : listed;
  if (Array.isArray(list)) {
    const arns = list.map((r) => str(get(r, "ARN") ?? get(r, "arn"))).filter((a) => a.length > 0);
    if (arns.length > 0) return arns;
  }
  const params = objectOf(get(record, "requestParameters"));
  if (params === undefined) return [];
  const source = str(get(record, "eventSource"));
  if (source === "lambda.amazonaws.com") {
    const fn = str(params.functionName);
    if (fn.length > 0) return [ARN.test(fn) ? fn : `arn:${partition}:lambda:${region}:${account}:function:${fn}`];
  }
  if (source === "s3.amazonaws.com") {
    const bucket = str(params.bucketName);
    const key = str(params.key);
    if (bucket.length > 0) return [key.length > 0 ? `arn:${partition}:s3:::${bucket}/${key}` : `arn:${partition}:s3:::${bucket}`];
  }
  if (source === "sts.amazonaws.com") {
    const role = str(params.roleArn);
    if (role.length > 0) return [role];
  }
  return [];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The observations in one CloudTrail record (none, one, or two: a role
 * session calling `AssumeRole` both makes a call and obtains a session).
 * @throws BadRecord when the record lacks `eventSource`, `eventName` or `eventTime`
 */
export function fromRecord(record: unknown): Observation[] {
  if (!isObject(record)) throw new BadRecord("is not a JSON object");
  const eventSource = str(get(record, "eventSource"));
  const eventName = str(get(record, "eventName"));
  const time = str(get(record, "eventTime"));
  if (eventSource.length === 0 || eventName.length === 0 || time.length === 0) {
    throw new BadRecord("is not a CloudTrail record (no eventSource, eventName or eventTime)");
  }
  const identity = get(record, "userIdentity");
  const session = get(identity, "sessionContext");
  const issuer = get(session, "sessionIssuer");
  const region = str(get(record, "awsRegion"));
  const account = str(get(record, "recipientAccountId")) || str(get(identity, "accountId"));
  const issuerArn = str(get(issuer, "arn"));
  const partition = (issuerArn || str(get(identity, "arn"))).split(":")[1] || "aws";
  const category = str(get(record, "eventCategory"));
  const management = get(record, "managementEvent");
  const base = {
    eventSource, eventName, time, region,
    sourceIp: str(get(record, "sourceIPAddress")),
    vpce: str(get(record, "vpcEndpointId")),
    userAgent: str(get(record, "userAgent")),
    errorCode: str(get(record, "errorCode")),
    resources: candidateArns(record, partition, region, account),
    data: category === "Data" || management === false || management === "false",
    count: 1,
  };
  const out: Observation[] = [];
  if (str(get(identity, "type")) === "AssumedRole" && str(get(issuer, "type")) === "Role" && issuerArn.length > 0) {
    out.push({
      ...base, kind: "call", role: issuerArn,
      accessKeyId: str(get(identity, "accessKeyId")),
      subject: "", provider: "",
      sourceIdentity: str(get(session, "sourceIdentity")),
    });
  }
  if (eventSource === "sts.amazonaws.com" && OBTAIN_EVENTS.has(eventName)) {
    const params = objectOf(get(record, "requestParameters"));
    const response = objectOf(get(record, "responseElements"));
    const target = str(params?.roleArn);
    if (target.length > 0) {
      const provider = str(get(response, "provider"));
      let subject: string;
      if (eventName === "AssumeRoleWithWebIdentity" || eventName === "AssumeRoleWithSAML") {
        subject = str(get(response, "subjectFromWebIdentityToken")) || str(get(response, "subject")) || str(get(identity, "userName"));
      } else if (issuerArn.length > 0) {
        subject = issuerArn;
      } else if (str(get(identity, "type")) === "AWSAccount") {
        subject = `account ${str(get(identity, "accountId"))}`;
      } else {
        subject = str(get(identity, "arn")) || str(get(identity, "invokedBy")) || str(get(identity, "type"));
      }
      out.push({
        ...base, kind: "obtain", role: target,
        accessKeyId: str(get(get(response, "credentials"), "accessKeyId")),
        subject, provider,
        sourceIdentity: str(params?.sourceIdentity) || str(get(response, "sourceIdentity")),
      });
    }
  }
  return out;
}

/** The columns of an aggregated row (the Athena query's output, as CSV or JSON lines). */
export const AGGREGATE_COLUMNS = [
  "kind", "role_arn", "event_source", "event_name", "event_hour", "aws_region", "source_ip", "vpc_endpoint_id",
  "user_agent", "error_code", "resource_arns", "data_event", "subject", "provider", "source_identity", "calls",
] as const;

/** Whether a parsed row is an aggregated row rather than a record. */
export function isAggregateRow(row: unknown): boolean {
  return isObject(row) && "role_arn" in row && "calls" in row;
}

/**
 * The observation of an aggregated row.
 * @throws BadRecord when a column is missing or `calls` is not a positive integer
 */
export function fromAggregateRow(row: unknown): Observation {
  if (!isObject(row)) throw new BadRecord("is not an object");
  const missing = AGGREGATE_COLUMNS.filter((c) => !(c in row));
  if (missing.length > 0) throw new BadRecord(`lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  const count = Number(row.calls);
  if (!Number.isInteger(count) || count < 1) throw new BadRecord(`has calls ${JSON.stringify(row.calls)}, not a positive integer`);
  const kind = str(row.kind);
  if (kind !== "call" && kind !== "obtain") throw new BadRecord(`has kind ${JSON.stringify(row.kind)}: expected call or obtain`);
  const resources = str(row.resource_arns);
  return {
    kind, role: str(row.role_arn), eventSource: str(row.event_source), eventName: str(row.event_name),
    time: str(row.event_hour), region: str(row.aws_region), sourceIp: str(row.source_ip), vpce: str(row.vpc_endpoint_id),
    userAgent: str(row.user_agent), errorCode: str(row.error_code),
    resources: resources.length > 0 ? resources.split(" ") : [],
    data: str(row.data_event) === "true", accessKeyId: "",
    subject: str(row.subject), provider: str(row.provider), sourceIdentity: str(row.source_identity), count,
  };
}

/** A CSV row of record fields by dotted path (`userIdentity.sessionContext.sessionIssuer.arn`) as a nested record. */
export function recordOfFlatRow(row: Readonly<Record<string, string>>): Json {
  const out: Json = {};
  for (const [path, value] of Object.entries(row)) {
    if (value === "") continue;
    const keys = path.split(".");
    let at: Json = out;
    keys.slice(0, -1).forEach((k) => {
      const next = at[k];
      if (isObject(next)) at = next;
      else {
        const created: Json = {};
        at[k] = created;
        at = created;
      }
    });
    at[keys[keys.length - 1] as string] = value;
  }
  return out;
}
