// zsp check throughput on a 50,000-resource plan vs JSON.parse of the same file, and zsp start-up.
// Goals (issue 7): check ≤ 3x JSON.parse; `zsp --version` < 150 ms.
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdtempSync, writeFileSync, statSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, median, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const RESOURCES = Number(process.env.BENCH_RESOURCES || 50000);
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "bench", "zsp:access": "jit" };
const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

/** A plan in the `terraform show -json` format: roles with trust and policies, buckets, Vault roles, in 10 modules. */
function makePlan(n) {
  const modules = Array.from({ length: 10 }, (_, m) => ({ address: `module.m${m}`, resources: [] }));
  const changes = [];
  const confModules = {};
  for (let i = 0; i < n; i++) {
    const mod = modules[i % 10];
    const kind = i % 5;
    let type, values;
    if (kind === 0) {
      type = "aws_iam_role";
      values = { name: `role-${i}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS,
        assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": `repo:acme/svc-${i}:environment:production` } } }] }) };
    } else if (kind === 1) {
      type = "aws_iam_role_policy";
      values = { name: `policy-${i}`, role: `role-${i - 1}`,
        policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::acme-bucket-${i}/data/*` }] }) };
    } else if (kind === 2) {
      type = "aws_s3_bucket";
      values = { bucket: `acme-bucket-${i}`, force_destroy: false, tags: TAGS, tags_all: TAGS };
    } else if (kind === 3) {
      type = "vault_jwt_auth_backend_role";
      values = { backend: "jwt-k8s", role_name: `r-${i}`, role_type: "jwt", user_claim: "sub", bound_claims: { sub: `system:serviceaccount:ns:sa-${i}` }, token_policies: [`p-${i}`], token_ttl: 600, token_max_ttl: 900 };
    } else {
      type = "vault_database_secret_backend_role";
      values = { backend: "db-jit", name: `db-${i}`, db_name: "analytics", creation_statements: ["CREATE ROLE \"{{name}}\";"], revocation_statements: ["DROP ROLE \"{{name}}\";"], default_ttl: 900, max_ttl: 3600 };
    }
    const name = `r${i}`;
    const address = `${mod.address}.${type}.${name}`;
    const provider = `registry.terraform.io/hashicorp/${type.split("_")[0]}`;
    mod.resources.push({ address, mode: "managed", type, name, provider_name: provider, schema_version: 0, values, sensitive_values: {} });
    changes.push({ address, module_address: mod.address, mode: "managed", type, name, provider_name: provider,
      change: { actions: ["create"], before: null, after: values, after_unknown: { id: true, arn: true }, before_sensitive: false, after_sensitive: {} } });
    const calls = (confModules[mod.address] ??= []);
    calls.push({ address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: type.split("_")[0], schema_version: 0,
      expressions: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }])) });
  }
  return {
    format_version: "1.2", terraform_version: "1.9.8",
    planned_values: { root_module: { resources: [], child_modules: modules } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: { constant_value: "eu-west-1" }, default_tags: [{ tags: { constant_value: TAGS } }] } } },
      root_module: { module_calls: Object.fromEntries(modules.map((m) => [m.address.slice(7), { source: "./m", module: { resources: confModules[m.address] } }])) },
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), "zsp-bench-"));
const file = join(dir, "plan.json");
writeFileSync(file, JSON.stringify(makePlan(RESOURCES)));
const sizeMb = statSync(file).size / 1024 / 1024;

const parse = measureInChild(`
  const fs = require("node:fs");
  const t = performance.now();
  JSON.parse(fs.readFileSync(${JSON.stringify(file)}, "utf8"));
  console.log(JSON.stringify({ ms: performance.now() - t }));`, RUNS, ROOT);
const checkRun = measureInChild(`
  const t = performance.now();
  const { main } = require(${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))});
  let out = "";
  const code = main(["check", ${JSON.stringify(file)}, "--format", "json"], { stdout: { write: (s) => { out += s; } }, stderr: { write: () => {} } });
  const ms = performance.now() - t;
  const summary = JSON.parse(out).summary;
  if (code !== 0 || summary.resources !== ${RESOURCES}) throw new Error("unexpected result " + code + " " + JSON.stringify(summary));
  console.log(JSON.stringify({ ms }));`, RUNS, ROOT);

function wall(args) {
  const samples = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0 && !args.includes("check")) throw new Error(r.stderr);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(samples);
}
const bare = wall(["-e", ""]);
const versionMs = wall([join(ROOT, "dist", "cli", "bin.js"), "--version"]);
const wholeCheck = wall([join(ROOT, "dist", "cli", "bin.js"), "check", file, "--format", "json"]);
const wholeParse = wall(["-e", `JSON.parse(require("node:fs").readFileSync(${JSON.stringify(file)}, "utf8"))`]);

console.log(`## zsp check on a ${RESOURCES.toLocaleString("en")}-resource plan (${sizeMb.toFixed(1)} MB), median of ${RUNS}\n`);
console.log(table(["measure", "ms", "vs JSON.parse", "goal"], [
  ["read + JSON.parse (in process)", parse.ms.toFixed(0), "1.00x", ""],
  ["zsp check: load CLI, read, parse, all rules, JSON out (in process)", checkRun.ms.toFixed(0), (checkRun.ms / parse.ms).toFixed(2) + "x", "≤ 3x"],
  ["node -e JSON.parse(file) (whole process)", wholeParse.toFixed(0), "1.00x", ""],
  ["zsp check plan.json --format json (whole process)", wholeCheck.toFixed(0), (wholeCheck / wholeParse).toFixed(2) + "x", "≤ 3x"],
]));
console.log(`\n## zsp start-up (median of ${RUNS * 2} processes)\n`);
console.log(table(["command", "ms", "goal"], [
  ["node -e \"\" (bare node)", bare.toFixed(0), ""],
  ["zsp --version", versionMs.toFixed(0), "< 150 ms"],
]));
rmSync(dir, { recursive: true, force: true });
