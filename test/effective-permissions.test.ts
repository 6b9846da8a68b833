import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDocument } from "../modules/guard/engine";
import { EffectivePermissions, allowedActions, decide, effectivePermissions, permissionDocuments, principals } from "../modules/guard/effective";
import type { TfModel } from "../modules/guard/model";

const DIR = join(__dirname, "fixtures", "effective");
const load = (file: string): TfModel => loadDocument(JSON.parse(readFileSync(join(DIR, file), "utf8")) as unknown, "effective");

describe.each(["effective.tf.json", "effective.plan.json"])("effective permissions (%s)", (file) => {
  const model = load(file);
  const of = (kind: string, name: string): EffectivePermissions => {
    const p = principals(model).find((x) => x.kind === kind && x.resource.name === name);
    if (!p) throw new Error(`no ${kind} ${name}`);
    return effectivePermissions(model, p);
  };
  const allowed = (eff: EffectivePermissions, action: string, resource?: string): boolean => decide(eff, action, resource).allowed;

  it("reads inline_policy blocks, role policies, attachments and AWS-managed policies by content", () => {
    const worker = of("role", "worker");
    expect(allowed(worker, "sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:111122223333:jobs")).toBe(true);
    expect(allowed(worker, "sqs:ReceiveMessage", "arn:aws:sqs:eu-west-1:111122223333:other")).toBe(false);
    expect(allowed(worker, "logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:worker:log-stream:a")).toBe(true);
    // AmazonS3ReadOnlyAccess is s3:Get* / s3:List* on "*".
    expect(allowed(worker, "s3:GetObject", "arn:aws:s3:::any-bucket/key")).toBe(true);
    expect(allowed(worker, "S3:listBUCKET", "arn:aws:s3:::any-bucket")).toBe(true);
    expect(worker.documents.map((d) => d.origin).sort()).toEqual(["aws-managed", "customer-managed", "inline", "inline"]);
  });

  it("subtracts explicit Denies and intersects the permissions boundary", () => {
    const worker = of("role", "worker");
    const del = decide(worker, "s3:DeleteObject", "arn:aws:s3:::acme-reports/x");
    expect(del.allowedBy).toHaveLength(1);
    expect(del.deniedBy).toHaveLength(1);
    expect(del.allowed).toBe(false);
    // Granted by the attached policy, but the boundary allows only s3/sqs/logs.
    const run = decide(worker, "ec2:RunInstances", "arn:aws:logs:eu-west-1:111122223333:log-group:worker:x");
    expect(run.allowedBy).toHaveLength(1);
    expect(run.outsideBoundary).toBe(true);
    expect(run.allowed).toBe(false);
    const names = allowedActions(worker).map((a) => a.action.name);
    expect(names).toContain("s3:GetObject");
    expect(names).not.toContain("s3:DeleteObject");
    expect(names).not.toContain("ec2:RunInstances");
    expect(allowedActions(worker).find((a) => a.action.name === "s3:GetObject")?.accessLevel).toBe("Read");
  });

  it("gives a user its group's inline and attached policies through the membership, and aws_iam_policy_attachment users", () => {
    const ci = of("user", "ci");
    expect(ci.groups.map((g) => g.resource.name)).toEqual(["deployers"]);
    expect(allowed(ci, "lambda:UpdateFunctionCode", "arn:aws:lambda:eu-west-1:111122223333:function:payments-api")).toBe(true);
    // data.aws_iam_policy by name → AWS-managed AWSCodeCommitReadOnly (codecommit:Get* on "*").
    expect(allowed(ci, "codecommit:GetRepository", "arn:aws:codecommit:eu-west-1:111122223333:repo")).toBe(true);
    expect(allowed(ci, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234")).toBe(true);
    expect(allowed(ci, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/9999")).toBe(false);
  });

  it("follows *_exclusive attachments and aws_iam_policy_attachment roles", () => {
    const builder = of("role", "builder");
    expect(allowed(builder, "iam:PassRole", "arn:aws:iam::111122223333:role/zsp/jit/worker")).toBe(true);
    expect(allowed(builder, "iam:PassRole", "arn:aws:iam::111122223333:role/admin")).toBe(false);
    expect(allowed(builder, "kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234")).toBe(true);
    expect(builder.unknown).toEqual([]);
  });

  it("lists the boundary-only policy as no grant, and every other document once", () => {
    const docs = permissionDocuments(model).documents.map((d) => d.at.address);
    expect(docs).not.toContain("aws_iam_policy.boundary");
    expect(docs.filter((a) => a === "aws_iam_policy.kms")).toHaveLength(1);
  });
});
