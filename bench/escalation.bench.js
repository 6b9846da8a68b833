// Escalation analysis (ZSP016: paths, targets, chains) on a graph plan: what it adds to zsp check
// at 50,000 resources (goal: at most +30%), and whether it stays linear to 100,000.
// The plan: groups of ten resources, a CI role (GitHub OIDC) that may assume and pass a worker role
// (trusted by it and by Lambda), create, invoke and update a function running as the worker, the
// worker's policy, a bucket, the function and its invoke permission, its log group and two Vault roles; every tenth group's CI
// role also passes roles/* (an open path), so findings are produced as well.
"use strict";
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const ACCOUNT = "111122223333";
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "bench", "zsp:access": "jit" };
const GH = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const doc = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

function graphPlan(n) {
  const modules = Array.from({ length: 10 }, (_, m) => ({ address: `module.m${m}`, resources: [], config: [] }));
  const changes = [];
  const add = (mod, type, name, values, references = {}) => {
    const address = `${mod.address}.${type}.${name}`;
    const provider = `registry.terraform.io/hashicorp/${type.split("_")[0]}`;
    const after = { ...values };
    const unknown = { id: true, arn: true };
    for (const k of Object.keys(references)) { delete after[k]; unknown[k] = true; }
    mod.resources.push({ address, mode: "managed", type, name, provider_name: provider, schema_version: 0, values: after, sensitive_values: {} });
    changes.push({ address, module_address: mod.address, mode: "managed", type, name, provider_name: provider,
      change: { actions: ["create"], before: null, after, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } });
    const expressions = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }]));
    for (const [k, refs] of Object.entries(references)) expressions[k] = { references: refs.flatMap((r) => [r, r.replace(/\.[a-z_]+$/, "")]) };
    mod.config.push({ address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: type.split("_")[0], schema_version: 0, expressions });
  };
  for (let g = 0; g < n / 10; g++) {
    const mod = modules[g % 10];
    const worker = `arn:aws:iam::${ACCOUNT}:role/worker-${g}`;
    const fn = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:svc-${g}`;
    add(mod, "aws_iam_role", `ci${g}`, { name: `ci-${g}`, path: "/", max_session_duration: 3600, tags: TAGS,
      assume_role_policy: doc([{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/svc-${g}:environment:production` } } }]) });
    add(mod, "aws_iam_role", `worker${g}`, { name: `worker-${g}`, path: "/", max_session_duration: 3600, tags: TAGS,
      assume_role_policy: doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci-${g}`, Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }]) });
    add(mod, "aws_iam_role_policy", `ci${g}`, { name: "deploy", role: `ci-${g}`, policy: doc([
      { Effect: "Allow", Action: ["sts:AssumeRole"], Resource: worker },
      { Effect: "Allow", Action: ["iam:PassRole"], Resource: g % 10 === 0 ? `arn:aws:iam::${ACCOUNT}:role/*` : worker, Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } } },
      { Effect: "Allow", Action: ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"], Resource: fn },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::acme-data-${g}/*` },
    ]) });
    add(mod, "aws_iam_role_policy", `worker${g}`, { name: "run", role: `worker-${g}`, policy: doc([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::acme-data-${g}/*` }]) });
    add(mod, "aws_s3_bucket", `bucket${g}`, { bucket: `acme-data-${g}`, force_destroy: false, tags: TAGS });
    add(mod, "aws_lambda_function", `fn${g}`, { function_name: `svc-${g}`, handler: "index.handler", runtime: "nodejs20.x", tags: TAGS }, { role: [`aws_iam_role.worker${g}.arn`] });
    add(mod, "aws_lambda_permission", `invoke${g}`, { function_name: `svc-${g}`, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", source_arn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/svc-${g}` });
    add(mod, "aws_cloudwatch_log_group", `logs${g}`, { name: `/aws/lambda/svc-${g}`, retention_in_days: 30, tags: TAGS });
    add(mod, "vault_jwt_auth_backend_role", `jwt${g}`, { backend: "jwt-k8s", role_name: `r-${g}`, role_type: "jwt", user_claim: "sub", bound_audiences: ["vault"],
      bound_claims: { sub: `system:serviceaccount:ns:sa-${g}` }, token_policies: [`p-${g}`], token_ttl: 600, token_max_ttl: 900 });
    add(mod, "vault_database_secret_backend_role", `db${g}`, { backend: "db-jit", name: `db-${g}`, db_name: "analytics",
      creation_statements: ["CREATE ROLE \"{{name}}\";"], revocation_statements: ["DROP ROLE \"{{name}}\";"], default_ttl: 900, max_ttl: 3600 });
  }
  return {
    format_version: "1.2", terraform_version: "1.11.4",
    planned_values: { root_module: { resources: [], child_modules: modules.map((m) => ({ address: m.address, resources: m.resources })) } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: { constant_value: "eu-west-1" }, allowed_account_ids: { constant_value: [ACCOUNT] }, default_tags: [{ tags: { constant_value: TAGS } }] } } },
      root_module: { module_calls: Object.fromEntries(modules.map((m) => [m.address.slice(7), { source: "./m", module: { resources: m.config } }])) },
    },
  };
}

/** zsp check in a child process: whole CLI path (read, parse, model, rules, JSON out), with or without the escalation rule. */
function check(file, n, withEscalation) {
  return measureInChild(`
    const rules = require(${JSON.stringify(join(ROOT, "dist", "modules", "guard", "rules", "index.js"))}).RULE_SET;
    const escalation = require(${JSON.stringify(join(ROOT, "dist", "modules", "guard", "rules", "escalation.js"))}).escalationRule;
    if (!${withEscalation}) rules.splice(rules.indexOf(escalation), 1);
    const t = performance.now();
    const { main } = require(${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))});
    let out = "";
    main(["check", ${JSON.stringify(file)}, "--format", "json"], { stdout: { write: (s) => { out += s; } }, stderr: { write: () => {} } });
    const ms = performance.now() - t;
    const json = JSON.parse(out);
    if (json.summary.resources !== ${n}) throw new Error("unexpected result " + JSON.stringify(json.summary));
    console.log(JSON.stringify({ ms, zsp016: json.findings.filter((f) => f.rule === "ZSP016").length }));`, RUNS, ROOT);
}

const dir = mkdtempSync(join(tmpdir(), "zsp-escalation-bench-"));
const rows = [];
for (const n of [50000, 100000]) {
  const file = join(dir, `plan-${n}.json`);
  writeFileSync(file, JSON.stringify(graphPlan(n)));
  const without = check(file, n, false);
  const withE = check(file, n, true);
  rows.push([n.toLocaleString("en"), without.ms.toFixed(0), withE.ms.toFixed(0), `+${(((withE.ms - without.ms) / without.ms) * 100).toFixed(0)}%`, String(withE.zsp016), (withE.ms / n * 1000).toFixed(1)]);
}
console.log(`## Escalation analysis (ZSP016) on a graph plan, median of ${RUNS}\n`);
console.log(table(["resources", "zsp check without ZSP016 (ms)", "with ZSP016 (ms)", "added (goal ≤ +30% at 50,000)", "ZSP016 findings", "µs per resource"], rows));
rmSync(dir, { recursive: true, force: true });
