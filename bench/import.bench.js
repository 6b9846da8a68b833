// Import cost: the built library vs a bare deep iam-role import vs the provider-aws root.
"use strict";
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 7);
const probe = (target) => `
  const t = performance.now();
  require(${JSON.stringify(target)});
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));`;

const targets = [
  ["library (dist/modules)", join(ROOT, "dist", "modules")],
  ["library + provider-shim", join(ROOT, "dist", "provider-shim")],
  ["bare deep iam-role", "@cdktf/provider-aws/lib/iam-role"],
  ["provider-aws root", "@cdktf/provider-aws"],
];

const results = targets.map(([name, target]) => [name, measureInChild(probe(target), RUNS, ROOT)]);
const deep = results.find(([n]) => n === "bare deep iam-role")[1];
console.log(`## import cost (median of ${RUNS} child processes)\n`);
console.log(table(
  ["import", "time ms", "peak RSS MB", "time vs deep iam-role", "RSS vs deep iam-role"],
  results.map(([name, r]) => [name, r.ms.toFixed(1), r.rssMb.toFixed(1), (r.ms / deep.ms).toFixed(2) + "x", (r.rssMb / deep.rssMb).toFixed(2) + "x"]),
));
