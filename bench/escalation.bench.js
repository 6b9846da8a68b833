// Escalation analysis (ZSP016: paths, targets, chains) on a graph plan: what it adds to zsp check
// at 50,000 resources (goal: at most +30%), and whether it stays linear to 100,000.
// The plan: graphPlan of bench/plan-generator.js (CI roles that assume and pass workers to Lambda,
// every tenth one with an open PassRole path, so findings are produced as well).
"use strict";
const { mkdtempSync, writeFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");
const { graphPlan } = require("./plan-generator");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const SIZES = (process.env.BENCH_SIZES || "50000,100000").split(",").map(Number);
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
for (const n of SIZES) {
  const file = join(dir, `plan-${n}.json`);
  writeFileSync(file, JSON.stringify(graphPlan(n)));
  const without = check(file, n, false);
  const withE = check(file, n, true);
  rows.push([n.toLocaleString("en"), without.ms.toFixed(0), withE.ms.toFixed(0), `+${(((withE.ms - without.ms) / without.ms) * 100).toFixed(0)}%`, String(withE.zsp016), (withE.ms / n * 1000).toFixed(1)]);
}
console.log(`## Escalation analysis (ZSP016) on a graph plan, median of ${RUNS}\n`);
console.log(table(["resources", "zsp check without ZSP016 (ms)", "with ZSP016 (ms)", "added (goal ≤ +30% at 50,000)", "ZSP016 findings", "µs per resource"], rows));
rmSync(dir, { recursive: true, force: true });
