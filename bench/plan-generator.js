// A generator of `terraform show -json` plans for the benchmarks: a PlanBuilder that writes
// resource_changes, planned_values and configuration consistently (after / after_unknown,
// constant_value / references), and the scenarios the benches run: `iamPlan(n)` (roles that share
// customer-managed policies, attach AWS-managed ones and chain AssumeRole / PassRole),
// `mixedPlan(n)` (check.bench.js: roles, inline policies, buckets, Vault roles) and
// `graphPlan(n)` (escalation.bench.js: CI roles that assume and pass workers, with open paths).
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

module.exports = { PlanBuilder, iamPlan, mixedPlan, graphPlan, TAGS, ACCOUNT, GH };
