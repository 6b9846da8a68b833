import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import { ZspError } from "../modules";
import { HardenedAwsProviderProps, HardenedVaultProviderProps, awsProvider, vaultProvider } from "../provider-shim";
import { allStrings, synth, testApp } from "./helpers/synth";

const awsProps: HardenedAwsProviderProps = {
  region: "eu-west-1",
  allowedAccountIds: ["111122223333"],
  assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "terraform-ci", sourceIdentity: "ci-run-42" },
  ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy" },
};
const vaultProps: HardenedVaultProviderProps = {
  address: "https://vault.acme.example:8200",
  login: { mount: "jwt-ci", role: "terraform-payments" },
};

function awsError(props: unknown, zsp?: unknown): () => void {
  return () => awsProvider(new TerraformStack(testApp(zsp), "s"), props as HardenedAwsProviderProps);
}
function vaultError(props: unknown): () => void {
  return () => vaultProvider(new TerraformStack(testApp(), "s"), props as HardenedVaultProviderProps);
}

describe("awsProvider", () => {
  it("synthesizes assume_role with session name, source identity and a short duration, pinned accounts and ownership default tags", () => {
    const json = synth((stack) => awsProvider(stack, awsProps));
    expect(json.provider?.aws).toEqual([{
      region: "eu-west-1",
      allowed_account_ids: ["111122223333"],
      assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/terraform-apply", session_name: "terraform-ci", source_identity: "ci-run-42", duration: "15m" }],
      default_tags: [{ tags: { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "deploy", "zsp:access": "jit" } }],
    }]);
  });

  it("never writes static credentials", () => {
    const provider = synth((stack) => awsProvider(stack, { ...awsProps, assumeRole: { ...awsProps.assumeRole, duration: "1h", externalId: "ext-1" }, alias: "deploy" })).provider?.aws?.[0] ?? {};
    for (const key of ["access_key", "secret_key", "token", "profile", "shared_credentials_files", "shared_config_files"]) {
      expect(provider).not.toHaveProperty(key);
    }
    expect(provider).toMatchObject({ alias: "deploy", assume_role: [{ duration: "1h", external_id: "ext-1" }] });
  });

  it.each<[string, unknown, string]>([
    ["static access key", { ...awsProps, accessKey: "AKIAIOSFODNN7EXAMPLE" }, "s/aws: invalid props.accessKey: static or shared credentials are standing credentials (OWASP NHI-07)"],
    ["static secret key", { ...awsProps, secretKey: "x" }, "invalid props.secretKey: static or shared credentials"],
    ["shared profile", { ...awsProps, profile: "admin" }, "invalid props.profile: static or shared credentials"],
    ["shared credentials file", { ...awsProps, sharedCredentialsFiles: ["~/.aws/credentials"] }, "invalid props.sharedCredentialsFiles"],
    ["session over 1 h", { ...awsProps, assumeRole: { ...awsProps.assumeRole, duration: "2h" } }, "invalid props.assumeRole.duration: 2h exceeds the provider session limit of 1h"],
    ["zero session", { ...awsProps, assumeRole: { ...awsProps.assumeRole, duration: 0 } }, "invalid props.assumeRole.duration: 0 is not a positive whole number of seconds"],
    ["missing assume_role", { ...awsProps, assumeRole: undefined }, "invalid props.assumeRole: is required"],
    ["no allowed accounts", { ...awsProps, allowedAccountIds: [] }, "invalid props.allowedAccountIds: needs at least one 12-digit account id"],
    ["role in another account", { ...awsProps, allowedAccountIds: ["444455556666"] }, "invalid props.assumeRole.roleArn: account 111122223333 is not in allowedAccountIds"],
    ["not a role ARN", { ...awsProps, assumeRole: { ...awsProps.assumeRole, roleArn: "arn:aws:iam::111122223333:user/ci" } }, "is not an IAM role ARN"],
    ["missing source identity", { ...awsProps, assumeRole: { ...awsProps.assumeRole, sourceIdentity: undefined } }, "invalid props.assumeRole.sourceIdentity"],
    ["missing ownership", { ...awsProps, ownership: undefined }, "invalid props.ownership: ownership is required"],
    ["bad region", { ...awsProps, region: "everywhere" }, 'invalid props.region: "everywhere" is not an AWS region name'],
  ])("refuses %s", (_name, props, message) => {
    expect(awsError(props)).toThrow(ZspError);
    expect(awsError(props)).toThrow(message);
  });

  it("bounds the session by a stricter-than-AWS profile and by allowedRegions", () => {
    expect(awsError({ ...awsProps, region: "us-east-1" }, { allowedRegions: ["eu-west-1"] })).toThrow("region us-east-1 is not in the profile's allowedRegions (eu-west-1)");
  });
});

