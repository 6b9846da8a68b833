/**
 * The Athena (Trino) SQL that does at organisation scale what `zsp tighten`
 * does on files: it scans a CloudTrail table (the AWS-documented table with
 * partition projection), attributes events the same way (session issuer ARN;
 * `AssumeRole*` joined by access key to the calls of the session it issued)
 * and returns one row per distinct (role, action, resources, context, hour):
 * the aggregated rows `zsp tighten --cloudtrail` reads (CSV or JSON lines).
 */

/** Options of {@link athenaQuery}. */
export interface AthenaOptions {
  /** Table name. @default "cloudtrail_logs" */
  readonly table?: string;
  /** First partition day, `YYYY/MM/DD` (partition projection prunes older days). */
  readonly sinceDay?: string;
}

const TABLE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;
const DAY = /^\d{4}\/\d{2}\/\d{2}$/;

/** `table`, checked to be a plain (optionally database-qualified) identifier. @throws Error otherwise */
function tableName(table: string | undefined): string {
  const t = table ?? "cloudtrail_logs";
  if (!TABLE.test(t)) throw new Error(`--table "${t}" is not a table name (letters, digits, _; optionally database.table)`);
  return t;
}

/** Empty string for NULL, so SQL and the file reader agree on "absent". */
const s = (expr: string): string => `coalesce(${expr}, '')`;
/** NULL for an empty string (JavaScript's `a || b`). */
const n = (expr: string): string => `nullif(${expr}, '')`;

const ISSUER = "useridentity.sessioncontext.sessionissuer.arn";
const PARAM = (key: string): string => `json_extract_scalar(requestparameters, '$.${key}')`;
const RESPONSE = (path: string): string => `json_extract_scalar(responseelements, '$.${path}')`;

/** The aggregation query (Trino SQL). @throws Error on a bad table name or day */
export function athenaQuery(options: AthenaOptions = {}): string {
  const table = tableName(options.table);
  if (options.sinceDay !== undefined && !DAY.test(options.sinceDay)) throw new Error(`since day "${options.sinceDay}" is not YYYY/MM/DD`);
  const where = options.sinceDay !== undefined ? `WHERE "timestamp" >= '${options.sinceDay}'` : "";
  const partition = `coalesce(${n(`split_part(coalesce(${n(ISSUER)}, useridentity.arn, ''), ':', 2)`)}, 'aws')`;
  const account = `coalesce(${n("recipientaccountid")}, useridentity.accountid, '')`;
  const fn = PARAM("functionName");
  const bucket = PARAM("bucketName");
  const key = PARAM("key");
  const resources = `CASE
      WHEN cardinality(resources) > 0 AND array_join(transform(resources, r -> r.arn), ' ') <> '' THEN array_join(transform(resources, r -> r.arn), ' ')
      WHEN eventsource = 'lambda.amazonaws.com' AND ${n(fn)} IS NOT NULL THEN
        CASE WHEN ${fn} LIKE 'arn:%' THEN ${fn} ELSE 'arn:' || ${partition} || ':lambda:' || ${s("awsregion")} || ':' || ${account} || ':function:' || ${fn} END
      WHEN eventsource = 's3.amazonaws.com' AND ${n(bucket)} IS NOT NULL THEN
        CASE WHEN ${n(key)} IS NOT NULL THEN 'arn:' || ${partition} || ':s3:::' || ${bucket} || '/' || ${key} ELSE 'arn:' || ${partition} || ':s3:::' || ${bucket} END
      WHEN eventsource = 'sts.amazonaws.com' AND ${n(PARAM("roleArn"))} IS NOT NULL THEN ${PARAM("roleArn")}
      ELSE '' END`;
  const subject = `CASE
      WHEN eventname IN ('AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML') THEN ${s(`coalesce(${n(RESPONSE("subjectFromWebIdentityToken"))}, ${n(RESPONSE("subject"))}, ${n("useridentity.username")})`)}
      WHEN ${n(ISSUER)} IS NOT NULL THEN ${ISSUER}
      WHEN useridentity.type = 'AWSAccount' THEN 'account ' || ${s("useridentity.accountid")}
      ELSE ${s(`coalesce(${n("useridentity.arn")}, ${n("useridentity.invokedby")}, useridentity.type)`)} END`;
  return `-- zsp tighten --athena-sql: aggregate CloudTrail into the rows zsp tighten --cloudtrail reads.
-- Save the result as CSV (Athena's default output) and pass it to: zsp tighten <synth output> --cloudtrail <result.csv>
WITH events AS (
  SELECT * FROM ${table} ${where}
),
obtained AS (
  SELECT
    ${RESPONSE("credentials.accessKeyId")} AS access_key_id,
    ${PARAM("roleArn")} AS role_arn,
    ${subject} AS subject,
    ${s(RESPONSE("provider"))} AS provider,
    ${s(`coalesce(${n(PARAM("sourceIdentity"))}, ${n(RESPONSE("sourceIdentity"))})`)} AS source_identity,
    ${s("errorcode")} AS error_code,
    substr(eventtime, 1, 13) AS event_hour,
    eventsource AS event_source,
    eventname AS event_name
  FROM events
  WHERE eventsource = 'sts.amazonaws.com'
    AND eventname IN ('AssumeRole', 'AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML')
    AND ${n(PARAM("roleArn"))} IS NOT NULL
),
calls AS (
  SELECT
    ${ISSUER} AS role_arn,
    useridentity.accesskeyid AS access_key_id,
    eventsource AS event_source,
    eventname AS event_name,
    substr(eventtime, 1, 13) AS event_hour,
    ${s("awsregion")} AS aws_region,
    ${s("sourceipaddress")} AS source_ip,
    ${s("vpcendpointid")} AS vpc_endpoint_id,
    ${s("useragent")} AS user_agent,
    ${s("errorcode")} AS error_code,
    ${resources} AS resource_arns,
    CASE WHEN eventcategory = 'Data' THEN 'true' ELSE 'false' END AS data_event
  FROM events
  WHERE useridentity.type = 'AssumedRole'
    AND useridentity.sessioncontext.sessionissuer.type = 'Role'
    AND ${n(ISSUER)} IS NOT NULL
),
rows AS (
  SELECT 'call' AS kind, c.role_arn, c.event_source, c.event_name, c.event_hour, c.aws_region, c.source_ip, c.vpc_endpoint_id,
    c.user_agent, c.error_code, c.resource_arns, c.data_event,
    ${s("o.subject")} AS subject, ${s("o.provider")} AS provider, ${s("o.source_identity")} AS source_identity
  FROM calls c
  LEFT JOIN (SELECT * FROM obtained WHERE error_code = '' AND ${n("access_key_id")} IS NOT NULL) o ON o.access_key_id = c.access_key_id
  UNION ALL
  SELECT 'obtain' AS kind, role_arn, event_source, event_name, event_hour, '' AS aws_region, '' AS source_ip, '' AS vpc_endpoint_id,
    '' AS user_agent, error_code, '' AS resource_arns, 'false' AS data_event, subject, provider, source_identity
  FROM obtained
)
SELECT kind, role_arn, event_source, event_name, event_hour, aws_region, source_ip, vpc_endpoint_id,
  user_agent, error_code, resource_arns, data_event, subject, provider, source_identity, count(*) AS calls
FROM rows
GROUP BY kind, role_arn, event_source, event_name, event_hour, aws_region, source_ip, vpc_endpoint_id,
  user_agent, error_code, resource_arns, data_event, subject, provider, source_identity
ORDER BY role_arn, kind, event_hour, event_source, event_name
`;
}

