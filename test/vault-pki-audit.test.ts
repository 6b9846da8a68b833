import { TerraformStack } from "../provider-shim/core";
import { PkiRoleProps, VaultAuditDevice, VaultPkiEngine, ZspError } from "../modules";
import { synth, testApp } from "./helpers/synth";
import { OWNER, only, resources } from "./helpers/vault";

const SPIFFE = "spiffe://acme.example/ns/*/sa/*";

function pki(stack: TerraformStack, role: Partial<PkiRoleProps> = {}): void {
  new VaultPkiEngine(stack, "pki", { path: "pki-spiffe", ownership: OWNER, ca: { type: "internal-root", commonName: "acme.example workload root" } })
    .addRole("workload", { allowedUriSans: [SPIFFE], ...role });
}

describe("VaultPkiEngine", () => {
  const json = synth((stack) => pki(stack));

  it("issues from a bounded mount; the root lives on its own mount with no roles", () => {
    const mounts = resources(json, "vault_mount");
    expect(mounts).toEqual([
      expect.objectContaining({ path: "pki-spiffe", type: "pki", default_lease_ttl_seconds: 3600, max_lease_ttl_seconds: 3600, description: expect.stringContaining("zsp:owner=team-payments") }),
      expect.objectContaining({ path: "pki-spiffe-root", type: "pki", max_lease_ttl_seconds: 8760 * 3600, description: expect.stringContaining("CA only, no roles") }),
    ]);
    expect(only(json, "vault_pki_secret_backend_role").backend).toMatch(/vault_mount\.pki_mount_.+\.path/);
  });

  it("keeps CA private keys inside Vault (type internal), so they are never in the state", () => {
    expect(only(json, "vault_pki_secret_backend_root_cert")).toMatchObject({ type: "internal", ttl: String(8760 * 3600) });
    expect(only(json, "vault_pki_secret_backend_intermediate_cert_request")).toMatchObject({ type: "internal" });
    expect(only(json, "vault_pki_secret_backend_root_sign_intermediate")).toMatchObject({ ttl: String(720 * 3600), max_path_length: 0 });
    expect(only(json, "vault_pki_secret_backend_intermediate_set_signed").certificate).toMatch(/root_sign_intermediate\..+\.certificate/);
  });

  it("issues SPIFFE certificates for 1 h at most, no wildcard or free-form names", () => {
    expect(only(json, "vault_pki_secret_backend_role")).toMatchObject({
      name: "workload",
      ttl: "3600",
      max_ttl: "3600",
      allowed_uri_sans: [SPIFFE],
      allowed_domains: [],
      allow_any_name: false,
      allow_glob_domains: false,
      allow_wildcard_certificates: false,
      allow_subdomains: false,
      allow_ip_sans: false,
      allow_localhost: false,
      enforce_hostnames: true,
    });
  });

  it("allows wildcard DNS only when asked", () => {
    const wild = synth((stack) => pki(stack, { allowedDomains: ["*.svc.acme.example"], allowWildcardDns: true, ttl: "15m" }));
    expect(only(wild, "vault_pki_secret_backend_role")).toMatchObject({ allowed_domains: ["*.svc.acme.example"], allow_wildcard_certificates: true, allow_glob_domains: true, ttl: "900", max_ttl: "3600" });
  });

  it("supports an intermediate signed outside Terraform: only the CSR, no root", () => {
    const ext = synth((stack) => new VaultPkiEngine(stack, "pki", { path: "pki-spiffe", ownership: OWNER, ca: { type: "external-intermediate", commonName: "acme" } }));
    expect(resources(ext, "vault_pki_secret_backend_root_cert")).toEqual([]);
    expect(resources(ext, "vault_mount")).toHaveLength(1);
    expect(only(ext, "vault_pki_secret_backend_intermediate_cert_request")).toMatchObject({ type: "internal" });
  });

  it.each<[string, Partial<PkiRoleProps>, string]>([
    ["wildcard DNS without opting in", { allowedDomains: ["*.acme.example"] }, 'invalid props.allowedDomains[0]: "*.acme.example" is a wildcard DNS name'],
    ["a URI SAN with a glob trust domain", { allowedUriSans: ["spiffe://*/ns/a"] }, "does not name a fixed trust domain"],
    ["no URI SAN", { allowedUriSans: [] }, "a workload role needs at least one URI SAN pattern"],
    ["a TTL over the profile", { maxTtl: "24h" }, "invalid props.maxTtl: 1d exceeds the profile's maxLease of 1h"],
    ["a zero TTL", { ttl: "0s" }, 'invalid props.ttl: "0s" is zero'],
  ])("refuses %s", (_n, role, message) => {
    const make = (): unknown => pki(new TerraformStack(testApp(), "s"), role);
    expect(make).toThrow(ZspError);
    expect(make).toThrow(message);
  });

  it("refuses exported CA keys", () => {
    expect(() => new VaultPkiEngine(new TerraformStack(testApp(), "s"), "p", { path: "pki", ownership: OWNER, ca: { type: "exported" as never, commonName: "x" } }))
      .toThrow('invalid props.ca.type: "exported" is not a CA source; exported keys would land in the Terraform state');
  });
});

