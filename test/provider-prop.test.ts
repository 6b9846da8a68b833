/**
 * The `provider` prop: with two aliased providers in one stack, every
 * resource and data source a construct creates (and the constructs inside it:
 * alert topics and rules, boundaries, policies, attachments, engine roles)
 * carries `"provider": "<kind>.<alias>"` in the synthesized JSON; without it,
 * none does (the stack's default provider). A value that is not a provider of
 * the right kind and stack is refused.
 */
import { Construct } from "constructs";
import { TerraformStack, TerraformVariable, Testing } from "../provider-shim/core";
import { awsProvider, vaultProvider } from "../provider-shim";
import type { TerraformProviderLike } from "../provider-shim";
import {
  AccessAudit, AgentIdentity, AlertTopic, BreakGlassRole, JitRole, PolicyStatement, VaultAuditDevice, VaultAwsSecretsEngine, VaultDatabaseSecretsEngine,
  VaultPkiEngine, VaultPolicy, VaultWorkloadAuth, WorkloadIdentity, ZspBoundary, grant, postgresReadOnly,
} from "../modules";
import { TfJson } from "./helpers/synth";
import { jitApp } from "./helpers/jit";
import { refusalOf } from "./helpers/refusal";

const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "test" };
const PROFILE = { allowedRegions: ["eu-west-1"] };
const GH = "arn:aws:iam::555566667777:oidc-provider/token.actions.githubusercontent.com";
const LOGIN = { mount: "jwt-ci", role: "terraform" };

interface World { readonly stack: TerraformStack; readonly aws: TerraformProviderLike; readonly vault: TerraformProviderLike }