describe("vaultProvider", () => {
  it("logs in only through auth_login_jwt with a sensitive variable and a bounded child token", () => {
    const json = synth((stack) => vaultProvider(stack, vaultProps));
    expect(json.provider?.vault).toEqual([{
      address: "https://vault.acme.example:8200",
      max_lease_ttl_seconds: 1200,
      skip_child_token: false,
      auth_login_jwt: [{ mount: "jwt-ci", role: "terraform-payments", jwt: "${var.vault_jwt}" }],
    }]);
    expect(json.variable?.vault_jwt).toMatchObject({ type: "string", sensitive: true, nullable: false });
    expect(json.provider?.vault?.[0]).not.toHaveProperty("token");
  });

  it("accepts a caller's sensitive variable and a shorter lease", () => {
    const json = synth((stack) => {
      const jwt = new TerraformVariable(stack, "ci_jwt", { type: "string", sensitive: true });
      vaultProvider(stack, { ...vaultProps, maxLeaseTtl: "5m", namespace: "payments", login: { ...vaultProps.login, jwt } });
    });
    expect(json.provider?.vault?.[0]).toMatchObject({ max_lease_ttl_seconds: 300, namespace: "payments", auth_login_jwt: [{ jwt: "${var.ci_jwt}", namespace: "payments" }] });
  });

  it("writes no literal secret", () => {
    const strings = allStrings(synth((stack) => vaultProvider(stack, vaultProps)));
    expect(strings.filter((s) => /^(hvs\.|s\.)|eyJ/.test(s))).toEqual([]);
  });

  it.each<[string, (stack: TerraformStack) => unknown, string]>([
    ["a literal token", () => ({ ...vaultProps, token: "hvs.CAESIJ" }), "s/vault: invalid props.token: a Vault token or password in configuration is a standing secret"],
    ["a literal JWT", () => ({ ...vaultProps, login: { ...vaultProps.login, jwt: "eyJhbGciOi" } }), "invalid props.login.jwt: a literal secret would be written into the synthesized JSON and the state"],
    ["a non-sensitive variable", (stack) => ({ ...vaultProps, login: { ...vaultProps.login, jwt: new TerraformVariable(stack, "plain", { type: "string" }) } }), 'invalid props.login.jwt: variable "plain" is not sensitive'],
    ["a lease over 1 h", () => ({ ...vaultProps, maxLeaseTtl: "2h" }), "invalid props.maxLeaseTtl: 2h exceeds the provider token limit of 1h"],
    ["a zero lease", () => ({ ...vaultProps, maxLeaseTtl: 0 }), "invalid props.maxLeaseTtl: 0 is not a positive"],
    ["skipping the child token", () => ({ ...vaultProps, skipChildToken: true }), "invalid props.skipChildToken"],
    ["plain http to a remote server", () => ({ ...vaultProps, address: "http://vault.acme.example" }), "is not an https:// address"],
    ["no login", () => ({ ...vaultProps, login: undefined }), "invalid props.login: is required"],
    ["no props at all", () => undefined, "s/vault: invalid props: expected an object, got nothing (undefined)"],
    ["a bad mount", () => ({ ...vaultProps, login: { mount: "", role: "r" } }), "invalid props.login.mount"],
  ])("refuses %s", (_name, props, message) => {
    const make = (): unknown => {
      const stack = new TerraformStack(testApp(), "s");
      return vaultProvider(stack, props(stack) as HardenedVaultProviderProps);
    };
    expect(make).toThrow(ZspError);
    expect(make).toThrow(message);
  });

  it("allows plain http only on loopback", () => {
    expect(vaultError({ ...vaultProps, address: "http://127.0.0.1:8200" })).not.toThrow();
  });
});