describe("VaultAuditDevice", () => {
  it("logs to a file as JSON with secrets and accessors HMAC'd, owned by the audit owner", () => {
    const json = synth((stack) => new VaultAuditDevice(stack, "audit", { sink: { type: "file", filePath: "/vault/audit/audit.log" }, ownership: OWNER }));
    expect(only(json, "vault_audit")).toEqual({
      path: "file",
      type: "file",
      description: "zsp:owner=team-payments; zsp:contact=payments-oncall@acme.example; zsp:purpose=test; zsp:access=audit",
      options: { file_path: "/vault/audit/audit.log", mode: "0600", format: "json", log_raw: "false", hmac_accessor: "true" },
    });
  });

  it("logs to a socket", () => {
    const json = synth((stack) => new VaultAuditDevice(stack, "audit", { path: "siem", sink: { type: "socket", address: "audit.internal:9090" }, ownership: OWNER }));
    expect(only(json, "vault_audit")).toMatchObject({ path: "siem", type: "socket", options: { address: "audit.internal:9090", socket_type: "tcp", log_raw: "false" } });
  });

  it.each<[string, object, string]>([
    ["log_raw", { sink: { type: "file", filePath: "/a.log" }, logRaw: true }, "invalid props.logRaw: log_raw writes every secret Vault issues into the audit log in plain text"],
    ["a relative file path", { sink: { type: "file", filePath: "audit.log" } }, "invalid props.sink.filePath"],
    ["an unknown sink", { sink: { type: "syslog" } }, 'invalid props.sink.type: "syslog" is not an audit sink'],
    ["no owner", { sink: { type: "file", filePath: "/a.log" }, ownership: undefined }, "invalid props.ownership: ownership is required"],
  ])("refuses %s", (_n, props, message) => {
    expect(() => new VaultAuditDevice(new TerraformStack(testApp(), "s"), "a", { ownership: OWNER, ...props } as never)).toThrow(message);
  });
});

describe("VaultPkiEngine CA lifetimes", () => {
  it.each<[string, object, string]>([
    ["an intermediate outliving its root", { rootTtl: "720h", intermediateTtl: "8760h" }, "invalid props.ca.intermediateTtl: 365d exceeds the root CA's lifetime of 30d"],
    ["a root over ten years", { rootTtl: "90000h" }, "invalid props.ca.rootTtl: 3750d exceeds the 10-year limit on a root CA of 3650d"],
  ])("refuses %s, naming the bound (not a profile field)", (_n, ca, message) => {
    const make = (): unknown => new VaultPkiEngine(new TerraformStack(testApp(), "s"), "p", { path: "pki", ownership: OWNER, ca: { type: "internal-root", commonName: "x", ...ca } });
    expect(make).toThrow(ZspError);
    expect(make).toThrow(message);
  });
});
