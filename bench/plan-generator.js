// A generator of `terraform show -json` plans for the benchmarks: a PlanBuilder that writes
// resource_changes, planned_values and configuration consistently (after / after_unknown,
// constant_value / references), and the scenarios the benches run: `iamPlan(n)` (roles that share
// customer-managed policies, attach AWS-managed ones and chain AssumeRole / PassRole),
// `mixedPlan(n)` (check.bench.js: roles, inline policies, buckets, Vault roles),
// `graphPlan(n)` (escalation.bench.js: CI roles that assume and pass workers, with open paths) and
// `secretScanPlan(n)` (secret-scan.bench.js: container definitions, user data, environments).
// Extend it by adding resource kinds to a scenario (escalation paths, container definitions,
// user data): `builder.resource(module, type, name, values, { unknown, references })`.
// Plans are written at bench time into a temporary directory, never committed.
"use strict";

const ACCOUNT = "111122223333";
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "bench", "zsp:access": "jit" };
const GH = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const AWS_MANAGED = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchLogsReadOnlyAccess"];

/** Builds one plan: resources in modules, each with planned values, unknowns and configuration expressions. */
class PlanBuilder {
  /** `providerExpressions`: more arguments of the AWS provider configuration (e.g. `allowed_account_ids`), as plan expressions. */
  constructor(modules = 10, providerExpressions = {}) {
    this.providerExpressions = providerExpressions;
    this.modules = Array.from({ length: modules }, (_, m) => ({ address: `module.m${m}`, resources: [], config: [] }));
    this.changes = [];
    this.count = 0;
  }

  /** The module that the i-th resource goes to (round robin). */
  module(i) {
    return this.modules[i % this.modules.length];
  }

  /**
   * Adds a managed resource. `unknown`: attribute names known only after apply (beyond id/arn);
   * `references`: attribute → Terraform references (`aws_iam_role.r1.arn`) the configuration holds
   * for it (those attributes are unknown in `after` too, as in a first apply).
   */
  resource(mod, type, name, values, { unknown = [], references = {} } = {}) {
    const address = `${mod.address}.${type}.${name}`;
    const provider = `registry.terraform.io/hashicorp/${type.split("_")[0]}`;
    const after = { ...values };
    const afterUnknown = { id: true, arn: true };
    for (const k of [...unknown, ...Object.keys(references)]) {
      delete after[k];
      afterUnknown[k] = true;
    }
    mod.resources.push({ address, mode: "managed", type, name, provider_name: provider, schema_version: 0, values: after, sensitive_values: {} });
    this.changes.push({ address, module_address: mod.address, mode: "managed", type, name, provider_name: provider,
      change: { actions: ["create"], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } });
    const expressions = {};
    for (const [k, v] of Object.entries(values)) expressions[k] = { constant_value: v };
    for (const [k, refs] of Object.entries(references)) expressions[k] = { references: refs.flatMap((r) => [r, r.replace(/\.[a-z_]+$/, "")]) };
    mod.config.push({ address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: type.split("_")[0], schema_version: 0, expressions });
    this.count++;
    return address;
  }

  /** The plan JSON object. */
  build() {
    return {
      format_version: "1.2", terraform_version: "1.11.4",
      planned_values: { root_module: { resources: [], child_modules: this.modules.map((m) => ({ address: m.address, resources: m.resources })) } },
      resource_changes: this.changes,
      configuration: {
        provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: { constant_value: "eu-west-1" }, ...this.providerExpressions, default_tags: [{ tags: { constant_value: TAGS } }] } } },
        root_module: { module_calls: Object.fromEntries(this.modules.map((m) => [m.address.slice(7), { source: "./m", module: { resources: m.config } }])) },
      },
      timestamp: "2026-12-02T09:00:00Z", applyable: true, complete: true, errored: false,
    };
  }
}

const policy = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/**
 * `n` resources (a multiple of 10) in groups of ten: a CI role trusted through GitHub OIDC, a worker role
 * only that CI role may assume, the CI role's inline policy (sts:AssumeRole and iam:PassRole on the worker,
 * lambda:CreateFunction), attachments of a customer-managed policy shared by 20 groups and of an
 * AWS-managed policy, the shared policy itself (every 20th group) or a bucket, a Lambda function running
 * as the worker, its log group, and two Vault roles.
 */