/** A stack with default AWS and Vault providers plus an aliased one of each (another account, another Vault). */
function world(id = "s"): World {
  const stack = new TerraformStack(jitApp(PROFILE), id);
  const base = { region: "eu-west-1", ownership };
  awsProvider(stack, { ...base, allowedAccountIds: ["111122223333"], assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf", sourceIdentity: "tf" } });
  const aws = awsProvider(stack, { ...base, alias: "prod", allowedAccountIds: ["555566667777"], assumeRole: { roleArn: "arn:aws:iam::555566667777:role/terraform-apply", sessionName: "tf", sourceIdentity: "tf" } });
  const jwt = new TerraformVariable(stack, "vault_jwt", { type: "string", sensitive: true, nullable: false });
  vaultProvider(stack, { address: "https://vault.acme.example", login: { ...LOGIN, jwt } });
  const vault = vaultProvider(stack, { address: "https://vault-dr.acme.example", alias: "dr", login: { ...LOGIN, jwt } });
  return { stack, aws, vault };
}

type Element = { readonly address: string; readonly body: Record<string, unknown> };

/** Every resource and data source of `json` created under the top-level construct `id` (logical ids `<id>_...`), plus the data sources they read. */
function elementsUnder(json: TfJson, id: string): Element[] {
  const out: Element[] = [];
  const all = json as unknown as Record<string, Record<string, Record<string, Record<string, unknown>>> | undefined>;
  for (const [section, prefix] of [["resource", ""], ["data", "data."]] as const) {
    for (const [type, byName] of Object.entries(all[section] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        if (name.startsWith(`${id}_`)) out.push({ address: `${prefix}${type}.${name}`, body });
      }
    }
  }
  const text = JSON.stringify(out.map((e) => e.body));
  for (const [type, byName] of Object.entries(all.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      if (text.includes(`data.${type}.${name}.`) && !out.some((e) => e.address === `data.${type}.${name}`)) out.push({ address: `data.${type}.${name}`, body });
    }
  }
  return out;
}

const synth = (stack: TerraformStack): TfJson => JSON.parse(Testing.synth(stack)) as TfJson;
const providers = (elements: Element[]): Record<string, unknown> => Object.fromEntries(elements.map((e) => [e.address, e.body.provider]));

const jit = (scope: Construct, id: string, provider?: TerraformProviderLike): JitRole => new JitRole(scope, id, {
  roleName: id,
  ownership,
  identities: [WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" })],
  grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
  ...(provider !== undefined ? { provider } : {}),
});

/** Each construct, built with (or without) its provider prop; returns its construct id and the kinds of resources it creates. */
const BUILDERS: Array<[string, (w: World, chosen: boolean) => void, Array<"aws" | "vault">]> = [
  ["JitRole", (w, c) => void jit(w.stack, "c", c ? w.aws : undefined), ["aws"]],
  ["ZspBoundary", (w, c) => void new ZspBoundary(w.stack, "c", { policyName: "b", allow: [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] })], ...(c ? { provider: w.aws } : {}) }), ["aws"]],
  ["BreakGlassRole", (w, c) => void new BreakGlassRole(w.stack, "c", {
    roleName: "break-glass-admin", trustedPrincipals: ["arn:aws:iam::444455556666:role/incident-commander"], ownership,
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { topicName: "break-glass-alerts", emails: ["secops@acme.example"] }, ...(c ? { provider: w.aws } : {}),
  }), ["aws"]],
  ["AlertTopic", (w, c) => void new AlertTopic(w.stack, "c", { topicName: "alerts", region: "eu-west-1", ownership, emails: ["secops@acme.example"], ...(c ? { provider: w.aws } : {}) }), ["aws"]],
  ["AccessAudit", (w, c) => void new AccessAudit(w.stack, "c", { ownership, alert: { streams: ["revocation"], emails: ["secops@acme.example"] }, ...(c ? { provider: w.aws } : {}) }), ["aws"]],
  ["VaultPolicy", (w, c) => void new VaultPolicy(w.stack, "c", { name: "p", ownership, rules: [{ path: "aws-jit/creds/r", capabilities: ["read"] }], ...(c ? { provider: w.vault } : {}) }), ["vault"]],
  ["VaultAwsSecretsEngine", (w, c) => {
    const role = new JitRole(w.stack, "target", {
      roleName: "target", ownership, account: "555566667777", grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
      identities: [WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::555566667777:role/vault-server" })], ...(c ? { provider: w.aws } : {}),
    });
    new VaultAwsSecretsEngine(w.stack, "c", { path: "aws-jit", serverRoleArn: "arn:aws:iam::555566667777:role/vault-server", region: "eu-west-1", ownership, ...(c ? { provider: w.vault } : {}) })
      .addRole("r", { credentialType: "assumed_role", roles: [role] });
  }, ["vault"]],
  ["VaultDatabaseSecretsEngine", (w, c) => {
    const e = new VaultDatabaseSecretsEngine(w.stack, "c", { path: "db-jit", ownership, ...(c ? { provider: w.vault } : {}) });
    const conn = e.addConnection("analytics", { plugin: "postgresql", connectionUrl: "postgresql://{{username}}:{{password}}@db.acme.example:5432/analytics", username: "vault-admin" });
    e.addRole("etl", { connection: conn, creationStatements: postgresReadOnly("analytics") });
  }, ["vault"]],
  ["VaultPkiEngine", (w, c) => void new VaultPkiEngine(w.stack, "c", { path: "pki", ownership, ca: { type: "external-intermediate", commonName: "x" }, ...(c ? { provider: w.vault } : {}) }).addRole("workload", { allowedUriSans: ["spiffe://acme.example/ns/reporting/sa/*"] }), ["vault"]],
  ["VaultWorkloadAuth", (w, c) => {
    const policy = new VaultPolicy(w.stack, "pol", { name: "p", ownership, rules: [{ path: "aws-jit/creds/r", capabilities: ["read"] }] });
    VaultWorkloadAuth.kubernetes(w.stack, "c", { path: "jwt-k8s", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", ownership, ...(c ? { provider: w.vault } : {}) })
      .addRole("r", { audiences: ["vault"], subject: "system:serviceaccount:reporting:nightly-report", policies: [policy], claimMappings: VaultWorkloadAuth.KUBERNETES_CLAIM_MAPPINGS });
  }, ["vault"]],
  ["VaultAuditDevice", (w, c) => void new VaultAuditDevice(w.stack, "c", { sink: { type: "file", filePath: "/var/log/vault/audit.log" }, ownership, ...(c ? { provider: w.vault } : {}) }), ["vault"]],
];

describe("provider: every resource of the construct lands on the chosen provider", () => {
  it.each(BUILDERS)("%s", (_name, build, kinds) => {
    const chosen = world();
    build(chosen, true);
    const elements = elementsUnder(synth(chosen.stack), "c");
    expect(elements.length).toBeGreaterThan(0);
    const expected = Object.fromEntries(elements.map((e) => [e.address, `${e.address.replace(/^data\./, "").startsWith("vault_") ? "vault.dr" : "aws.prod"}`]));
    expect(kinds.every((k) => Object.values(expected).some((p) => String(p).startsWith(k)))).toBe(true);
    expect(providers(elements)).toEqual(expected);

    const plain = world();
    build(plain, false);
    const defaults = elementsUnder(synth(plain.stack), "c");
    expect(defaults.map((e) => e.address).sort()).toEqual(elements.map((e) => e.address.replace(/-prod$/, "")).sort());
    expect(defaults.filter((e) => e.body.provider !== undefined)).toEqual([]);
  });

  it("an agent's ceiling role goes to its AWS provider and its Vault policy to its Vault provider", () => {
    const w = world();
    const engine = new VaultAwsSecretsEngine(w.stack, "engine", { path: "aws-agents", serverRoleArn: "arn:aws:iam::555566667777:role/vault-server", region: "eu-west-1", ownership, provider: w.vault });
    const auth = new VaultWorkloadAuth(w.stack, "jwt", { path: "jwt-agents", issuer: "https://spire-oidc.acme.example", verification: { oidcDiscoveryUrl: "https://spire-oidc.acme.example" }, ownership, provider: w.vault });
    new AgentIdentity(w.stack, "c", {
      agentName: "support-triage", ownership, account: "555566667777", engine, provider: w.aws, vaultProvider: w.vault,
      login: { auth, subject: "spiffe://acme.example/agent/support-triage", audiences: ["vault"] },
      intents: [{ name: "read", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-support-attachments/*"] }],
    });
    const elements = elementsUnder(synth(w.stack), "c");
    expect(elements.map((e) => e.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role\./), expect.stringMatching(/^vault_policy\./)]));
    expect(providers(elements)).toEqual(Object.fromEntries(elements.map((e) => [e.address, e.address.startsWith("vault_") ? "vault.dr" : "aws.prod"])));
  });
});

describe("provider: refused values", () => {
  it("a value that is not a provider block (E_SHAPE)", () => {
    const w = world();
    const e = refusalOf(() => jit(w.stack, "r", "aws.prod" as unknown as TerraformProviderLike));
    expect([e.code, e.path, e.prop]).toEqual(["E_SHAPE", "s/r", "provider"]);
    expect(e.problem).toBe('expected an AWS provider block, got the string "aws.prod"');
    expect(e.fix).toContain("awsProvider(stack, { alias, ... })");
  });

  it("a provider of the other kind", () => {
    const w = world();
    const e = refusalOf(() => jit(w.stack, "r", w.vault));
    expect([e.code, e.prop]).toEqual(["E_INVALID", "provider"]);
    expect(e.problem).toBe("is the vault provider s/dr, but these resources are aws resources");
    const v = refusalOf(() => new VaultPolicy(w.stack, "p", { name: "p", ownership, rules: [{ path: "a/b", capabilities: ["read"] }], provider: w.aws }));
    expect(v.problem).toBe("is the aws provider s/prod, but these resources are vault resources");
  });

  it("a provider of another stack", () => {
    const a = world("a");
    const b = world("b");
    const e = refusalOf(() => jit(b.stack, "r", a.aws));
    expect(e.problem).toBe("the provider a/prod belongs to another stack");
  });
});
