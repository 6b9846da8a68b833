// Synth cost of source locations ("zsp:sourceLocations"): the same stack (N JitRoles, each with a raw
// role policy next to it) built and synthesized with App.synth with the context key off and on, in
// the same child process (off and on interleaved, order alternated), and the ratio. Times are CPU time
// (user + system) of the process, the minimum over the repetitions: on a shared machine wall time
// mostly measures the neighbours. The probe is a file, not `node -e`, so its frames have a path and
// every resource really records a location.
"use strict";
const { mkdtempSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { spawnSync } = require("node:child_process");
const { median, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const SIZES = (process.env.BENCH_SIZES || "100,500").split(",").map(Number);
const REPEAT = 3;

const probe = (n, order) => `
  const { App, TerraformStack } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const { aws } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "aws-bindings.js"))});
  const lib = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
  const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
  const { tmpdir } = require("node:os");
  const { join } = require("node:path");
  const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "bench" };
  function synthesize(on) {
    const outdir = mkdtempSync(join(tmpdir(), "zsp-bench-"));
    const app = new App({ outdir, context: { "zsp:now": "2026-11-25T12:00:00Z", ...(on ? { "zsp:sourceLocations": true } : {}) } });
    const stack = new TerraformStack(app, "bench");
    const t0 = process.cpuUsage();
    new aws.AwsProvider(stack, "aws", { region: "eu-west-1" });
    for (let i = 0; i < ${n}; i++) {
      new lib.JitRole(stack, "r" + i, {
        roleName: "svc-" + i, ownership: owner,
        identities: [lib.WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/svc-" + i, environment: "production" })],
        grants: [lib.grant(["s3:PutObject"], ["arn:aws:s3:::acme-artifacts-" + i + "/releases/*"])],
      });
      new aws.IamRolePolicy(stack, "raw" + i, { role: "svc-" + i, name: "extra", policy: "{}" });
    }
    app.synth();
    const used = process.cpuUsage(t0);
    const ms = (used.user + used.system) / 1000;
    const json = readFileSync(join(outdir, "stacks", "bench", "cdk.tf.json"), "utf8");
    rmSync(outdir, { recursive: true, force: true });
    if (on !== json.includes('"zsp"')) throw new Error("source locations " + (on ? "missing" : "present"));
    return ms;
  }
  synthesize(false); // warm up: module loading and the IAM catalogue
  const out = { off: Infinity, on: Infinity };
  for (let k = 0; k < ${REPEAT}; k++) {
    for (const on of ${JSON.stringify(order)}) {
      const ms = synthesize(on);
      out[on ? "on" : "off"] = Math.min(out[on ? "on" : "off"], ms);
    }
  }
  console.log(JSON.stringify(out));
`;

const dir = mkdtempSync(join(tmpdir(), "zsp-bench-probe-"));
const rows = [];
for (const n of SIZES) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const file = join(dir, `probe-${n}-${run}.js`);
    writeFileSync(file, probe(n, run % 2 === 0 ? [false, true] : [true, false]));
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`benchmark child failed: ${r.stderr}`);
    samples.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  const off = median(samples.map((s) => s.off));
  const on = median(samples.map((s) => s.on));
  rows.push([n, `${n * 6 + 1}`, off.toFixed(0), on.toFixed(0), `${(on / off).toFixed(2)}x`]);
}
rmSync(dir, { recursive: true, force: true });
console.log(`Source locations: build + App.synth with "zsp:sourceLocations" off vs on (CPU ms, median over ${RUNS} processes of the best of ${REPEAT})`);
console.log(table(["JitRoles", "resources", "off CPU ms", "on CPU ms", "on / off"], rows));
