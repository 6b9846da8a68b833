// zsp check throughput on a 50,000-resource plan vs JSON.parse of the same file, and zsp start-up.
// Goals (issue 7): check ≤ 3x JSON.parse; `zsp --version` < 150 ms.
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdtempSync, writeFileSync, statSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, median, table } = require("./lib");
const { mixedPlan } = require("./plan-generator");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const RESOURCES = Number(process.env.BENCH_RESOURCES || 50000);
const dir = mkdtempSync(join(tmpdir(), "zsp-bench-"));
const file = join(dir, "plan.json");
writeFileSync(file, JSON.stringify(mixedPlan(RESOURCES)));
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
