import { parseVaultPolicy, vaultPathsOverlap } from "../modules/guard/vault-policy-hcl";
import { Computed, bothShapes, findings, tf } from "./helpers/shapes";

// ZSP015 as Vault evaluates policies: a real HCL parse and escalation through Vault's own paths,
// whether the policy is a vault_policy or written through vault_generic_endpoint; both input shapes,
// each case with a clean twin.

const READ_CREDS = 'path "aws-jit/creds/nightly-report" {\n  capabilities = ["read"]\n}\n';

interface Case { readonly name: string; readonly bad: string; readonly good: string }

const POLICIES: Case[] = [
  { name: "write on sys/*", bad: 'path "sys/*" {\n  capabilities = ["create", "update"]\n}\n', good: 'path "sys/leases/renew" {\n  capabilities = ["read"]\n}\n' },
  {
    name: "sys/policies/acl/* plus auth/<mount>/role/* (a workload that writes itself a root policy)",
    bad: 'path "sys/policies/acl/*" {\n  capabilities = ["create", "update"]\n}\npath "auth/jwt-k8s/role/*" {\n  capabilities = ["update"]\n}\n',
    good: 'path "sys/policies/acl/nightly-report" {\n  capabilities = ["read"]\n}\npath "auth/jwt-k8s/role/nightly-report" {\n  capabilities = ["read"]\n}\n',
  },
  { name: "a + segment over every auth mount's roles", bad: 'path "auth/+/role/*" {\n  capabilities = ["update"]\n}\n', good: 'path "auth/+/login" {\n  capabilities = ["create", "update"]\n}\n' },
  { name: "a prefix glob that reaches sys/auth", bad: 'path "sys/au*" {\n  capabilities = ["create"]\n}\n', good: 'path "sys/audit-hash/*" {\n  capabilities = ["read"]\n}\n' },
  { name: "write on identity/*", bad: 'path "identity/group/*" {\n  capabilities = ["create", "update"]\n}\n', good: 'path "identity/oidc/token/nightly-report" {\n  capabilities = ["read"]\n}\n' },
  {
    name: 'path "*" with sudo next to an allowed_parameters block',
    bad: 'path "aws-jit/creds/nightly-report" {\n  capabilities = ["read"]\n  allowed_parameters = {\n    "ttl" = ["15m"]\n  }\n}\npath "*" {\n  capabilities = ["read", "sudo"]\n}\n',
    good: 'path "aws-jit/creds/nightly-report" {\n  capabilities = ["read"]\n  allowed_parameters = {\n    "ttl" = ["15m"]\n  }\n}\n',
  },
  {
    name: 'path "*" after a /* */ comment',
    bad: '/* the nightly report\n   "reads" its creds */\npath "*" { capabilities = ["read"] } // temporary\n',
    good: `/* the nightly report\n   "reads" its creds */\n${READ_CREDS}# done\n`,
  },
  { name: "a JSON policy writing sys/mounts", bad: JSON.stringify({ path: { "sys/mounts/*": { capabilities: ["create", "update"] } } }), good: JSON.stringify({ path: { "aws-jit/creds/nightly-report": { capabilities: ["read"] } } }) },
  { name: "the legacy policy = \"sudo\" shorthand", bad: 'path "secret/*" {\n  policy = "sudo"\n}\n', good: 'path "secret/data/nightly-report" {\n  policy = "read"\n}\n' },
];

describe("ZSP015 on vault_policy", () => {
  describe.each(POLICIES)("$name", (c) => {
    it.each(bothShapes(tf({ resource: { vault_policy: { p: { name: "p", policy: c.bad } } } })))("is found (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP015"])).toContain("ZSP015 vault_policy.p");
    });
    it.each(bothShapes(tf({ resource: { vault_policy: { p: { name: "p", policy: c.good } } } })))("its clean twin passes (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP015", "ZSP000"])).toEqual([]);
    });
  });
});

describe("ZSP015 on a policy written through vault_generic_endpoint", () => {
  const endpoint = (policy: string, path = "sys/policies/acl/nightly-report"): Record<string, unknown> =>
    tf({ resource: { vault_generic_endpoint: { p: { path, data_json: JSON.stringify({ policy }) } } } });
  it.each(bothShapes(endpoint('path "sys/policies/acl/*" { capabilities = ["update"] }')))("is found (%s)", (_shape, model) => {
    expect(findings(model, ["ZSP015"])).toEqual(["ZSP015 vault_generic_endpoint.p"]);
  });
  it.each(bothShapes(endpoint(READ_CREDS)))("its clean twin passes (%s)", (_shape, model) => {
    expect(findings(model, ["ZSP015", "ZSP000"])).toEqual([]);
  });
  it("reads the legacy sys/policy endpoint and a jsonencode'd body in a plan", () => {
    const config = tf({ resource: { vault_generic_endpoint: { p: { path: "sys/policy/ci", data_json: '${jsonencode({policy = "path \\"*\\" { capabilities = [\\"read\\"] }"})}' } } } });
    const computed: Computed = { "vault_generic_endpoint.p": { data_json: JSON.stringify({ policy: 'path "*" { capabilities = ["read"] }' }) } };
    const [[, cfg], [, plan]] = bothShapes(config, computed) as [[string, never], [string, never]];
    expect(findings(plan, ["ZSP015"])).toEqual(["ZSP015 vault_generic_endpoint.p"]);
    // Without the evaluator's value the configuration's expression is unknown, never clean.
    expect(findings(cfg, ["ZSP015", "ZSP000"]).length).toBeGreaterThan(0);
  });
  it("other endpoints (tuning a mount) are not policies", () => {
    for (const [, model] of bothShapes(tf({ resource: { vault_generic_endpoint: { t: { path: "sys/mounts/aws-jit/tune", data_json: '{"max_lease_ttl":"1h"}' } } } }))) {
      expect(findings(model, ["ZSP015", "ZSP000"])).toEqual([]);
    }
  });
});

describe("the Vault policy parser and path matcher", () => {
  it("reads comments, parameter blocks and objects, and refuses what is not a policy", () => {
    expect(parseVaultPolicy('# a\n// b\n/* c */ path "a/*" {\n capabilities = ["read"]\n denied_parameters { "x" = [] }\n required_parameters = ["y"]\n min_wrapping_ttl = "1s"\n}')).toEqual([{ path: "a/*", capabilities: ["read"] }]);
    expect(parseVaultPolicy('path "a" { capabilities = ["read"] ')).toBeUndefined();
    expect(parseVaultPolicy("key \"x\" { policy = \"write\" }")).toBeUndefined();
    expect(parseVaultPolicy('path "a" { capabilities = ["read"] } /* unterminated')).toBeUndefined();
  });
  it.each([
    ["sys/*", "sys/policies/acl/*", true], ["auth/+/role/*", "auth/jwt/role/x", true], ["auth/+/role/*", "auth/a/b/role/x", false],
    ["auth/jwt/login", "auth/+/role/*", false], ["sys/au*", "sys/auth/*", true], ["secret/*/x", "secret/a/x", false],
    ["+/+", "sys/auth", true], ["+", "sys/auth", false], ["identity/entity/id/+", "identity/*", true],
  ])("%s and %s overlap: %s", (a, b, expected) => {
    expect(vaultPathsOverlap(a, b)).toBe(expected);
    expect(vaultPathsOverlap(b, a)).toBe(expected);
  });
});
