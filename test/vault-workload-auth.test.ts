import { TerraformStack } from "../provider-shim/core";
import { VaultPolicy, VaultWorkloadAuth, WorkloadAuthRoleProps, ZspError } from "../modules";
import { synth, testApp } from "./helpers/synth";
import { OWNER, only } from "./helpers/vault";

const K8S = { path: "jwt-k8s", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", verification: { oidcDiscoveryUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }, ownership: OWNER };

function build(stack: TerraformStack, role: Partial<WorkloadAuthRoleProps> = {}): void {
  const policy = new VaultPolicy(stack, "policy", { name: "nightly-report", ownership: OWNER, rules: [{ path: "aws-jit/creds/nightly-report", capabilities: ["read"] }] });
  new VaultWorkloadAuth(stack, "auth", K8S).addRole("nightly-report", {
    audiences: ["vault"],
    subject: "system:serviceaccount:reporting:nightly-report",
    policies: [policy],
    ...role,
  });
}

describe("VaultWorkloadAuth", () => {
  const json = synth((stack) => build(stack, { claimMappings: VaultWorkloadAuth.KUBERNETES_CLAIM_MAPPINGS }));

  it("mounts a jwt auth backend bound to the issuer, with the owner in its description", () => {
    expect(only(json, "vault_jwt_auth_backend")).toMatchObject({
      path: "jwt-k8s",
      type: "jwt",
      bound_issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
      oidc_discovery_url: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE",
      description: "zsp:owner=team-payments; zsp:contact=payments-oncall@acme.example; zsp:purpose=test; zsp:access=issuer",
    });
  });

  it("caps every token from the mount at maxTokenTtl through the mount's own tune, whatever a role says", () => {
    expect(only(json, "vault_jwt_auth_backend").tune).toEqual([{ default_lease_ttl: "900s", max_lease_ttl: "900s", token_type: "default-service" }]);
  });

  it("GitHub Actions: issuer and keys from token.actions.githubusercontent.com, exact sub plus pinned immutable ids, run metadata in the token", () => {
    const gh = synth((stack) => {
      const policy = new VaultPolicy(stack, "policy", { name: "deploy", ownership: OWNER, rules: [{ path: "aws-jit/creds/payments-deploy", capabilities: ["read"] }] });
      VaultWorkloadAuth.githubActions(stack, "gh", { path: "jwt-github", ownership: OWNER }).addRole("payments-deploy", {
        audiences: ["https://github.com/acme"],
        subject: "repo:acme/payments:environment:production",
        claims: { repository_id: "123456789", job_workflow_ref: "acme/workflows/.github/workflows/deploy.yml@refs/heads/main" },
        policies: [policy],
        tokenTtl: "5m",
        claimMappings: VaultWorkloadAuth.GITHUB_CLAIM_MAPPINGS,
      });
    });
    expect(only(gh, "vault_jwt_auth_backend")).toMatchObject({ path: "jwt-github", bound_issuer: "https://token.actions.githubusercontent.com", oidc_discovery_url: "https://token.actions.githubusercontent.com" });
    expect(only(gh, "vault_jwt_auth_backend_role")).toMatchObject({
      bound_claims: { sub: "repo:acme/payments:environment:production", repository_id: "123456789", job_workflow_ref: "acme/workflows/.github/workflows/deploy.yml@refs/heads/main" },
      bound_audiences: ["https://github.com/acme"],
      claim_mappings: { repository: "repository", run_id: "run_id", job_workflow_ref: "job_workflow_ref", environment: "environment" },
      token_ttl: 300,
      token_max_ttl: 900,
    });
  });

  it("binds the exact sub and aud, only the declared policy, and bounded token TTLs (defaults 10m / 15m)", () => {
    const role = only(json, "vault_jwt_auth_backend_role");
    expect(role).toMatchObject({
      role_name: "nightly-report",
      role_type: "jwt",
      user_claim: "sub",
      bound_audiences: ["vault"],
      bound_claims: { sub: "system:serviceaccount:reporting:nightly-report" },
      bound_claims_type: "string",
      token_policies: ["nightly-report"],
      token_no_default_policy: true,
      token_ttl: 600,
      token_max_ttl: 900,
      token_explicit_max_ttl: 900,
      claim_mappings: { "/kubernetes.io/namespace": "k8s_namespace" },
    });
    expect(role.backend).toMatch(/^\$\{vault_jwt_auth_backend\..+\.path\}$/);
  });

  it("follows a stricter profile", () => {
    const strict = synth((stack) => build(stack), { maxTokenTtl: "5m" });
    expect(only(strict, "vault_jwt_auth_backend_role")).toMatchObject({ token_ttl: 300, token_max_ttl: 300, token_explicit_max_ttl: 300 });
    expect(only(strict, "vault_jwt_auth_backend").tune).toEqual([expect.objectContaining({ max_lease_ttl: "300s" })]);
  });

  it.each<[string, Partial<WorkloadAuthRoleProps>, string]>([
    ["a token TTL over the profile", { tokenMaxTtl: "1h" }, "invalid props.tokenMaxTtl: 1h exceeds the profile's maxTokenTtl of 15m"],
    ["a zero token TTL", { tokenTtl: 0 }, "invalid props.tokenTtl: 0 is not a positive whole number of seconds"],
    ["ttl above max", { tokenTtl: "15m", tokenMaxTtl: "10m" }, "invalid props.tokenTtl: 15m is longer than the maximum of 10m"],
    ["a glob subject", { subject: "system:serviceaccount:reporting:*" }, "invalid props.subject: \"system:serviceaccount:reporting:*\" is not one exact claim value"],
    ["a comma list subject", { subject: "a,b" }, "is not one exact claim value"],
    ["no audience", { audiences: [] }, "invalid props.audiences: needs at least one exact audience"],
    ["no policy", { policies: [] }, "invalid props.policies: a workload role needs at least one VaultPolicy"],
    ["sub in claims", { claims: { sub: "x" } }, "invalid props.claims.sub: sub is set by the subject prop"],
  ])("refuses %s", (_n, role, message) => {
    const make = (): unknown => build(new TerraformStack(testApp(), "s"), role);
    expect(make).toThrow(ZspError);
    expect(make).toThrow(message);
  });

  it.each<[string, object, string]>([
    ["two key sources", { verification: { oidcDiscoveryUrl: "https://a", jwksUrl: "https://b" } }, "give exactly one of oidcDiscoveryUrl, jwksUrl, publicKeys (got oidcDiscoveryUrl, jwksUrl)"],
    ["plain http keys", { verification: { jwksUrl: "http://keys" } }, "invalid props.verification.jwksUrl"],
    ["a non-https issuer", { issuer: "token.actions.githubusercontent.com" }, "invalid props.issuer"],
  ])("refuses a mount with %s", (_n, patch, message) => {
    expect(() => new VaultWorkloadAuth(new TerraformStack(testApp(), "s"), "a", { ...K8S, ...patch })).toThrow(message);
  });
});
