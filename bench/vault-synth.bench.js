// Synthesis cost of the Vault example stacks (built dist/), and how many provider binding
// modules each pulls in: the deep-import shim should load only the resources a stack uses.
"use strict";
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const CONTEXT = { zsp: { allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" } };
const probe = (file, cls) => `
  const t0 = performance.now();
  const { Testing } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const { ${cls} } = require(${JSON.stringify(join(ROOT, "dist", "examples", file))});
  const t1 = performance.now();
  const stack = new ${cls}(Testing.app({ context: ${JSON.stringify(CONTEXT)} }), "bench");
  const json = Testing.synth(stack);
  const t2 = performance.now();
  const loaded = (p) => Object.keys(require.cache).filter((k) => k.includes(p) && k.endsWith("index.js")).length;
  console.log(JSON.stringify({ importMs: t1 - t0, synthMs: t2 - t1, rssMb: process.resourceUsage().maxRSS / 1024,
    vaultModules: loaded("provider-vault/lib/"), awsModules: loaded("provider-aws/lib/"), resources: Object.values(JSON.parse(json).resource || {}).reduce((n, r) => n + Object.keys(r).length, 0) }));`;

const stacks = [["vault-batch-job", "vault-batch-job.js", "VaultBatchJobStack"], ["vault-etl", "vault-etl.js", "VaultEtlStack"]];
console.log(`## Vault example synthesis (median of ${RUNS} child processes)\n`);
console.log(table(
  ["stack", "import ms", "construct+synth ms", "peak RSS MB", "resources", "provider-vault modules", "provider-aws modules"],
  stacks.map(([name, file, cls]) => {
    const r = measureInChild(probe(file, cls), RUNS, ROOT);
    return [name, r.importMs.toFixed(1), r.synthMs.toFixed(1), r.rssMb.toFixed(1), r.resources, r.vaultModules, r.awsModules];
  }),
));
