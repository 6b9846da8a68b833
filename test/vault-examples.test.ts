import { parse } from "@cdktf/hcl2json";
import { TerraformStack, Testing } from "../provider-shim/core";
import { VaultBatchJobStack } from "../examples/vault-batch-job";
import { VaultEtlStack } from "../examples/vault-etl";
import { TfJson, allStrings, testApp } from "./helpers/synth";
import { only, resources } from "./helpers/vault";

/** The example app's context (cdktf.json). */
const CONTEXT = { maxSession: "1h", maxStsTtl: "1h", maxLease: "1h", maxTokenTtl: "15m", maxAgentIntentTtl: "5m", allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" };
const VAULT_SERVER = "arn:aws:iam::111122223333:role/vault-server";

type Make = (app: ReturnType<typeof testApp>) => TerraformStack;
const batch: Make = (app) => new VaultBatchJobStack(app, "vault-batch-job");
const etl: Make = (app) => new VaultEtlStack(app, "vault-etl");
const json = (make: Make): TfJson => JSON.parse(Testing.synth(make(testApp(CONTEXT)))) as TfJson;
const hcl = (make: Make): string => Testing.synthHcl(make(testApp(CONTEXT))) as string;

/** Attribute names that carry secrets in the Terraform providers used here. */
const SECRET_KEYS = /^(password|password_wo|secret_key|access_key|token|jwt|private_key|client_secret|oidc_client_secret)$/;

/** Every value under a secret-named attribute, with its location. */
function secretValues(value: unknown, where = "", out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (Array.isArray(value)) value.forEach((v, i) => secretValues(v, `${where}[${i}]`, out));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.test(k)) out.push([`${where}.${k}`, v]);
      secretValues(v, `${where}.${k}`, out);
    }
  }
  return out;
}

/** Strings that look like credentials: AWS keys, Vault tokens, JWTs, PEM private keys, passwords in URLs. */
const LITERAL_SECRET = /AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|\bhvs\.[A-Za-z0-9]{20,}|\bs\.[A-Za-z0-9]{24}\b|eyJ[A-Za-z0-9_-]{10,}\.|-----BEGIN [A-Z ]*PRIVATE KEY-----|:\/\/[^/{}\s:@]+:(?!\{\{password\}\})[^@/\s]+@/;

function expectNoLiteralSecrets(tf: TfJson): void {
  expect(allStrings(tf).filter((s) => LITERAL_SECRET.test(s))).toEqual([]);
  for (const [where, value] of secretValues({ provider: tf.provider, resource: tf.resource })) {
    const ref = typeof value === "string" ? /^\$\{var\.([A-Za-z0-9_-]+)\}$/.exec(value) : null;
    expect({ where, isVariable: ref !== null }).toEqual({ where, isVariable: true });
    expect({ where, sensitive: tf.variable?.[ref?.[1] ?? ""]?.sensitive }).toEqual({ where, sensitive: true });
  }
}

