// zsp check on plans of 10,000 to 100,000 resources (bench/plan-generator.js iamPlan: shared customer-managed
// policies, AWS-managed attachments, AssumeRole/PassRole chains) vs JSON.parse of the same file: the ratio at
// 50,000 and the cost per resource at each size (linear: the same µs/resource). Goals (issue 13): ≤ 2.5x
// JSON.parse at 50,000; linear 10,000 → 100,000; `zsp --version` < 150 ms.
//   BENCH_RUNS (default 5), BENCH_SIZES (default 10000,25000,50000,100000)
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdtempSync, writeFileSync, statSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, median, table } = require("./lib");
const { iamPlan } = require("./plan-generator");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const SIZES = (process.env.BENCH_SIZES || "10000,25000,50000,100000").split(",").map(Number);
const dir = mkdtempSync(join(tmpdir(), "zsp-read-bench-"));

const rows = [];
for (const n of SIZES) {
  const file = join(dir, `plan-${n}.json`);
  writeFileSync(file, JSON.stringify(iamPlan(n)));
  const mb = statSync(file).size / 1024 / 1024;
  const parse = measureInChild(`
    const fs = require("node:fs");
    const t = performance.now();
    JSON.parse(fs.readFileSync(${JSON.stringify(file)}, "utf8"));
    console.log(JSON.stringify({ ms: performance.now() - t }));`, RUNS, ROOT);
  const check = measureInChild(`
    const { main } = require(${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))});
    const t = performance.now();
    let out = "";
    const code = main(["check", ${JSON.stringify(file)}, "--format", "json"], { stdout: { write: (s) => { out += s; } }, stderr: { write: (s) => process.stderr.write(s) } });
    const ms = performance.now() - t;
    const summary = JSON.parse(out).summary;
    if (code === 2 || summary.resources !== ${n}) throw new Error("unexpected result " + code + " " + JSON.stringify(summary));
    console.log(JSON.stringify({ ms, findings: summary.errors + summary.warnings }));`, RUNS, ROOT);
  rows.push([n.toLocaleString("en"), mb.toFixed(1), parse.ms.toFixed(0), check.ms.toFixed(0), (check.ms / parse.ms).toFixed(2) + "x",
    ((check.ms * 1000) / n).toFixed(1), ((parse.ms * 1000) / n).toFixed(1), String(check.findings)]);
  rmSync(file, { force: true });
}

function wall(args) {
  const samples = [];
  for (let i = 0; i < RUNS * 2; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { median: median(samples), min: Math.min(...samples) };
}
const bare = wall(["-e", ""]);
const version = wall([join(ROOT, "dist", "cli", "bin.js"), "--version"]);

console.log(`## zsp check on IAM-heavy plans (in process, after the CLI module is loaded; median of ${RUNS})\n`);
console.log(table(["resources", "MB", "JSON.parse ms", "zsp check ms", "vs JSON.parse", "check µs/resource", "parse µs/resource", "findings"], rows));
console.log(`\nGoals: ≤ 2.5x JSON.parse at 50,000; the same µs/resource at every size.\n`);
console.log(`## zsp start-up (${RUNS * 2} processes)\n`);
console.log(table(["command", "median ms", "min ms", "goal"], [
  ["node -e \"\" (bare node)", bare.median.toFixed(0), bare.min.toFixed(0), ""],
  ["zsp --version", version.median.toFixed(0), version.min.toFixed(0), "< 150 ms"],
]));
rmSync(dir, { recursive: true, force: true });
