// AI agents: synthesis of the ai-agent-intents example, and how one agent scales with its number of
// intents (each intent = one Vault role + one session policy + one ceiling coverage check).
"use strict";
const { join } = require("node:path");
const { measureInChild, table } = require("./lib");

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS || 5);
const SIZES = (process.env.BENCH_SIZES || "1,10,25").split(",").map(Number);
const CONTEXT = { zsp: { allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" } };

const example = `
  const t0 = performance.now();
  const { Testing } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const { AiAgentIntentsStack } = require(${JSON.stringify(join(ROOT, "dist", "examples", "ai-agent-intents.js"))});
  const t1 = performance.now();
  const json = Testing.synth(new AiAgentIntentsStack(Testing.app({ context: ${JSON.stringify(CONTEXT)} }), "bench"));
  const t2 = performance.now();
  console.log(JSON.stringify({ importMs: t1 - t0, synthMs: t2 - t1, rssMb: process.resourceUsage().maxRSS / 1024,
    resources: Object.values(JSON.parse(json).resource || {}).reduce((n, r) => n + Object.keys(r).length, 0) }));`;

const scaling = (n) => `
  const { Testing, TerraformStack } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
  const lib = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
  const owner = { owner: "team-support", contact: "support-oncall@acme.example", purpose: "bench" };
  const t0 = performance.now();
  const stack = new TerraformStack(Testing.app({ context: ${JSON.stringify(CONTEXT)} }), "bench");
  const engine = new lib.VaultAwsSecretsEngine(stack, "aws", { path: "aws-agents", serverRoleArn: "arn:aws:iam::111122223333:role/vault-server", region: "eu-west-1", ownership: owner });
  const auth = new lib.VaultWorkloadAuth(stack, "jwt", { path: "jwt-agents", issuer: "https://spire-oidc.acme.example", verification: { oidcDiscoveryUrl: "https://spire-oidc.acme.example" }, ownership: owner });
  const intents = Array.from({ length: ${n} }, (_, i) => ({ name: "intent-" + i, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-support-attachments/t" + i + "/*"] }));
  new lib.AgentIdentity(stack, "agent", { agentName: "support-triage", ownership: owner, account: "111122223333", engine, intents,
    ceiling: [lib.grant(["s3:GetObject"], ["arn:aws:s3:::acme-support-attachments/*"])],
    login: { auth, subject: "spiffe://acme.example/agent/support-triage", audiences: ["vault"] } });
  const t1 = performance.now();
  Testing.synth(stack);
  const t2 = performance.now();
  console.log(JSON.stringify({ constructMs: t1 - t0, synthMs: t2 - t1 }));`;

console.log(`## AI agent synthesis (median of ${RUNS} child processes)\n`);
const r = measureInChild(example, RUNS, ROOT);
console.log(table(["stack", "import ms", "construct+synth ms", "peak RSS MB", "resources"],
  [["ai-agent-intents", r.importMs.toFixed(1), r.synthMs.toFixed(1), r.rssMb.toFixed(1), r.resources]]));
console.log("\n### one agent, N intents under one ceiling\n");
console.log(table(["intents", "construct ms", "synth ms", "construct ms per intent"], SIZES.map((n) => {
  const s = measureInChild(scaling(n), RUNS, ROOT);
  return [n, s.constructMs.toFixed(1), s.synthMs.toFixed(1), (s.constructMs / n).toFixed(2)];
})));
