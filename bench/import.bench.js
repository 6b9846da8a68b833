// Import cost: the built library vs a bare deep iam-role import vs the provider-aws root,
// on the core flavour installed where it runs (cdktf here; CDK Terrain in a consumer:
// `node bench/import.bench.js --consumer <dir> [--node <node22 binary>]`, e.g. the
// directory test/cdktn.test.ts installs, with cdktf-zsp, cdktn and @cdktn/provider-aws).
"use strict";
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { parseArgs } = require("node:util");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 7);
const { values: args } = parseArgs({ options: { consumer: { type: "string" }, node: { type: "string" } } });
const cwd = args.consumer ?? ROOT;
// The flavour installed in `cwd` (the same preference as provider-shim/core.ts: cdktn when present).
const flavour = existsSync(join(cwd, "node_modules", "cdktn", "package.json"))
  ? { core: "cdktn", aws: "@cdktn/provider-aws" }
  : { core: "cdktf", aws: "@cdktf/provider-aws" };
const probe = (target) => `
  const t = performance.now();
  require(${JSON.stringify(target)});
  const ms = performance.now() - t;
  console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));`;

const targets = [
  ["library (dist/modules)", args.consumer ? "cdktf-zsp" : join(ROOT, "dist", "modules")],
  ["library + provider-shim", args.consumer ? "cdktf-zsp/provider-shim" : join(ROOT, "dist", "provider-shim")],
  ["bare deep iam-role", `${flavour.aws}/lib/iam-role`],
  ["provider-aws root", flavour.aws],
];

const results = targets.map(([name, target]) => [name, measureInChild(probe(target), RUNS, cwd, args.node)]);
const deep = results.find(([n]) => n === "bare deep iam-role")[1];
console.log(`## import cost on ${flavour.core} (median of ${RUNS} child processes)\n`);
console.log(table(
  ["import", "time ms", "peak RSS MB", "time vs deep iam-role", "RSS vs deep iam-role"],
  results.map(([name, r]) => [name, r.ms.toFixed(1), r.rssMb.toFixed(1), (r.ms / deep.ms).toFixed(2) + "x", (r.rssMb / deep.rssMb).toFixed(2) + "x"]),
));
