import { Construct } from "constructs";
import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import { IZspRole, JitRole, PolicyDocument, PolicyStatement, VaultAwsRoleProps, VaultAwsSecretsEngine, VaultAwsSecretsEngineProps, WorkloadIdentity, ZspError, grant } from "../modules";
import { allStrings, synth, testApp } from "./helpers/synth";
import { OWNER, only } from "./helpers/vault";
import { jitApp, policyOf, synthStack } from "./helpers/jit";

const VAULT_SERVER = "arn:aws:iam::111122223333:role/vault-server";
const ENGINE: VaultAwsSecretsEngineProps = { path: "aws-jit", serverRoleArn: VAULT_SERVER, region: "eu-west-1", defaultLeaseTtl: "15m", maxLeaseTtl: "1h", ownership: OWNER };

/**
 * Implements only the IZspRole contract, for what JitRole cannot express
 * (a max session under 1 h, a trust allowing sts:TagSession): the engine
 * must hold for any IZspRole.
 */
class ContractRole extends Construct implements IZspRole {
  public readonly roleArn = "${aws_iam_role.nightly.arn}";
  public readonly roleName = "nightly-report";
  public readonly rolePath = "/zsp/jit/";
  public readonly literalArn = "arn:aws:iam::111122223333:role/zsp/jit/nightly-report";
  public readonly grantStatements = [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-reports/nightly/*"] })];
  public readonly trustPolicy = new PolicyDocument([new PolicyStatement({ principal: { AWS: VAULT_SERVER }, actions: ["sts:AssumeRole", "sts:TagSession"] })]);
  public constructor(scope: Construct, public readonly trustedAwsRoleArns: readonly string[], public readonly maxSessionSeconds = 3600) {
    super(scope, "role");
  }
}

/** The example's JIT role, trusting `trusted` through WorkloadIdentity.awsRole. */
function jitRole(stack: TerraformStack, trusted: string = VAULT_SERVER): JitRole {
  return new JitRole(stack, "nightly-report-role", {
    roleName: "nightly-report",
    account: "111122223333",
    ownership: OWNER,
    identities: [WorkloadIdentity.awsRole({ roleArn: trusted })],
    grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
  });
}

function build(stack: TerraformStack, role: Partial<VaultAwsRoleProps> = {}, trusted: readonly string[] = [VAULT_SERVER], engine: Partial<VaultAwsSecretsEngineProps> = {}, maxSession = 3600): void {
  new VaultAwsSecretsEngine(stack, "aws", { ...ENGINE, ...engine }).addRole("nightly-report", {
    credentialType: "assumed_role",
    roles: [new ContractRole(stack, trusted, maxSession)],
    stsTtl: "15m",
    maxStsTtl: "30m",
    ...role,
  } as VaultAwsRoleProps);
}

describe("VaultAwsSecretsEngine into a JitRole", () => {
  const stack = new TerraformStack(jitApp(), "vault-aws");
  const engine = new VaultAwsSecretsEngine(stack, "aws", ENGINE);
  const role = jitRole(stack);
  const vaultRole = engine.addRole("nightly-report", { credentialType: "assumed_role", roles: [role], stsTtl: "15m", maxStsTtl: "30m" });
  const json = synthStack(stack);

  it("creates an assumed_role role whose only target is the JitRole, STS ttl 15m / max 30m", () => {
    expect(only(json, "vault_aws_secret_backend_role")).toMatchObject({
      name: "nightly-report",
      credential_type: "assumed_role",
      role_arns: [expect.stringMatching(/^\$\{aws_iam_role\..+\.arn\}$/)],
      default_sts_ttl: 900,
      max_sts_ttl: 1800,
    });
    expect(vaultRole.credsPath).toBe("aws-jit/creds/nightly-report");
  });

  it("the JitRole trusts exactly the Vault server role, and nothing else", () => {
    const trust = policyOf(only(json, "aws_iam_role"), "assume_role_policy");
    expect(trust.Statement).toEqual([expect.objectContaining({ Effect: "Allow", Principal: { AWS: VAULT_SERVER }, Action: "sts:AssumeRole" })]);
  });

  it("refuses a JitRole that trusts another role, naming both", () => {
    const other = new TerraformStack(jitApp(), "other");
    const e = new VaultAwsSecretsEngine(other, "aws", ENGINE);
    const wrong = jitRole(other, "arn:aws:iam::111122223333:role/someone-else");
    const add = (): unknown => e.addRole("nightly-report", { credentialType: "assumed_role", roles: [wrong] });
    expect(add).toThrow(ZspError);
    expect(add).toThrow("other/aws/nightly-report: invalid props.roles[0]: role nightly-report (other/nightly-report-role) does not trust the Vault server role arn:aws:iam::111122223333:role/vault-server; it trusts only arn:aws:iam::111122223333:role/someone-else, so Vault could not assume it. Fix: add WorkloadIdentity.awsRole({ roleArn: \"arn:aws:iam::111122223333:role/vault-server\" }) to the role's identities");
  });

  it("refuses a JitRole that trusts the Vault server role and also another identity (a way around Vault's TTL)", () => {
    const other = new TerraformStack(jitApp(), "also");
    const both = new JitRole(other, "both", {
      roleName: "nightly-report",
      account: "111122223333",
      ownership: OWNER,
      identities: [
        WorkloadIdentity.awsRole({ roleArn: VAULT_SERVER }),
        WorkloadIdentity.githubActions({ providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", repo: "acme/payments", environment: "production" }),
      ],
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-reports/nightly/*"])],
    });
    const engine = new VaultAwsSecretsEngine(other, "engine", ENGINE);
    const add = (): unknown => engine.addRole("nightly-report", { credentialType: "assumed_role", roles: [both] });
    expect(add).toThrow(ZspError);
    expect(add).toThrow("also/engine/nightly-report: invalid props.roles[0]: role nightly-report (also/both) also trusts arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com: a session obtained there bypasses Vault's STS TTL, policy and audit log");
  });

  it("refuses session tags the JitRole's trust does not allow (sts:TagSession)", () => {
    const other = new TerraformStack(jitApp(), "tags");
    const add = (): unknown => new VaultAwsSecretsEngine(other, "aws", ENGINE).addRole("r", { credentialType: "assumed_role", roles: [jitRole(other)], sessionTags: { task: "x" } });
    expect(add).toThrow("invalid props.sessionTags: role nightly-report (roles[0]) does not let arn:aws:iam::111122223333:role/vault-server call sts:TagSession, so every AssumeRole with session tags would be denied");
  });
});

describe("VaultAwsSecretsEngine", () => {
  const json = synth((stack) => build(stack, { sessionTags: { "zsp:task": "nightly-report" }, externalId: "acme-nightly", sessionPolicy: new PolicyDocument([new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-reports/nightly/2026/*"] })]) }));

  it("mounts the engine with 15m / 1h leases, no keys, and the owner in its description", () => {
    const mount = only(json, "vault_aws_secret_backend");
    expect(mount).toMatchObject({ path: "aws-jit", region: "eu-west-1", default_lease_ttl_seconds: 900, max_lease_ttl_seconds: 3600, description: expect.stringContaining("zsp:access=issuer") });
    expect(mount).not.toHaveProperty("access_key");
    expect(mount).not.toHaveProperty("secret_key");
  });

  it("creates an assumed_role role into the JIT role with STS ttl 15m / max 30m, session policy, tags and external id", () => {
    const role = only(json, "vault_aws_secret_backend_role");
    expect(role).toMatchObject({
      name: "nightly-report",
      credential_type: "assumed_role",
      role_arns: ["${aws_iam_role.nightly.arn}"],
      default_sts_ttl: 900,
      max_sts_ttl: 1800,
      session_tags: { "zsp:task": "nightly-report" },
      external_id: "acme-nightly",
    });
    expect(JSON.parse(role.policy_document as string)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/nightly/2026/*" }] });
  });

  it("defaults the STS TTL to 15m and its max to the tightest bound", () => {
    const defaults = synth((stack) => build(stack, { stsTtl: undefined, maxStsTtl: undefined }, [VAULT_SERVER], { maxLeaseTtl: "45m" }));
    expect(only(defaults, "vault_aws_secret_backend_role")).toMatchObject({ default_sts_ttl: 900, max_sts_ttl: 2700 });
  });

  it("takes static keys only from sensitive variables", () => {
    const keyed = synth((stack) => {
      const accessKey = new TerraformVariable(stack, "vault_aws_access_key", { type: "string", sensitive: true });
      const secretKey = new TerraformVariable(stack, "vault_aws_secret_key", { type: "string", sensitive: true });
      new VaultAwsSecretsEngine(stack, "aws", { ...ENGINE, staticKeys: { accessKey, secretKey } }).addRole("fed", {
        credentialType: "federation_token",
        sessionPolicy: new PolicyDocument([new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-reports/nightly/*"] })]),
      });
    });
    expect(only(keyed, "vault_aws_secret_backend")).toMatchObject({ access_key: "${var.vault_aws_access_key}", secret_key: "${var.vault_aws_secret_key}" });
    expect(only(keyed, "vault_aws_secret_backend_role")).toMatchObject({ credential_type: "federation_token", default_sts_ttl: 900, max_sts_ttl: 3600 });
    expect(allStrings(keyed).filter((s) => /AKIA[0-9A-Z]{16}/.test(s))).toEqual([]);
  });

  it.each<[string, (s: TerraformStack) => void, string]>([
    ["iam_user", (s) => build(s, { credentialType: "iam_user" as never }), "s/aws/nightly-report: invalid props.credentialType: iam_user creates standing IAM users with long-lived access keys for every lease (OWASP NHI-07, guard rule ZSP008)"],
    ["a role that does not trust the Vault server role", (s) => build(s, {}, ["arn:aws:iam::111122223333:role/someone-else"]), "invalid props.roles[0]: role nightly-report (s/role) does not trust the Vault server role arn:aws:iam::111122223333:role/vault-server; it trusts only arn:aws:iam::111122223333:role/someone-else, so Vault could not assume it"],
    ["a role that trusts no AWS role", (s) => build(s, {}, []), "does not trust the Vault server role arn:aws:iam::111122223333:role/vault-server, so Vault could not assume it. Fix: add WorkloadIdentity.awsRole({"],
    ["an STS TTL over the profile", (s) => build(s, { maxStsTtl: "2h" }), "invalid props.maxStsTtl: 2h exceeds the profile's maxStsTtl of 1h"],
    ["an STS TTL over the mount's max lease", (s) => build(s, { maxStsTtl: "1h" }, [VAULT_SERVER], { maxLeaseTtl: "30m" }), "invalid props.maxStsTtl: 1h exceeds the max lease of mount aws-jit of 30m"],
    ["an STS TTL below the STS minimum", (s) => build(s, { stsTtl: "5m" }), "invalid props.stsTtl: 5m is below the minimum of 15m"],
    ["a zero STS TTL", (s) => build(s, { stsTtl: 0 }), "invalid props.stsTtl: 0 is not a positive whole number of seconds"],
    ["a mount lease over the profile", (s) => build(s, {}, [VAULT_SERVER], { maxLeaseTtl: "4h" }), "invalid props.maxLeaseTtl: 4h exceeds the profile's maxLease of 1h"],
    ["a zero mount lease", (s) => build(s, {}, [VAULT_SERVER], { defaultLeaseTtl: 0 }), "invalid props.defaultLeaseTtl: 0 is not a positive"],
    ["federation_token without keys", (s) => build(s, { credentialType: "federation_token", sessionPolicy: new PolicyDocument([]) } as never), "invalid props.credentialType: federation_token needs the mount to hold an IAM user's access keys"],
    ["literal keys", (s) => build(s, {}, [VAULT_SERVER], { accessKey: "AKIAIOSFODNN7EXAMPLE" } as never), "invalid props.accessKey: AWS keys at the top level of the props would be literals"],
    ["literal static keys", (s) => build(s, {}, [VAULT_SERVER], { staticKeys: { accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "x" } } as never), "invalid props.staticKeys.accessKey: a literal secret would be written"],
    ["a bad server role", (s) => build(s, {}, [VAULT_SERVER], { serverRoleArn: "vault-server" }), 'invalid props.serverRoleArn: "vault-server" is not an IAM role ARN'],
  ])("refuses %s", (_n, make, message) => {
    const run = (): void => make(new TerraformStack(testApp(), "s"));
    expect(run).toThrow(ZspError);
    expect(run).toThrow(message);
  });

  it("bounds the STS TTL by the target role's max session", () => {
    const run = (): void => build(new TerraformStack(testApp(), "s"), { maxStsTtl: "1h" }, [VAULT_SERVER], {}, 1800);
    expect(run).toThrow("invalid props.maxStsTtl: 1h exceeds the max session of role nightly-report of 30m");
  });
});
