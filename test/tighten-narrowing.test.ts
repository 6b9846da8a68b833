/**
 * How proposals narrow, on a hand-written *.tf.json (the other input form)
 * and CloudTrail records built in the delivered record format.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { role, trailDir, tightenJson, zsp } from "./helpers/tighten";

const ACCOUNT = "111122223333";
const WIDE = `arn:aws:iam::${ACCOUNT}:role/zsp/jit/ci-wide`;
const FN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:`;

function session(roleArn: string): Record<string, unknown> {
  const name = roleArn.split("/").pop() as string;
  return {
    type: "AssumedRole", principalId: `AROAEXAMPLE:${name}`, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/job`, accountId: ACCOUNT, accessKeyId: "ASIAEXAMPLEWIDE00001",
    sessionContext: { sessionIssuer: { type: "Role", principalId: "AROAEXAMPLE", arn: roleArn, accountId: ACCOUNT, userName: name }, attributes: { creationDate: "2026-11-02T08:00:00Z", mfaAuthenticated: "false" } },
  };
}

let n = 0;
function event(roleArn: string, source: string, name: string, extra: Record<string, unknown>): Record<string, unknown> {
  n++;
  return {
    eventVersion: "1.10", userIdentity: session(roleArn), eventTime: `2026-11-0${1 + (n % 3)}T08:${String(n % 60).padStart(2, "0")}:00Z`,
    eventSource: source, eventName: name, awsRegion: "eu-west-1", sourceIPAddress: "10.0.0.5", vpcEndpointId: "vpce-0abc12345678def01", userAgent: "ci",
    requestID: `R${n}`, eventID: `E${n}`, eventType: "AwsApiCall", recipientAccountId: ACCOUNT, managementEvent: true, eventCategory: "Management", ...extra,
  };
}

const s3Get = (key: string): Record<string, unknown> => event(WIDE, "s3.amazonaws.com", "GetObject", {
  managementEvent: false, eventCategory: "Data", requestParameters: { bucketName: "acme-lake", key },
  resources: [{ type: "AWS::S3::Object", ARN: `arn:aws:s3:::acme-lake/${key}` }, { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::acme-lake" }],
});
const updateCode = (fn: string): Record<string, unknown> => event(WIDE, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", { requestParameters: { functionName: fn, publish: true } });

function setup(records: Array<Record<string, unknown>>, extraResources: Record<string, unknown> = {}): { config: string; trail: string } {
  const dir = trailDir();
  const policy = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["lambda:UpdateFunctionCode", "lambda:GetFunction"], Resource: "*" },
      { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::acme-lake/*" },
      { Effect: "Allow", Action: "sqs:SendMessage", Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:ci-events` },
      { Effect: "Deny", Action: "lambda:UpdateFunctionCode", Resource: `${FN}payments-db` },
    ],
  };
  const config = {
    provider: { aws: [{ region: "eu-west-1", allowed_account_ids: [ACCOUNT] }] },
    resource: {
      aws_iam_role: { "ci-wide": { name: "ci-wide", path: "/zsp/jit/", assume_role_policy: "{}" }, ...(extraResources.aws_iam_role as object) },
      aws_iam_role_policy: { "ci-wide": { name: "p", role: "${aws_iam_role.ci-wide.name}", policy: JSON.stringify(policy) }, ...(extraResources.aws_iam_role_policy as object) },
    },
  };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(config));
  mkdirSync(join(dir, "trail"));
  writeFileSync(join(dir, "trail", "log.json"), JSON.stringify({ Records: records }));
  return { config: join(dir, "main.tf.json"), trail: join(dir, "trail") };
}

describe("zsp tighten narrowing", () => {
  const keys = Array.from({ length: 8 }, (_, i) => `exports/2026/11/0${i + 1}/part-${i}.parquet`);
  const records = [
    updateCode("payments-api"), updateCode("payments-api"), updateCode(`${FN}payments-worker`),
    ...keys.map(s3Get),
    event(WIDE, "ec2.amazonaws.com", "DescribeInstances", { requestParameters: { instancesSet: {} } }),
    event(WIDE, "frobnicate.amazonaws.com", "Frob", {}),
  ];

  it("narrows Resource * to the few functions used, a key prefix to the deeper common prefix, and drops what was not used", () => {
    const { config, trail } = setup(records);
    const r = role(tightenJson(config, "--cloudtrail", trail), "ci-wide");
    expect(r.proof.proved).toBe(true);
    expect(r.proposed?.grants).toEqual([
      { actions: ["lambda:UpdateFunctionCode"], resources: [`${FN}payments-api`, `${FN}payments-worker`] },
      { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-lake/exports/2026/11/*"] },
      { actions: ["sqs:SendMessage"], resources: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:ci-events`] },
    ]);
    expect(r.unused).toEqual([{ action: "lambda:GetFunction", resource: "*" }]);
    // No SQS data events in the logs: SendMessage cannot be judged, so it is kept.
    expect(r.unknowable).toEqual([{ action: "sqs:SendMessage", resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:ci-events`, reason: "the logs hold no sqs data events, so sqs:SendMessage use cannot be known" }]);
    expect(r.notGranted).toEqual([{ call: "ec2:DescribeInstances *", calls: 1 }]);
    expect(r.notes).toContain("events the action catalogue cannot name: frobnicate.amazonaws.com:Frob");
    expect(r.proposed?.denyUnless).toEqual({ sourceVpce: ["vpce-0abc12345678def01"], regions: ["eu-west-1"] });
  });

  it("keeps the single object seen under a key prefix as the prefix (one ARN is not a pattern)", () => {
    const { config, trail } = setup([s3Get("exports/2026/11/01/only.parquet")]);
    const r = role(tightenJson(config, "--cloudtrail", trail), "ci-wide");
    expect(r.proposed?.grants).toContainEqual({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-lake/*"] });
  });

  it("offers no proposal for a role whose managed policy is outside the input", () => {
    const { config, trail } = setup(records, {
      aws_iam_role: { legacy: { name: "legacy", path: "/", assume_role_policy: "{}", managed_policy_arns: [`arn:aws:iam::${ACCOUNT}:policy/legacy-readonly`] } },
    });
    const r = role(tightenJson(config, "--cloudtrail", trail), "legacy");
    expect(r.proposed).toBeNull();
    expect(r.proof).toEqual({ proved: false, failures: [`current permissions not fully known: aws_iam_role.legacy: policy arn:aws:iam::${ACCOUNT}:policy/legacy-readonly is not defined in this input; its permissions are unknown`] });
  });

  it("proposes no grant for a role that used none, and says so instead of pasting an empty grants list", () => {
    const idle = { name: "idle", path: "/zsp/jit/", assume_role_policy: "{}" };
    const { config, trail } = setup(records, {
      aws_iam_role: { idle },
      aws_iam_role_policy: { idle: { name: "p", role: "${aws_iam_role.idle.name}", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-lake/*" }] }) } },
    });
    const r = role(tightenJson(config, "--cloudtrail", trail), "idle");
    expect(r.proposed).toEqual({ grants: [], denyUnless: {} });
    expect(r.unused).toEqual([{ action: "s3:PutObject", resource: "arn:aws:s3:::acme-lake/*" }]);
    expect(zsp("tighten", config, "--cloudtrail", trail, "--format", "ts").stdout).toMatch(/\/\/ idle \(main: aws_iam_role\.idle\)\n\/\/ proved[^\n]*\n\/\/ no grant was used in the period: remove the role/);
  });
});
