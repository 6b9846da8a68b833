import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, loadDocument } from "../modules/guard/engine";
import type { Finding } from "../modules/guard/model";
import { evaluateResourcePolicy } from "./helpers/iam";

const DIR = join(__dirname, "fixtures", "rules");
const NOW = new Date("2026-12-02T00:00:00Z");
const OWN = "111122223333";

interface Json { resource: Record<string, Record<string, Record<string, unknown>>>; provider?: unknown; [key: string]: unknown }
const fixture = (kind: "bad" | "good"): Json => JSON.parse(readFileSync(join(DIR, `ZSP017.${kind}.tf.json`), "utf8")) as Json;
const findings = (doc: unknown, name = "x"): Finding[] => check(loadDocument(doc, name), { now: NOW }).findings.filter((f) => f.rule === "ZSP017" || f.rule === "ZSP000");
const brief = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.rule} ${f.severity} ${f.address}`);

/** A caller outside the organisation and the account, and what it asks of each fixture policy. */
const OUTSIDER: ReadonlyArray<{ type: string; name: string; principal: string; action: string; resource: string; context?: Record<string, string> }> = [
  { type: "aws_s3_bucket_policy", name: "reports", principal: "arn:aws:iam::444455556666:role/outsider", action: "s3:GetObject", resource: "arn:aws:s3:::acme-reports/q3.csv", context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } },
  { type: "aws_kms_key", name: "shared", principal: "arn:aws:iam::999988887777:role/anyone-there", action: "kms:Decrypt", resource: `arn:aws:kms:eu-west-1:${OWN}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  { type: "aws_sns_topic_policy", name: "events", principal: "arn:aws:iam::444455556666:role/outsider", action: "sns:Publish", resource: `arn:aws:sns:eu-west-1:${OWN}:payments-events`, context: { "aws:SecureTransport": "true" } },
  { type: "aws_sqs_queue_policy", name: "jobs", principal: "arn:aws:iam::999988887777:role/anyone-there", action: "sqs:SendMessage", resource: `arn:aws:sqs:eu-west-1:${OWN}:payments-jobs` },
  { type: "aws_ecr_repository_policy", name: "api", principal: "arn:aws:iam::444455556666:role/outsider", action: "ecr:BatchGetImage", resource: `arn:aws:ecr:eu-west-1:${OWN}:repository/payments-api` },
];

describe("ZSP017 resource-policy exposure", () => {
  describe.each(OUTSIDER)("$type.$name", (c) => {
    it("is reported exactly when IAM lets a caller of another account (outside the organisation) in", async () => {
      for (const kind of ["bad", "good"] as const) {
        const doc = fixture(kind);
        const policy = JSON.parse(String(doc.resource[c.type]?.[c.name]?.policy)) as unknown;
        const decision = await evaluateResourcePolicy(policy, { principal: c.principal, action: c.action, resource: c.resource, resourceAccount: OWN, context: c.context ?? {} });
        const reported = findings(doc).some((f) => f.rule === "ZSP017" && f.address === `${c.type}.${c.name}`);
        expect({ kind, decision, reported }).toEqual({ kind, decision: kind === "bad" ? "Allowed" : "ImplicitlyDenied", reported: kind === "bad" });
      }
    });
  });

  it("the AWS default key policy (own account root, kms:*) is clean, with or without the provider naming the account", () => {
    const doc = fixture("good");
    const key = doc.resource.aws_kms_key?.shared as Record<string, unknown>;
    const policy = JSON.parse(String(key.policy)) as { Statement: unknown[] };
    const onlyDefault: Json = { ...doc, resource: { aws_kms_key: { shared: { ...key, policy: JSON.stringify({ ...policy, Statement: policy.Statement.slice(0, 1) }) } } } };
    expect(brief(findings(onlyDefault))).toEqual([]);
    const { provider: _provider, ...withoutProvider } = onlyDefault;
    expect(brief(findings(withoutProvider))).toEqual([]);
  });

  it("another account's root is judged against the provider's account, and is ZSP000 when the input cannot say which account is its own", () => {
    const doc = fixture("bad");
    const key = doc.resource.aws_kms_key?.shared as Record<string, unknown>;
    const keyOnly: Json = { ...doc, resource: { aws_kms_key: { shared: key } } };
    const { provider: _provider, ...rest } = keyOnly;
    // One ARN of each account and no provider: the engine does not guess which one deploys (both roots are unjudged).
    expect(brief(findings(rest))).toEqual(["ZSP000 warning aws_kms_key.shared", "ZSP000 warning aws_kms_key.shared"]);
    expect(findings(rest).map((f) => /statement \d/.exec(f.message)?.[0])).toEqual(["statement 1", "statement 2"]);
    expect(findings(rest)[0]?.message).toMatch(/allowed_account_ids/);
    expect(brief(findings(keyOnly))).toEqual(["ZSP017 error aws_kms_key.shared"]);
  });

  it("a principal built from data.aws_caller_identity is the own account; an unknown expression is ZSP000, never clean", () => {
    const stmt = (principal: string): unknown => ({
      resource: { aws_sqs_queue_policy: { q: { queue_url: "u", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sqs:SendMessage", Resource: "*" }] }) } } },
    });
    expect(brief(findings(stmt("arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root")))).toEqual([]);
    expect(brief(findings(stmt("${aws_iam_role.producer.arn}")))).toEqual([]);
    expect(brief(findings({ ...(stmt("${var.partner}") as object), variable: { partner: { type: "string" } } }))).toEqual(["ZSP000 warning aws_sqs_queue_policy.q"]);
  });

  it("conditions that do not say who (IfExists, negated, wildcard account, SecureTransport) do not narrow", () => {
    const open = (condition: unknown): unknown => ({
      resource: { aws_s3_bucket_policy: { b: { bucket: "acme-reports", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/*", Condition: condition }] }) } } },
    });
    for (const loose of [
      { StringEqualsIfExists: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      { StringNotEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/reader" } },
      { StringLike: { "aws:PrincipalOrgID": "*" } },
      { Bool: { "aws:SecureTransport": "true" } },
    ]) expect(brief(findings(open(loose)))).toEqual(["ZSP017 error aws_s3_bucket_policy.b"]);
    for (const tight of [
      { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
      { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${OWN}:role/reader-*` } },
      { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } },
    ]) expect(brief(findings(open(tight)))).toEqual([]);
  });

  it("NotPrincipal in an Allow and a Lambda permission to another account are exposure", () => {
    const doc = {
      resource: {
        aws_sns_topic_policy: { t: { arn: "a", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotPrincipal: { AWS: `arn:aws:iam::${OWN}:role/x` }, Action: "sns:Publish", Resource: "*" }] }) } },
        aws_lambda_permission: { p: { function_name: "f", action: "lambda:InvokeFunction", principal: "999988887777" }, s: { function_name: "f", action: "lambda:InvokeFunction", principal: "events.amazonaws.com" } },
      },
      provider: { aws: [{ region: "eu-west-1", allowed_account_ids: [OWN] }] },
    };
    expect(brief(findings(doc))).toEqual(["ZSP017 error aws_lambda_permission.p", "ZSP017 error aws_sns_topic_policy.t"]);
  });
});