/**
 * The table the query reads: AWS's documented CloudTrail table for Athena,
 * with partition projection on the delivery day (no MSCK REPAIR, no crawler).
 */
export function athenaTable(options: { readonly table?: string; readonly location?: string } = {}): string {
  const table = tableName(options.table);
  const location = options.location ?? "s3://<bucket>/AWSLogs/<account>/CloudTrail/<region>";
  return `-- The CloudTrail table, partitioned by delivery day with partition projection (one table per account and region;
-- repeat per region or point LOCATION at an organization trail's prefix).
CREATE EXTERNAL TABLE ${table} (
  eventversion STRING,
  useridentity STRUCT<
    type: STRING, principalid: STRING, arn: STRING, accountid: STRING, invokedby: STRING, accesskeyid: STRING, username: STRING,
    sessioncontext: STRUCT<
      attributes: STRUCT<mfaauthenticated: STRING, creationdate: STRING>,
      sessionissuer: STRUCT<type: STRING, principalid: STRING, arn: STRING, accountid: STRING, username: STRING>,
      ec2roledelivery: STRING,
      webidfederationdata: STRUCT<federatedprovider: STRING, attributes: MAP<STRING, STRING>>,
      sourceidentity: STRING>>,
  eventtime STRING, eventsource STRING, eventname STRING, awsregion STRING, sourceipaddress STRING, useragent STRING,
  errorcode STRING, errormessage STRING, requestparameters STRING, responseelements STRING, additionaleventdata STRING,
  requestid STRING, eventid STRING, readonly STRING,
  resources ARRAY<STRUCT<arn: STRING, accountid: STRING, type: STRING>>,
  eventtype STRING, apiversion STRING, recipientaccountid STRING, serviceeventdetails STRING, sharedeventid STRING,
  vpcendpointid STRING, vpcendpointaccountid STRING, eventcategory STRING,
  tlsdetails STRUCT<tlsversion: STRING, ciphersuite: STRING, clientprovidedhostheader: STRING>
)
PARTITIONED BY (\`timestamp\` STRING)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION '${location}'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.timestamp.type' = 'date',
  'projection.timestamp.format' = 'yyyy/MM/dd',
  'projection.timestamp.range' = '2020/01/01,NOW',
  'projection.timestamp.interval' = '1',
  'projection.timestamp.interval.unit' = 'DAYS',
  'storage.location.template' = '${location}/\${timestamp}'
);
`;
}
