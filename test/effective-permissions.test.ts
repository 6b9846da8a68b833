import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, loadDocument } from "../modules/guard/engine";
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

describe("ZSP005/ZSP006 judge effective permissions", () => {
  const NOW = new Date("2026-12-02T00:00:00Z");
  const pol = (...statements: object[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const trust = pol({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
  const findings = (resource: Record<string, unknown>, data: Record<string, unknown> = {}): string[] =>
    check(loadDocument({ resource, data }, "x"), { now: NOW }).findings
      .filter((f) => f.rule === "ZSP005" || f.rule === "ZSP006" || f.rule === "ZSP000")
      .map((f) => `${f.rule} ${f.severity} ${f.address}`);

  it("finds an admin policy whatever the partition is written as", () => {
    expect(findings({
      aws_iam_role: { app: { name: "app", assume_role_policy: trust } },
      aws_iam_role_policy_attachment: { admin: { role: "${aws_iam_role.app.name}", policy_arn: "arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess" } },
    }, { aws_partition: { current: {} } })).toEqual(["ZSP006 error aws_iam_role_policy_attachment.admin"]);
  });

  it("accepts an admin policy and a wildcard document only break-glass roles hold", () => {
    expect(findings({
      aws_iam_role: { bg: { name: "bg", path: "/zsp/break-glass/", assume_role_policy: trust } },
      aws_iam_role_policy_attachment: { admin: { role: "${aws_iam_role.bg.name}", policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" } },
      aws_iam_role_policy: { all: { role: "${aws_iam_role.bg.name}", policy: pol({ Effect: "Allow", Action: "*", Resource: "*" }) } },
    })).toEqual([]);
  });

  it("reports a group's wildcard policy that reaches a user through a membership, on the group policy", () => {
    expect(findings({
      aws_iam_user: { ci: { name: "ci" } },
      aws_iam_group: { ops: { name: "ops" } },
      aws_iam_user_group_membership: { ci: { user: "${aws_iam_user.ci.name}", groups: ["${aws_iam_group.ops.name}"] } },
      aws_iam_group_policy: { ops: { group: "${aws_iam_group.ops.name}", policy: pol({ Effect: "Allow", Action: "iam:Attach*", Resource: "arn:aws:iam::111122223333:role/app" }) } },
    })).toEqual(["ZSP005 error aws_iam_group_policy.ops"]);
  });

  it("does not report a wildcard that an explicit Deny or the boundary takes away entirely", () => {
    const boundary = pol({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "*" });
    expect(findings({
      aws_iam_policy: { boundary: { name: "boundary", policy: boundary } },
      aws_iam_role: {
        capped: { name: "capped", assume_role_policy: trust, permissions_boundary: "${aws_iam_policy.boundary.arn}" },
        denied: { name: "denied", assume_role_policy: trust },
      },
      aws_iam_role_policy: {
        capped: { role: "${aws_iam_role.capped.name}", policy: pol({ Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::111122223333:role/x" }) },
        denied: { role: "${aws_iam_role.denied.name}", policy: pol({ Effect: "Allow", Action: "iam:Put*", Resource: "arn:aws:iam::111122223333:role/x" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }) },
      },
    })).toEqual([]);
  });

  it("treats a partial wildcard of reads as narrow, one that covers a Write action as a wildcard", () => {
    expect(findings({
      aws_iam_policy: {
        reads: { name: "reads", policy: pol({ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "arn:aws:s3:::acme-reports/*" }) },
        writes: { name: "writes", policy: pol({ Effect: "Allow", Action: ["s3:Put*"], Resource: "arn:aws:s3:::acme-reports/*" }) },
      },
    })).toEqual(["ZSP005 error aws_iam_policy.writes"]);
  });

  it("judges Resource \"*\" by access level: Write is an error, Read a warning, actions without resource-level permissions are fine", () => {
    expect(findings({
      aws_iam_policy: {
        write: { name: "write", policy: pol({ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "*" }) },
        read: { name: "read", policy: pol({ Effect: "Allow", Action: ["sqs:ReceiveMessage", "sqs:GetQueueUrl"], Resource: "*" }) },
        only: { name: "only", policy: pol({ Effect: "Allow", Action: ["sts:GetCallerIdentity", "sqs:ListQueues"], Resource: "*" }) },
      },
    })).toEqual(["ZSP005 warning aws_iam_policy.read", "ZSP005 error aws_iam_policy.write"]);
  });
});
