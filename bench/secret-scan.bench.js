// The secret scan (ZSP010) against the whole `zsp check`, on a plan full of text.
//
//   npm run build && node bench/secret-scan.bench.js            # 50,000 resources, median of 5 runs
//   BENCH_RESOURCES=2000 BENCH_RUNS=1 node bench/secret-scan.bench.js   # a quick smoke run
//   node bench/secret-scan.bench.js --help
//
// The plan comes from bench/plan-generator.js (`secretScanPlan`): ECS task definitions with large
// container definitions, instances and launch templates with multi-KB user data (plain and base64),
// Lambda environments, SSM parameters, next to roles, policies and buckets; every value a
// configuration constant, none a secret. In one fresh process per run it times `zsp check` in process
// (read, parse, model, every rule) and then ZSP010 alone on the same model, and reports the medians and
// how much the scan adds to the check without it.
// Goal (issue 15): the scan adds at most 25% to `zsp check` on 50,000 resources. Run it on a quiet machine.
"use strict";
const { mkdtempSync, writeFileSync, statSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");
const { secretScanPlan } = require("./plan-generator");

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(`node bench/secret-scan.bench.js   (after npm run build; reads dist/)

Times zsp check in process (read, parse, model, every rule) and the secret scan (ZSP010) alone
on the same model, on a generated plan of container definitions, user data and environments
(bench/plan-generator.js secretScanPlan), and prints a Markdown table of the medians:
the whole check, the scan, and the scan as a share of the check without it (goal: at most 25%).

Environment:
  BENCH_RESOURCES   resources in the plan (default 50000, the issue's size)
  BENCH_RUNS        fresh processes to take the median of (default 5)
Fails if the clean plan gets a ZSP010 finding. Run it on a quiet machine.`);
  process.exit(0);
}

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const RESOURCES = Number(process.env.BENCH_RESOURCES || 50000);

const dir = mkdtempSync(join(tmpdir(), "zsp-bench-secrets-"));
const file = join(dir, "plan.json");
writeFileSync(file, JSON.stringify(secretScanPlan(RESOURCES)));
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