describe("example vault-batch-job", () => {
  const tf = json(batch);

  it("mounts the AWS secrets engine aws-jit with 15m / 1h leases and no keys (Vault runs as its own role)", () => {
    const mount = only(tf, "vault_aws_secret_backend");
    expect(mount).toMatchObject({ path: "aws-jit", default_lease_ttl_seconds: 900, max_lease_ttl_seconds: 3600, region: "eu-west-1" });
    expect(Object.keys(mount)).not.toEqual(expect.arrayContaining(["access_key"]));
    expect(Object.keys(mount)).not.toEqual(expect.arrayContaining(["secret_key"]));
  });

  it("Vault role nightly-report is assumed_role into the JitRole, STS 15m / max 30m", () => {
    const role = only(tf, "vault_aws_secret_backend_role");
    const [jitKey] = Object.keys(tf.resource?.aws_iam_role ?? {});
    expect(role).toEqual({
      backend: expect.stringMatching(/^\$\{vault_aws_secret_backend\..+\.path\}$/),
      name: "nightly-report",
      credential_type: "assumed_role",
      role_arns: [`\${aws_iam_role.${jitKey}.arn}`],
      default_sts_ttl: 900,
      max_sts_ttl: 1800,
    });
  });

  it("the JitRole trusts only the Vault server role and may only s3:GetObject on acme-reports/nightly/*", () => {
    const role = only(tf, "aws_iam_role");
    expect(role).toMatchObject({ name: "nightly-report", path: "/zsp/jit/", max_session_duration: 3600 });
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "TrustAwsRole", Effect: "Allow", Principal: { AWS: VAULT_SERVER }, Action: "sts:AssumeRole" }],
    });
    const permissions = JSON.parse(only(tf, "aws_iam_role_policy").policy as string) as { Statement: Array<Record<string, unknown>> };
    expect(permissions.Statement.filter((s) => s.Effect === "Allow")).toEqual([expect.objectContaining({ Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/nightly/*" })]);
  });

  it("Kubernetes pods log in through jwt-k8s, role nightly-report bound to the exact service account, tokens 10m / 15m", () => {
    expect(only(tf, "vault_jwt_auth_backend")).toMatchObject({ path: "jwt-k8s", type: "jwt", bound_issuer: expect.stringMatching(/^https:\/\//) });
    expect(only(tf, "vault_jwt_auth_backend_role")).toMatchObject({
      role_name: "nightly-report",
      role_type: "jwt",
      bound_claims: { sub: "system:serviceaccount:reporting:nightly-report" },
      bound_claims_type: "string",
      bound_audiences: ["vault"],
      token_ttl: 600,
      token_max_ttl: 900,
      token_explicit_max_ttl: 900,
      token_no_default_policy: true,
      token_policies: ["nightly-report"],
    });
  });

  it("the Vault policy allows only read on aws-jit/creds/nightly-report (parsed HCL)", async () => {
    const policy = only(tf, "vault_policy");
    expect(policy.name).toBe("nightly-report");
    expect(await parse("nightly-report.hcl", policy.policy as string)).toEqual({ path: { "aws-jit/creds/nightly-report": [{ capabilities: ["read"] }] } });
  });

  it("an audit device logs every request as JSON with secrets HMAC'd", () => {
    expect(only(tf, "vault_audit")).toMatchObject({ type: "file", options: { file_path: "/vault/audit/audit.log", log_raw: "false", hmac_accessor: "true", format: "json" } });
  });

  it("applies with the hardened providers: AWS through a 15m assume_role, Vault through JWT login", () => {
    expect(tf.provider?.aws?.[0]).toMatchObject({ assume_role: [{ duration: "15m" }], allowed_account_ids: ["111122223333"] });
    expect(tf.provider?.vault?.[0]).toMatchObject({ auth_login_jwt: [{ mount: "jwt-ci", role: "terraform-payments", jwt: "${var.vault_jwt}" }], max_lease_ttl_seconds: 1200 });
  });

  it("every Vault object that takes a description names its owner", () => {
    for (const type of ["vault_aws_secret_backend", "vault_jwt_auth_backend", "vault_audit"]) {
      expect({ type, description: only(tf, type).description }).toEqual({ type, description: expect.stringMatching(/^zsp:owner=team-payments; zsp:contact=payments-oncall@acme\.example; zsp:purpose=.+; zsp:access=(issuer|audit)$/) });
    }
  });

  it("contains no literal secret: every secret attribute is a sensitive variable", () => {
    expectNoLiteralSecrets(tf);
  });
});

describe("example vault-etl", () => {
  const tf = json(etl);

  it("mounts db-jit with the stack's documented 4h exception: 1h default, 4h max", () => {
    expect(only(tf, "vault_mount")).toMatchObject({ path: "db-jit", type: "database", default_lease_ttl_seconds: 3600, max_lease_ttl_seconds: 14400 });
  });

  it("connects to PostgreSQL analytics with the root password from a sensitive variable, write-only", () => {
    expect(only(tf, "vault_database_secret_backend_connection")).toMatchObject({
      name: "analytics",
      plugin_name: "postgresql-database-plugin",
      allowed_roles: ["etl-readonly"],
      verify_connection: true,
      postgresql: { connection_url: expect.stringContaining("{{username}}:{{password}}@"), password_wo: "${var.db_jit_analytics_root_password}" },
    });
    expect(tf.variable?.db_jit_analytics_root_password).toMatchObject({ sensitive: true, ephemeral: true });
  });

  it("role etl-readonly: SELECT on schema analytics, ttl 1h / max 4h, with revocation statements", () => {
    const role = only(tf, "vault_database_secret_backend_role");
    expect(role).toMatchObject({ name: "etl-readonly", db_name: "analytics", default_ttl: 3600, max_ttl: 14400 });
    expect(role.creation_statements).toEqual(expect.arrayContaining([`GRANT SELECT ON ALL TABLES IN SCHEMA "analytics" TO "{{name}}";`]));
    expect(role.revocation_statements).toEqual(expect.arrayContaining([`DROP ROLE IF EXISTS "{{name}}";`]));
  });

  it("the 4h exception stays in this stack: the other example keeps 1h", () => {
    expect(resources(json(batch), "vault_aws_secret_backend")[0]).toMatchObject({ max_lease_ttl_seconds: 3600 });
  });

  it("contains no literal secret: every secret attribute is a sensitive variable", () => {
    expectNoLiteralSecrets(tf);
  });
});

describe("cdktf synth --hcl of the Vault examples", () => {
  it.each<[string, Make, string[]]>([
    ["vault-batch-job", batch, ["vault_aws_secret_backend", "vault_aws_secret_backend_role", "vault_policy", "vault_jwt_auth_backend", "vault_jwt_auth_backend_role", "vault_audit", "aws_iam_role"]],
    ["vault-etl", etl, ["vault_mount", "vault_database_secret_backend_connection", "vault_database_secret_backend_role"]],
  ])("%s parses as HCL with the same resources and TTLs as the JSON", async (_name, make, types) => {
    const text = hcl(make);
    const parsed = (await parse("cdk.tf", text)) as { resource: Record<string, Record<string, Array<Record<string, unknown>>>>; variable: Record<string, Array<Record<string, unknown>>> };
    const fromJson = json(make);
    expect(Object.keys(parsed.resource).sort()).toEqual(Object.keys(fromJson.resource ?? {}).sort());
    expect(Object.keys(parsed.resource)).toEqual(expect.arrayContaining(types));
    for (const [type, byName] of Object.entries(parsed.resource)) {
      for (const [name, [block]] of Object.entries(byName)) {
        const original = fromJson.resource?.[type]?.[name] ?? {};
        for (const key of ["default_lease_ttl_seconds", "max_lease_ttl_seconds", "default_sts_ttl", "max_sts_ttl", "token_ttl", "token_max_ttl", "default_ttl", "max_ttl"]) {
          expect({ type, key, value: block?.[key] }).toEqual({ type, key, value: original[key] });
        }
      }
    }
    for (const variable of Object.values(parsed.variable)) expect(variable[0]?.sensitive).toBe(true);
    expect(text).not.toMatch(LITERAL_SECRET);
  });
});
