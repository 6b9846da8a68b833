// Synth scaling: N JitRoles vs raw cdktf resources emitting byte-identical Terraform, in the same process.
// Uses App.synth (what `cdktf synth` runs), not Testing.synth: the latter re-sorts every object with a
// spread-in-reduce that is quadratic in the number of resources of one type and would dominate.
"use strict";
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 3);
const SIZES = (process.env.BENCH_SIZES || "1000,2000,5000").split(",").map(Number);

// Runs in a child: builds N roles both ways (order given), synthesizes each stack, prints ms per path.
const probe = (n, order) => `
  const { App, TerraformStack } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const { Construct } = require("constructs");
  const lib = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
  const { aws } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim"))});
  const GH = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
  const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "bench" };
  const tags = { "zsp:owner": owner.owner, "zsp:contact": owner.contact, "zsp:purpose": owner.purpose, "zsp:access": "jit" };
  const DENY = lib.BOUNDARY_DENIED_ACTIONS;
  const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
  const { tmpdir } = require("node:os");
  const { join } = require("node:path");
  // A real synthesis (App.synth writes cdk.tf.json, as cdktf synth does), with the provider the stack needs.
  function synthesize(build) {
    const outdir = mkdtempSync(join(tmpdir(), "zsp-bench-"));
    const app = new App({ outdir, context: { "zsp:now": "2026-11-25T12:00:00Z" } });
    const stack = new TerraformStack(app, "bench");
    new aws.AwsProvider(stack, "aws", { region: "eu-west-1" });
    build(stack);
    app.synth();
    const json = readFileSync(join(outdir, "stacks", "bench", "cdk.tf.json"), "utf8");
    rmSync(outdir, { recursive: true, force: true });
    return json;
  }

  function jit(n) {
    return synthesize((stack) => {
      for (let i = 0; i < n; i++) {
        new lib.JitRole(stack, "r" + i, {
          roleName: "svc-" + i,
          ownership: owner,
          identities: [lib.WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/svc-" + i, environment: "production" })],
          grants: [
            lib.grant(["s3:PutObject"], ["arn:aws:s3:::acme-artifacts-" + i + "/releases/*"]),
            lib.grant(["lambda:UpdateFunctionCode"], ["arn:aws:lambda:eu-west-1:111122223333:function:svc-" + i]),
          ],
        });
      }
    });
  }

  // What a careful author writes by hand in raw cdktf for the same roles.
  function raw(n) {
    return synthesize((stack) => {
      for (let i = 0; i < n; i++) {
        const scope = new Construct(stack, "r" + i);
        const grants = [
          { Sid: "Grant0", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::acme-artifacts-" + i + "/releases/*" },
          { Sid: "Grant1", Effect: "Allow", Action: "lambda:UpdateFunctionCode", Resource: "arn:aws:lambda:eu-west-1:111122223333:function:svc-" + i },
        ];
        const boundary = new aws.IamPolicy(new Construct(scope, "Boundary"), "Policy", {
          name: "zsp-boundary-svc-" + i, path: "/zsp/jit/", description: "cdktf-zsp permissions boundary: no standing credentials, no privilege escalation", tags,
          policy: JSON.stringify({ Version: "2012-10-17", Statement: [
            ...grants.map((g, j) => ({ ...g, Sid: "BoundaryAllow" + j })),
            { Sid: "DenyStandingCredentialsAndEscalation", Effect: "Deny", Action: DENY, Resource: "*" },
            { Sid: "DenyPassRoleUnlessGranted", Effect: "Deny", Action: "iam:PassRole", Resource: "*" },
            { Sid: "DenyRoleChainingUnlessGranted", Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" },
          ] }),
        });
        const role = new aws.IamRole(scope, "Role", {
          name: "svc-" + i, path: "/zsp/jit/", description: "JIT: bench", maxSessionDuration: 3600,
          permissionsBoundary: boundary.arn, forceDetachPolicies: true, tags,
          assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{
            Sid: "TrustGithubActions", Effect: "Allow", Principal: { Federated: GH }, Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/svc-" + i + ":environment:production" } },
          }] }),
        });
        new aws.IamRolePolicy(scope, "Permissions", { name: "zsp-permissions", role: role.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: grants }) });
        new aws.IamRolePoliciesExclusive(scope, "OnlyTheseInlinePolicies", { roleName: role.name, policyNames: ["zsp-permissions"] });
        new aws.IamRolePolicyAttachmentsExclusive(scope, "NoManagedPolicies", { roleName: role.name, policyArns: [] });
      }
    });
  }

  // Warm both paths (module loading, JIT compilation) on a small N first.
  // The two paths must emit byte-identical Terraform, or the comparison means nothing.
  if (raw(50) !== jit(50)) throw new Error("raw cdktf and JitRole outputs differ");
  // Alternate the paths (ABBA) and keep each path's fastest run. Time is process CPU time (user + system),
  // which other processes on a shared machine disturb far less than wall-clock time.
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const out = { rawMs: Infinity, jitMs: Infinity };
  for (const name of ${JSON.stringify(order)}) {
    global.gc && global.gc();
    const t = cpuMs();
    const json = (name === "jit" ? jit : raw)(${n});
    out[name + "Ms"] = Math.min(out[name + "Ms"], cpuMs() - t);
    out[name + "Bytes"] = json.length;
  }
  out.ratio = out.jitMs / out.rawMs;
  console.log(JSON.stringify(out));`;

const rows = [];
for (const n of SIZES) {
  const a = measureInChild(probe(n, ["raw", "jit", "jit", "raw"]), RUNS, ROOT);
  const rawMs = a.rawMs;
  const jitMs = a.jitMs;
  const ratio = a.ratio; // median of the per-process ratios: both paths in one process saw the same machine
  if (a.rawBytes !== a.jitBytes) throw new Error(`outputs differ in size at N=${n}: raw ${a.rawBytes}, JitRole ${a.jitBytes}`);
  rows.push([n, (n * 5).toLocaleString("en"), rawMs.toFixed(0), jitMs.toFixed(0), ratio.toFixed(2) + "x", ((rawMs / n) * 1000).toFixed(0), ((jitMs / n) * 1000).toFixed(0)]);
}
console.log(`## synth scaling: JitRole vs raw cdktf, same resources (CPU ms; median over ${RUNS} child processes per N of the fastest of 2 ABBA-interleaved runs per path; ratio = median of per-process ratios)\n`);
console.log(table(["roles N", "resources", "raw cdktf CPU ms", "JitRole CPU ms", "JitRole / raw", "raw µs/role", "JitRole µs/role"], rows));
