import { App, TerraformStack, Testing } from "../provider-shim/core";
import { AiAgentIntentsStack } from "../examples/ai-agent-intents";
import { BreakGlassStack } from "../examples/break-glass";
import { GithubDeployStack } from "../examples/github-deploy";
import { VaultBatchJobStack } from "../examples/vault-batch-job";
import { VaultEtlStack } from "../examples/vault-etl";
import { VaultPkiEngine } from "../modules";
import { ZspProfile } from "../modules/core/profile-scope";
import { bothShapes, findings } from "./helpers/shapes";
import { synth, testApp } from "./helpers/synth";
import { OWNER } from "./helpers/vault";

// The Vault constructs pass the Vault and secret rules by construction, in both input shapes.
const RULES = ["ZSP007", "ZSP008", "ZSP010", "ZSP014", "ZSP015", "ZSP018", "ZSP000"];

describe("VaultPkiEngine passes the guard by construction", () => {
  it.each([
    ["internal-root", (s: TerraformStack) => new VaultPkiEngine(s, "pki", { path: "pki-spiffe", ownership: OWNER, ca: { type: "internal-root", commonName: "acme.example workload root" } }).addRole("workload", { allowedUriSans: ["spiffe://acme.example/ns/*/sa/*"] })],
    ["external-intermediate", (s: TerraformStack) => new VaultPkiEngine(s, "pki", { path: "pki-spiffe", ownership: OWNER, ca: { type: "external-intermediate", commonName: "acme.example issuing" } }).addRole("workload", { allowedUriSans: ["spiffe://acme.example/ns/*/sa/*"] })],
  ])("%s: no finding (the CA-only root mount is bounded by the CA's lifetime, not maxLease)", (_ca, build) => {
    for (const [, model] of bothShapes(synth(build) as Record<string, unknown>)) expect(findings(model, RULES)).toEqual([]);
  });

  it("a CA-only mount whose max lease exceeds its CA's lifetime is still ZSP007", () => {
    const json = synth((s) => new VaultPkiEngine(s, "pki", { path: "pki-spiffe", ownership: OWNER, ca: { type: "internal-root", commonName: "acme.example workload root" } }));
    const mounts = (json.resource?.vault_mount ?? {}) as Record<string, Record<string, unknown>>;
    const root = Object.values(mounts).find((m) => m.path === "pki-spiffe-root") as Record<string, unknown>;
    root.max_lease_ttl_seconds = 10 * 8760 * 3600;
    for (const [, model] of bothShapes(json as Record<string, unknown>)) expect(findings(model, ["ZSP007"])).toEqual([expect.stringMatching(/^ZSP007 vault_mount\.pki_root-mount/)]);
  });

  it("a PKI mount with a role is bounded by maxLease", () => {
    const config = { provider: { vault: [{ address: "https://vault.acme.example:8200", max_lease_ttl_seconds: 1200 }] }, resource: {
      vault_mount: { pki: { path: "pki", type: "pki", default_lease_ttl_seconds: 3600, max_lease_ttl_seconds: 8760 * 3600 } },
      vault_pki_secret_backend_root_cert: { ca: { backend: "${vault_mount.pki.path}", type: "internal", common_name: "x", ttl: String(8760 * 3600) } },
      vault_pki_secret_backend_role: { w: { backend: "${vault_mount.pki.path}", name: "w", ttl: "3600", max_ttl: "3600", allowed_uri_sans: ["spiffe://acme.example/w"] } },
    } };
    for (const [, model] of bothShapes(config)) expect(findings(model, ["ZSP007"])).toEqual(["ZSP007 vault_mount.pki"]);
  });
});

describe("every example stack, in both input shapes, has no secret, Vault-login, Vault-policy or break-glass finding", () => {
  const stacks: Array<[string, (app: App) => TerraformStack]> = [
    ["github-deploy", (app) => new GithubDeployStack(app, "github-deploy")],
    ["vault-batch-job", (app) => new VaultBatchJobStack(app, "vault-batch-job")],
    ["vault-etl", (app) => new VaultEtlStack(app, "vault-etl")],
    ["break-glass", (app) => new BreakGlassStack(app, "break-glass")],
    ["ai-agent-intents", (app) => new AiAgentIntentsStack(app, "ai-agent-intents")],
  ];
  it.each(stacks)("%s", (_name, make) => {
    const app = testApp({ allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" });
    app.node.setContext("zsp:now", "2026-11-25T12:00:00Z");
    const stack = make(app);
    const json = JSON.parse(Testing.synth(stack)) as Record<string, unknown>;
    const shapes = bothShapes(json);
    // The stack's own profile (vault-etl raises maxLease to 4 h), as zsp check --profile gives it.
    const profile = ZspProfile.of(stack);
    for (const [shape, model] of shapes) expect([shape, ...findings(model, ["ZSP007", "ZSP008", "ZSP010", "ZSP011", "ZSP014", "ZSP015", "ZSP018"], profile)]).toEqual([shape]);
  });
});
