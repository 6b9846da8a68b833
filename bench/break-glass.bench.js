// Synthesis cost of break-glass: the example stack, and N break-glass roles (each with its alert path) in one stack.
"use strict";
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);

const example = `
  const { Testing } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const t0 = performance.now();
  const { BreakGlassStack } = require(${JSON.stringify(join(ROOT, "dist", "examples", "break-glass"))});
  const t1 = performance.now();
  const json = JSON.parse(Testing.synth(new BreakGlassStack(Testing.app(), "break-glass")));
  const t2 = performance.now();
  const resources = Object.values(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  console.log(JSON.stringify({ loadMs: t1 - t0, synthMs: t2 - t1, resources, rssMb: process.resourceUsage().maxRSS / 1024 }));`;

const roles = (n) => `
  const { TerraformStack, Testing } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const { BreakGlassRole } = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
  const { awsProvider } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim"))});
  const t0 = performance.now();
  const stack = new TerraformStack(Testing.app(), "bench");
  awsProvider(stack, { region: "eu-west-1", allowedAccountIds: ["111122223333"],
    assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf", sourceIdentity: "tf-bench" },
    ownership: { owner: "team-sec", contact: "secops@acme.example", purpose: "bench" } });
  for (let i = 0; i < ${n}; i++) {
    new BreakGlassRole(stack, "bg" + i, { roleName: "break-glass-" + i, account: "111122223333",
      trustedPrincipals: ["arn:aws:iam::444455556666:role/incident-commander"],
      ownership: { owner: "team-sec", contact: "secops@acme.example", purpose: "bench" },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] } });
  }
  const json = JSON.parse(Testing.synth(stack));
  const ms = performance.now() - t0;
  const resources = Object.values(json.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  console.log(JSON.stringify({ ms, resources, rssMb: process.resourceUsage().maxRSS / 1024 }));`;

const ex = measureInChild(example, RUNS, ROOT);
console.log(`## break-glass synthesis (median of ${RUNS} child processes)\n`);
console.log(table(["stack", "load ms", "synth ms", "resources", "peak RSS MB"], [
  ["example break-glass (role + alert + AccessAudit)", ex.loadMs.toFixed(1), ex.synthMs.toFixed(1), ex.resources, ex.rssMb.toFixed(1)],
]));
console.log("");
const rows = [1, 10, 40].map((n) => {
  const r = measureInChild(roles(n), RUNS, ROOT);
  return [n, r.resources, r.ms.toFixed(1), (r.ms / n).toFixed(2), r.rssMb.toFixed(1)];
});
console.log(table(["break-glass roles", "resources", "construct + synth ms", "ms per role", "peak RSS MB"], rows));
