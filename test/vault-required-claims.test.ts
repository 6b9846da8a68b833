/** VaultWorkloadAuth `requiredClaims`: glob-bound claims that must be present, without loosening exact ones. */
import { TerraformStack } from "../provider-shim/core";
import { VaultPolicy, VaultWorkloadAuth, ZspError } from "../modules";
import type { WorkloadAuthRoleProps } from "../modules";
import { synth } from "./helpers/synth";
import { OWNER, only } from "./helpers/vault";
import { refusalOf } from "./helpers/refusal";

const K8S = { path: "jwt-k8s", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", verification: { oidcDiscoveryUrl: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }, ownership: OWNER };

function build(stack: TerraformStack, role: Partial<WorkloadAuthRoleProps>): void {
  const policy = new VaultPolicy(stack, "policy", { name: "nightly-report", ownership: OWNER, rules: [{ path: "aws-jit/creds/nightly-report", capabilities: ["read"] }] });
  new VaultWorkloadAuth(stack, "auth", K8S).addRole("nightly-report", { audiences: ["vault"], subject: "system:serviceaccount:reporting:nightly-report", policies: [policy], ...role });
}

const refusal = (role: Partial<WorkloadAuthRoleProps>): ZspError => refusalOf(() => synth((stack) => build(stack, role)));

describe("VaultWorkloadAuth requiredClaims", () => {
  it("binds required claims as globs next to the exact sub and claims", () => {
    const role = only(synth((stack) => build(stack, { claims: { "/kubernetes.io/namespace": "reporting" }, requiredClaims: { task_id: "*", ticket: "CHG-*" } })), "vault_jwt_auth_backend_role");
    expect(role).toMatchObject({
      bound_claims_type: "glob",
      bound_claims: { sub: "system:serviceaccount:reporting:nightly-report", "/kubernetes.io/namespace": "reporting", task_id: "*", ticket: "CHG-*" },
    });
  });

  it("keeps bound_claims_type string without required claims", () => {
    expect(only(synth((stack) => build(stack, {})), "vault_jwt_auth_backend_role").bound_claims_type).toBe("string");
  });

  it("refuses to re-bind sub (or an exact claim) by pattern, and comma lists", () => {
    expect(refusal({ requiredClaims: { sub: "*" } }).prop).toBe("props.requiredClaims.sub");
    expect(refusal({ claims: { env: "prod" }, requiredClaims: { env: "*" } }).message).toContain("env is already bound exactly");
    expect(refusal({ requiredClaims: { ticket: "CHG-*,INC-*" } }).message).toContain("not one glob pattern");
  });

  it("still refuses a glob in the exact subject (it would be a pattern under bound_claims_type glob)", () => {
    expect(refusal({ subject: "system:serviceaccount:reporting:*", requiredClaims: { task_id: "*" } }).prop).toBe("props.subject");
  });
});
