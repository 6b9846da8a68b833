import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { VaultPolicy, VaultPolicyRule, ZspError, minimalPolicyRules, renderPolicyHcl } from "../modules";
import { synth } from "./helpers/synth";

const owner = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "nightly report" };
const ctx = { path: "t", prop: "rules" };

describe("VaultPolicy", () => {
  const json = synth((stack) => new VaultPolicy(stack, "nightly", {
    name: "nightly-report",
    ownership: owner,
    rules: [
      { path: "aws-jit/creds/nightly-report", capabilities: ["read"] },
      { path: "aws-jit/creds/nightly-report", capabilities: ["read"] },
    ],
  }));
  const policy = Object.values(json.resource?.vault_policy ?? {})[0] as { name: string; policy: string };

  it("synthesizes one vault_policy granting only read on the one path, as parsed HCL shows", async () => {
    expect(policy.name).toBe("nightly-report");
    expect(await parse("policy.hcl", policy.policy)).toEqual({ path: { "aws-jit/creds/nightly-report": [{ capabilities: ["read"] }] } });
  });

  it("carries the ownership as comments Vault keeps in the policy text", () => {
    expect(policy.policy).toContain("# zsp:owner = team-payments\n# zsp:contact = payments-oncall@acme.example\n# zsp:purpose = nightly report");
  });

  it.each<[string, VaultPolicyRule[], string]>([
    ["sudo", [{ path: "sys/leases/revoke", capabilities: ["read", "sudo" as never] }], 'invalid props.rules.[0].capabilities: "sudo" on sys/leases/revoke grants root-protected operations'],
    ["a * path", [{ path: "aws-jit/creds/*", capabilities: ["read"] }], 'invalid props.rules.[0].path: "aws-jit/creds/*" is a glob path'],
    ["a + path", [{ path: "aws-jit/+/nightly", capabilities: ["read"] }], "is a glob path"],
    ["the root path *", [{ path: "*", capabilities: ["read"] }], "is a glob path"],
    ["no capability", [{ path: "a/b", capabilities: [] }], "invalid props.rules.[0].capabilities: no capability given"],
    ["an unknown capability", [{ path: "a/b", capabilities: ["root" as never] }], '"root" is not a Vault capability'],
    ["no rules", [], "a policy needs at least one rule"],
    ["a write to its own policy", [{ path: "sys/policies/acl/nightly-report", capabilities: ["update"] }], '"update" on sys/policies/acl/nightly-report changes Vault\'s own authorization'],
    ["a write to an auth role", [{ path: "auth/jwt-k8s/role/nightly-report", capabilities: ["read", "update"] }], '"update" on auth/jwt-k8s/role/nightly-report changes Vault\'s own authorization'],
    ["an identity group change", [{ path: "identity/group/name/admins", capabilities: ["patch"] }], "changes Vault's own authorization"],
    ["an orphan token", [{ path: "auth/token/create-orphan", capabilities: ["update"] }], "changes Vault's own authorization"],
  ])("refuses %s", (_n, rules, message) => {
    const make = (): unknown => synth((stack) => new VaultPolicy(stack, "p", { name: "p", ownership: owner, rules }));
    expect(make).toThrow(ZspError);
    expect(make).toThrow(message);
  });
});

describe("minimalPolicyRules", () => {
  it("allows reading authorization paths, and writing ordinary ones such as a token's own renewal", () => {
    expect(minimalPolicyRules([
      { path: "auth/jwt-k8s/role/nightly-report", capabilities: ["read"] },
      { path: "auth/token/renew-self", capabilities: ["update"] },
      { path: "sys/leases/renew", capabilities: ["update"] },
    ], ctx).map((r) => r.path)).toEqual(["auth/jwt-k8s/role/nightly-report", "auth/token/renew-self", "sys/leases/renew"]);
  });

  it("merges paths, orders capabilities, lets deny stand alone", () => {
    expect(minimalPolicyRules([
      { path: "b/x", capabilities: ["list", "read"] },
      { path: "a/y", capabilities: ["update"] },
      { path: "b/x", capabilities: ["read", "create"] },
      { path: "c/z", capabilities: ["read", "deny"] },
    ], ctx)).toEqual([
      { path: "a/y", capabilities: ["update"] },
      { path: "b/x", capabilities: ["create", "read", "list"] },
      { path: "c/z", capabilities: ["deny"] },
    ]);
  });

  it("round-trips through HCL: the parsed policy grants exactly the union of declared capabilities per path", async () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);
    const rule = fc.record({
      path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
      capabilities: fc.subarray(["create", "read", "update", "patch", "delete", "list"] as const, { minLength: 1 }),
    });
    await fc.assert(fc.asyncProperty(fc.array(rule, { minLength: 1, maxLength: 6 }), async (rules) => {
      const minimal = minimalPolicyRules(rules, ctx);
      const parsed = (await parse("p.hcl", renderPolicyHcl(minimal, ["zsp:owner = x"]))) as { path: Record<string, Array<{ capabilities: string[] }>> };
      const expected: Record<string, Set<string>> = {};
      for (const r of rules) for (const c of r.capabilities) (expected[r.path] ??= new Set()).add(c);
      expect(Object.keys(parsed.path).sort()).toEqual(Object.keys(expected).sort());
      for (const [path, blocks] of Object.entries(parsed.path)) {
        expect(blocks).toHaveLength(1);
        expect([...(blocks[0]?.capabilities ?? [])].sort()).toEqual([...(expected[path] ?? [])].sort());
      }
    }), { numRuns: 40 });
  });
});
