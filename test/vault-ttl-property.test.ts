import fc from "fast-check";
import { TerraformStack, Testing } from "../provider-shim/core";
import { JitRole, VaultAwsSecretsEngine, VaultDatabaseSecretsEngine, VaultPkiEngine, VaultPolicy, VaultWorkloadAuth, WorkloadIdentity, grant, postgresReadOnly } from "../modules";
import { TfJson } from "./helpers/synth";
import { jitApp } from "./helpers/jit";
import { OWNER } from "./helpers/vault";

/** Every TTL attribute each Vault resource type must carry, and the profile bound (key) it must respect. */
const TTLS: Record<string, Record<string, "maxLease" | "maxStsTtl" | "maxTokenTtl">> = {
  vault_aws_secret_backend: { default_lease_ttl_seconds: "maxLease", max_lease_ttl_seconds: "maxLease" },
  vault_aws_secret_backend_role: { default_sts_ttl: "maxStsTtl", max_sts_ttl: "maxStsTtl" },
  vault_mount: { default_lease_ttl_seconds: "maxLease", max_lease_ttl_seconds: "maxLease" },
  vault_database_secret_backend_role: { default_ttl: "maxLease", max_ttl: "maxLease" },
  vault_pki_secret_backend_role: { ttl: "maxLease", max_ttl: "maxLease" },
  vault_jwt_auth_backend_role: { token_ttl: "maxTokenTtl", token_max_ttl: "maxTokenTtl", token_explicit_max_ttl: "maxTokenTtl" },
};

/** An optional whole number of minutes in [lo, hi], as a duration string. */
const opt = (lo: number, hi: number): fc.Arbitrary<number | undefined> => fc.option(fc.integer({ min: lo, max: Math.max(lo, hi) }), { nil: undefined });
const m = (minutes: number | undefined): string | undefined => (minutes === undefined ? undefined : `${minutes}m`);

/** Valid inputs by construction (each default at most its max, each max within its bounds), any of them omitted. */
const cases = fc.record({ L: fc.integer({ min: 30, max: 240 }), S: fc.integer({ min: 15, max: 60 }), K: fc.integer({ min: 1, max: 60 }) }).chain(({ L, S, K }) =>
  fc.record({ awsMax: opt(30, L), dbMax: opt(1, L), tokenMax: opt(1, K), pki: opt(1, L) }).chain((a) => {
    const awsMaxEff = a.awsMax ?? Math.min(60, L);
    const dbMaxEff = a.dbMax ?? L;
    const stsCeiling = Math.min(S, awsMaxEff);
    return fc.record({ awsLease: opt(1, awsMaxEff), stsMax: opt(15, stsCeiling), dbLease: opt(1, dbMaxEff), roleMax: opt(1, dbMaxEff), token: opt(1, a.tokenMax ?? K) }).chain((b) =>
      fc.record({ sts: opt(15, b.stsMax ?? stsCeiling), roleTtl: opt(1, b.roleMax ?? dbMaxEff) }).map((c) => ({ L, S, K, ...a, ...b, ...c })));
  }));

describe("every Vault TTL is written explicitly, positive and within the profile", () => {
  it("holds for arbitrary valid (possibly omitted) TTL props and profiles", () => {
    fc.assert(fc.property(cases, (t) => {
      const profile = { maxLease: `${t.L}m`, maxStsTtl: `${t.S}m`, maxTokenTtl: `${t.K}m`, allowedRegions: ["eu-west-1"] };
      const stack = new TerraformStack(jitApp(profile), "p");
      const role = new JitRole(stack, "role", { roleName: "r", account: "111122223333", ownership: OWNER, identities: [WorkloadIdentity.awsRole({ roleArn: "arn:aws:iam::111122223333:role/vault-server" })], grants: [grant(["s3:GetObject"], ["arn:aws:s3:::b/*"])] });
      new VaultAwsSecretsEngine(stack, "aws", { path: "aws-jit", serverRoleArn: "arn:aws:iam::111122223333:role/vault-server", region: "eu-west-1", defaultLeaseTtl: m(t.awsLease), maxLeaseTtl: m(t.awsMax), ownership: OWNER })
        .addRole("r", { credentialType: "assumed_role", roles: [role], stsTtl: m(t.sts), maxStsTtl: m(t.stsMax) });
      const db = new VaultDatabaseSecretsEngine(stack, "db", { path: "db-jit", defaultLeaseTtl: m(t.dbLease), maxLeaseTtl: m(t.dbMax), ownership: OWNER });
      db.addRole("r", { connection: db.addConnection("c", { plugin: "postgresql", connectionUrl: "postgresql://{{username}}:{{password}}@h/d", username: "v" }), creationStatements: postgresReadOnly("s"), ttl: m(t.roleTtl), maxTtl: m(t.roleMax) });
      new VaultPkiEngine(stack, "pki", { path: "pki", ownership: OWNER, ca: { type: "external-intermediate", commonName: "ca" } }).addRole("w", { allowedUriSans: ["spiffe://acme.example/*"], ttl: m(t.pki) });
      const policy = new VaultPolicy(stack, "pol", { name: "p", ownership: OWNER, rules: [{ path: "aws-jit/creds/r", capabilities: ["read"] }] });
      new VaultWorkloadAuth(stack, "jwt", { path: "jwt", issuer: "https://issuer.example", verification: { jwksUrl: "https://issuer.example/keys" }, ownership: OWNER })
        .addRole("r", { audiences: ["vault"], subject: "s", policies: [policy], tokenTtl: m(t.token), tokenMaxTtl: m(t.tokenMax) });
      const json = JSON.parse(Testing.synth(stack)) as TfJson;
      const limit = { maxLease: t.L * 60, maxStsTtl: t.S * 60, maxTokenTtl: t.K * 60 };
      let checked = 0;
      for (const [type, keys] of Object.entries(TTLS)) {
        for (const resource of Object.values(json.resource?.[type] ?? {})) {
          for (const [key, bound] of Object.entries(keys)) {
            const value = Number(resource[key]);
            expect({ type, key, ok: Number.isInteger(value) && value > 0 && value <= limit[bound] }).toEqual({ type, key, ok: true });
            checked++;
          }
        }
      }
      expect(checked).toBe(2 + 2 + 2 * 2 + 2 + 2 + 3);
    }), { numRuns: 60 });
  });
});
