// The secret scan (ZSP010) on a 50,000-resource plan full of text: ECS task definitions with large
// container definitions, instances and launch templates with multi-KB user data (plain and base64),
// Lambda environments, SSM parameters, next to roles and buckets.
// Goal (issue 15): the scan adds at most 25% to zsp check (all other rules, load included).
"use strict";
const { mkdtempSync, writeFileSync, statSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const RESOURCES = Number(process.env.BENCH_RESOURCES || 50000);
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "bench", "zsp:access": "jit" };

function containers(i) {
  return JSON.stringify(Array.from({ length: 6 }, (_, c) => ({
    name: `app-${c}`, image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/svc-${i}:1.${c}.0`, essential: c === 0, cpu: 256, memory: 512,
    portMappings: [{ containerPort: 8080 + c, protocol: "tcp" }],
    environment: Array.from({ length: 25 }, (_, e) => ({ name: `SETTING_${e}_${["TTL", "URL", "NAME", "MODE", "LEVEL"][e % 5]}`, value: `value-${i}-${c}-${e}` })),
    secrets: [{ name: "DB_PASSWORD", valueFrom: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:svc-${i}/db` }],
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": `/ecs/svc-${i}`, "awslogs-region": "eu-west-1", "awslogs-stream-prefix": `app-${c}` } },
    healthCheck: { command: ["CMD-SHELL", `curl -f http://localhost:${8080 + c}/health || exit 1`], interval: 30, timeout: 5, retries: 3 },
  })));
}

function userData(i) {
  const lines = ["#!/bin/bash", "set -euo pipefail", `echo "bootstrapping svc-${i}"`];
  for (let k = 0; k < 60; k++) lines.push(`export SVC_${k}_ENDPOINT=https://svc-${k}.internal.acme.example:8443/v1 # service ${k}`);
  lines.push("DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)");
  lines.push("TOKEN=\"$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600')\"");
  for (let k = 0; k < 40; k++) lines.push(`systemctl enable --now worker@${k}.service`);
  return lines.join("\n") + "\n";
}

function resource(i) {
  switch (i % 8) {
    case 0: return ["aws_ecs_task_definition", { family: `svc-${i}`, container_definitions: containers(i), requires_compatibilities: ["FARGATE"], cpu: "1024", memory: "2048", tags: TAGS, tags_all: TAGS }];
    case 1: return ["aws_instance", { ami: "ami-0abcdef1234567890", instance_type: "t3.micro", user_data: userData(i), tags: TAGS, tags_all: TAGS }];
    case 2: return ["aws_launch_template", { name: `lt-${i}`, user_data: Buffer.from(userData(i)).toString("base64"), tags: TAGS, tags_all: TAGS }];
    case 3: return ["aws_lambda_function", { function_name: `fn-${i}`, role: `arn:aws:iam::111122223333:role/zsp/jit/fn-${i}`, runtime: "nodejs22.x", handler: "index.handler",
      environment: [{ variables: Object.fromEntries(Array.from({ length: 20 }, (_, e) => [`FN_${e}_SETTING`, `v-${e}`])) }], tags: TAGS, tags_all: TAGS }];
    case 4: return ["aws_ssm_parameter", { name: `/svc-${i}/endpoint`, type: "String", value: `https://svc-${i}.internal.acme.example`, tags: TAGS, tags_all: TAGS }];
    case 5: return ["aws_iam_role", { name: `role-${i}`, path: "/zsp/jit/", max_session_duration: 3600, tags: TAGS, tags_all: TAGS,
      assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/vault-server" }, Action: "sts:AssumeRole" }] }) }];
    case 6: return ["aws_iam_role_policy", { name: `policy-${i}`, role: `role-${i - 1}`,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::acme-bucket-${i}/data/*` }] }) }];
    default: return ["aws_s3_bucket", { bucket: `acme-bucket-${i}`, force_destroy: false, tags: TAGS, tags_all: TAGS }];
  }
}

/** A plan in the `terraform show -json` format, in 10 modules, with every value a configuration constant. */
function makePlan(n) {
  const modules = Array.from({ length: 10 }, (_, m) => ({ address: `module.m${m}`, resources: [] }));
  const changes = [];
  const conf = {};
  for (let i = 0; i < n; i++) {
    const mod = modules[i % 10];
    const [type, values] = resource(i);
    const name = `r${i}`;
    const address = `${mod.address}.${type}.${name}`;
    const provider = "registry.terraform.io/hashicorp/aws";
    mod.resources.push({ address, mode: "managed", type, name, provider_name: provider, schema_version: 0, values, sensitive_values: {} });
    changes.push({ address, module_address: mod.address, mode: "managed", type, name, provider_name: provider,
      change: { actions: ["create"], before: null, after: values, after_unknown: { id: true, arn: true }, before_sensitive: false, after_sensitive: {} } });
    (conf[mod.address] ??= []).push({ address: `${type}.${name}`, mode: "managed", type, name, provider_config_key: "aws", schema_version: 0,
      expressions: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }])) });
  }
  return {
    format_version: "1.2", terraform_version: "1.9.8",
    planned_values: { root_module: { resources: [], child_modules: modules } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", expressions: { region: { constant_value: "eu-west-1" } } } },
      root_module: { module_calls: Object.fromEntries(modules.map((m) => [m.address.slice(7), { source: "./m", module: { resources: conf[m.address] } }])) },
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), "zsp-bench-secrets-"));
const file = join(dir, "plan.json");
writeFileSync(file, JSON.stringify(makePlan(RESOURCES)));
const sizeMb = statSync(file).size / 1024 / 1024;

// In one process: the whole check (read, parse, model, every rule), then the secret rule alone on the same model.
const run = measureInChild(`
  const fs = require("node:fs");
  const dist = ${JSON.stringify(join(ROOT, "dist", "modules", "guard"))};
  const { loadDocument, check } = require(dist + "/engine.js");
  const { literalSecretRule } = require(dist + "/rules/literal-secret.js");
  const { DEFAULT_PROFILE } = require(${JSON.stringify(join(ROOT, "dist", "modules", "core", "profile.js"))});
  const now = new Date("2026-12-02T00:00:00Z");
  let t = performance.now();
  const model = loadDocument(JSON.parse(fs.readFileSync(${JSON.stringify(file)}, "utf8")), "bench");
  const result = check(model, { now });
  const whole = performance.now() - t;
  if (result.findings.some((f) => f.rule === "ZSP010")) throw new Error("the clean bench plan has a ZSP010 finding: " + JSON.stringify(result.findings.find((f) => f.rule === "ZSP010")));
  t = performance.now();
  let n = 0;
  literalSecretRule.run({ model, profile: DEFAULT_PROFILE, now, report: () => { n++; } });
  const scan = performance.now() - t;
  console.log(JSON.stringify({ ms: whole, scan }));`, RUNS, ROOT);

const without = run.ms - run.scan;
console.log(`## Secret scan (ZSP010) on a ${RESOURCES.toLocaleString("en")}-resource plan with container definitions and user data (${sizeMb.toFixed(1)} MB), median of ${RUNS}\n`);
console.log(table(["measure", "ms", "goal"], [
  ["zsp check in process: read, parse, model, every rule", run.ms.toFixed(0), ""],
  ["of which the secret scan (ZSP010 alone, same model)", run.scan.toFixed(0), ""],
  ["the scan adds to the check without it", `${((run.scan / without) * 100).toFixed(1)}%`, "≤ 25%"],
]));
rmSync(dir, { recursive: true, force: true });