function iamPlan(n) {
  const b = new PlanBuilder();
  const groups = Math.ceil(n / 10);
  for (let g = 0; g < groups; g++) {
    const mod = b.module(Math.floor(g / 20)); // a block of 20 groups shares one module and one policy
    const shared = g - (g % 20);
    const ci = `ci${g}`;
    const worker = `worker${g}`;
    b.resource(mod, "aws_iam_role", ci, { name: `ci-${g}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS,
      assume_role_policy: policy([{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/svc-${g}:environment:production` } } }]) });
    b.resource(mod, "aws_iam_role", worker, { name: `worker-${g}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS },
      { references: { assume_role_policy: [`aws_iam_role.${ci}.arn`] } });
    b.resource(mod, "aws_iam_role_policy", `${ci}-inline`, { name: "chain", role: `ci-${g}`,
      policy: policy([
        { Effect: "Allow", Action: ["sts:AssumeRole", "iam:PassRole"], Resource: `arn:aws:iam::${ACCOUNT}:role/zsp/jit/worker-${g}` },
        { Effect: "Allow", Action: "lambda:CreateFunction", Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:svc-${g}` },
      ]) });
    b.resource(mod, "aws_iam_role_policy_attachment", `${worker}-shared`, { role: `worker-${g}` }, { references: { policy_arn: [`aws_iam_policy.shared${shared}.arn`] } });
    b.resource(mod, "aws_iam_role_policy_attachment", `${ci}-managed`, { role: `ci-${g}`, policy_arn: AWS_MANAGED[g % AWS_MANAGED.length] });
    if (g % 20 === 0) {
      b.resource(mod, "aws_iam_policy", `shared${g}`, { name: `shared-${g}`, path: "/", tags: TAGS, tags_all: TAGS,
        policy: policy([{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::acme-data-${g}/*` }]) });
    } else {
      b.resource(mod, "aws_s3_bucket", `bucket${g}`, { bucket: `acme-data-${g}`, force_destroy: false, tags: TAGS, tags_all: TAGS });
    }
    b.resource(mod, "aws_lambda_function", `fn${g}`, { function_name: `svc-${g}`, handler: "index.handler", runtime: "nodejs20.x", tags: TAGS, tags_all: TAGS },
      { references: { role: [`aws_iam_role.${worker}.arn`] } });
    b.resource(mod, "aws_cloudwatch_log_group", `logs${g}`, { name: `/aws/lambda/svc-${g}`, retention_in_days: 30, tags: TAGS, tags_all: TAGS });
    b.resource(mod, "vault_jwt_auth_backend_role", `jwt${g}`, { backend: "jwt-k8s", role_name: `r-${g}`, role_type: "jwt", user_claim: "sub", bound_audiences: ["vault"],
      bound_claims: { sub: `system:serviceaccount:ns:sa-${g}` }, token_policies: [`p-${g}`], token_ttl: 600, token_max_ttl: 900 });
    b.resource(mod, "vault_database_secret_backend_role", `db${g}`, { backend: "db-jit", name: `db-${g}`, db_name: "analytics",
      creation_statements: ["CREATE ROLE \"{{name}}\";"], revocation_statements: ["DROP ROLE \"{{name}}\";"], default_ttl: 900, max_ttl: 3600 });
  }
  return b.build();
}

/**
 * `n` resources in ten modules, round robin, five kinds in turn: a role trusted through GitHub OIDC, its
 * inline policy (s3 on one bucket's prefix), a bucket, a Vault JWT role and a Vault database role; all clean
 * (check.bench.js requires exit 0).
 */
function mixedPlan(n) {
  const b = new PlanBuilder();
  for (let i = 0; i < n; i++) {
    const kind = i % 5;
    let type, values;
    if (kind === 0) {
      type = "aws_iam_role";
      values = { name: `role-${i}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS,
        assume_role_policy: policy([{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/svc-${i}:environment:production` } } }]) };
    } else if (kind === 1) {
      type = "aws_iam_role_policy";
      values = { name: `policy-${i}`, role: `role-${i - 1}`,
        policy: policy([{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::acme-bucket-${i}/data/*` }]) };
    } else if (kind === 2) {
      type = "aws_s3_bucket";
      values = { bucket: `acme-bucket-${i}`, force_destroy: false, tags: TAGS, tags_all: TAGS };
    } else if (kind === 3) {
      type = "vault_jwt_auth_backend_role";
      values = { backend: "jwt-k8s", role_name: `r-${i}`, role_type: "jwt", user_claim: "sub", bound_audiences: ["vault"], bound_claims: { sub: `system:serviceaccount:ns:sa-${i}` }, token_policies: [`p-${i}`], token_ttl: 600, token_max_ttl: 900 };
    } else {
      type = "vault_database_secret_backend_role";
      values = { backend: "db-jit", name: `db-${i}`, db_name: "analytics", creation_statements: ["CREATE ROLE \"{{name}}\";"], revocation_statements: ["DROP ROLE \"{{name}}\";"], default_ttl: 900, max_ttl: 3600 };
    }
    b.resource(b.module(i), type, `r${i}`, values);
  }
  return b.build();
}

/**
 * `n` resources in groups of ten: a CI role (GitHub OIDC) that may assume and pass a worker role (trusted by
 * it and by Lambda), create, invoke and update a function running as the worker; the worker's policy, a
 * bucket, the function and its invoke permission, its log group and two Vault roles. Every tenth group's CI
 * role also passes roles/* (an open path), so findings are produced as well.
 */
function graphPlan(n) {
  const b = new PlanBuilder(10, { allowed_account_ids: { constant_value: [ACCOUNT] } });
  for (let g = 0; g < n / 10; g++) {
    const mod = b.module(g);
    const worker = `arn:aws:iam::${ACCOUNT}:role/worker-${g}`;
    const fn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:svc-${g}`;
    b.resource(mod, "aws_iam_role", `ci${g}`, { name: `ci-${g}`, path: "/", max_session_duration: 3600, tags: TAGS,
      assume_role_policy: policy([{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/svc-${g}:environment:production` } } }]) });
    b.resource(mod, "aws_iam_role", `worker${g}`, { name: `worker-${g}`, path: "/", max_session_duration: 3600, tags: TAGS,
      assume_role_policy: policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci-${g}`, Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]) });
    b.resource(mod, "aws_iam_role_policy", `ci${g}`, { name: "deploy", role: `ci-${g}`, policy: policy([
      { Effect: "Allow", Action: ["sts:AssumeRole"], Resource: worker },
      { Effect: "Allow", Action: ["iam:PassRole"], Resource: g % 10 === 0 ? `arn:aws:iam::${ACCOUNT}:role/*` : worker, Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
      { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"], Resource: fn },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::acme-data-${g}/*` },
    ]) });
    b.resource(mod, "aws_iam_role_policy", `worker${g}`, { name: "run", role: `worker-${g}`, policy: policy([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::acme-data-${g}/*` }]) });
    b.resource(mod, "aws_s3_bucket", `bucket${g}`, { bucket: `acme-data-${g}`, force_destroy: false, tags: TAGS });
    b.resource(mod, "aws_lambda_function", `fn${g}`, { function_name: `svc-${g}`, handler: "index.handler", runtime: "nodejs20.x", tags: TAGS }, { references: { role: [`aws_iam_role.worker${g}.arn`] } });
    b.resource(mod, "aws_lambda_permission", `invoke${g}`, { function_name: `svc-${g}`, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", source_arn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/svc-${g}` });
    b.resource(mod, "aws_cloudwatch_log_group", `logs${g}`, { name: `/aws/lambda/svc-${g}`, retention_in_days: 30, tags: TAGS });
    b.resource(mod, "vault_jwt_auth_backend_role", `jwt${g}`, { backend: "jwt-k8s", role_name: `r-${g}`, role_type: "jwt", user_claim: "sub", bound_audiences: ["vault"],
      bound_claims: { sub: `system:serviceaccount:ns:sa-${g}` }, token_policies: [`p-${g}`], token_ttl: 600, token_max_ttl: 900 });
    b.resource(mod, "vault_database_secret_backend_role", `db${g}`, { backend: "db-jit", name: `db-${g}`, db_name: "analytics",
      creation_statements: ["CREATE ROLE \"{{name}}\";"], revocation_statements: ["DROP ROLE \"{{name}}\";"], default_ttl: 900, max_ttl: 3600 });
  }
  return b.build();
}

/** Three ECS container definitions as JSON text: 15 environment settings each, a secret by ARN, logs, a health check. */
function containerDefinitions(i) {
  return JSON.stringify(Array.from({ length: 3 }, (_, c) => ({
    name: `app-${c}`, image: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/svc-${i}:1.${c}.0`, essential: c === 0, cpu: 256, memory: 512,
    portMappings: [{ containerPort: 8080 + c, protocol: "tcp" }],
    environment: Array.from({ length: 15 }, (_, e) => ({ name: `SETTING_${e}_${["TTL", "URL", "NAME", "MODE", "LEVEL"][e % 5]}`, value: `value-${i}-${c}-${e}` })),
    secrets: [{ name: "DB_PASSWORD", valueFrom: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:svc-${i}/db` }],
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `/ecs/svc-${i}`, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": `app-${c}` } },
    healthCheck: { command: ["CMD-SHELL", `curl -f http://localhost:${8080 + c}/health || exit 1`], interval: 30, timeout: 5, retries: 3 },
  })));
}

/** A boot script of about 2.5 KB: 25 endpoint exports, secrets fetched at boot (never written), 10 services. */
function userData(i) {
  const lines = ["#!/bin/bash", "set -euo pipefail", `echo "bootstrapping svc-${i}"`];
  for (let k = 0; k < 25; k++) lines.push(`export SVC_${k}_ENDPOINT=https://svc-${k}.internal.acme.example:8443/v1 # service ${k}`);
  lines.push("DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)");
  lines.push("TOKEN=\"$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600')\"");
  for (let k = 0; k < 10; k++) lines.push(`systemctl enable --now worker@${k}.service`);
  return lines.join("\n") + "\n";
}

/**
 * `n` resources full of text and free of secrets, in eight kinds: ECS task definitions (container
 * definitions), instances (user data), launch templates (base64 user data), Lambda functions (20
 * environment variables), SSM parameters, roles, inline policies and buckets. Every value is a
 * configuration constant, so the secret scan reads all of it.
 */
function secretScanPlan(n) {
  const b = new PlanBuilder();
  for (let i = 0; i < n; i++) {
    const mod = b.module(i);
    const name = `r${i}`;
    switch (i % 8) {
      case 0: b.resource(mod, "aws_ecs_task_definition", name, { family: `svc-${i}`, container_definitions: containerDefinitions(i), requires_compatibilities: ["FARGATE"], cpu: "1024", memory: "2048", tags: TAGS, tags_all: TAGS }); break;
      case 1: b.resource(mod, "aws_instance", name, { ami: "ami-0abcdef1234567890", instance_type: "t3.micro", user_data: userData(i), tags: TAGS, tags_all: TAGS }); break;
      case 2: b.resource(mod, "aws_launch_template", name, { name: `lt-${i}`, user_data: Buffer.from(userData(i)).toString("base64"), tags: TAGS, tags_all: TAGS }); break;
      case 3: b.resource(mod, "aws_lambda_function", name, { function_name: `fn-${i}`, role: `arn:aws:iam::${ACCOUNT}:role/zsp/jit/fn-${i}`, runtime: "nodejs22.x", handler: "index.handler",
        environment: [{ variables: Object.fromEntries(Array.from({ length: 20 }, (_, e) => [`FN_${e}_SETTING`, `v-${e}`])) }], tags: TAGS, tags_all: TAGS }); break;
      case 4: b.resource(mod, "aws_ssm_parameter", name, { name: `/svc-${i}/endpoint`, type: "String", value: `https://svc-${i}.internal.acme.example`, tags: TAGS, tags_all: TAGS }); break;
      case 5: b.resource(mod, "aws_iam_role", name, { name: `role-${i}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS,
        assume_role_policy: policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/vault-server` }, Action: "sts:AssumeRole" }]) }); break;
      case 6: b.resource(mod, "aws_iam_role_policy", name, { name: `policy-${i}`, role: `role-${i - 1}`,
        policy: policy([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::acme-bucket-${i}/data/*` }]) }); break;
      default: b.resource(mod, "aws_s3_bucket", name, { bucket: `acme-bucket-${i}`, force_destroy: false, tags: TAGS, tags_all: TAGS });
    }
  }
  return b.build();
}

module.exports = { PlanBuilder, iamPlan, mixedPlan, graphPlan, secretScanPlan, TAGS, ACCOUNT, GH };
