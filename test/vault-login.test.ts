import { bothShapes, findings, tf } from "./helpers/shapes";

// ZSP018 (Vault logins any workload can use), ZSP008 (Vault static roles) and ZSP014 (Vault provider
// credentials) in both input shapes, each case with the clean twin written the right way.

const TOKEN = { token_ttl: 600, token_max_ttl: 900, token_policies: ["nightly-report"] };
const jwt = (extra: Record<string, unknown>): Record<string, unknown> => ({ backend: "jwt-k8s", role_name: "r", role_type: "jwt", user_claim: "sub", ...TOKEN, ...extra });
const k8s = (names: string[], namespaces: string[]): Record<string, unknown> => ({ backend: "kubernetes", role_name: "r", bound_service_account_names: names, bound_service_account_namespaces: namespaces, ...TOKEN });
const approle = (extra: Record<string, unknown>): Record<string, unknown> => ({ backend: "approle", role_name: "r", ...TOKEN, ...extra });
const BOUNDED = { secret_id_ttl: 600, secret_id_num_uses: 1, secret_id_bound_cidrs: ["10.20.0.0/16"] };

interface Case { readonly name: string; readonly rule: string; readonly bad: Record<string, unknown>; readonly good: Record<string, unknown>; readonly at: string }

const CASES: Case[] = [
  {
    name: "a JWT role whose glob sub matches every service account", rule: "ZSP018",
    bad: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["vault"], bound_claims_type: "glob", bound_claims: { sub: "system:serviceaccount:*:*" } }) } } },
    good: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["vault"], bound_claims_type: "glob", bound_claims: { sub: "system:serviceaccount:reporting:nightly-report", task_id: "*" } }) } } },
    at: "vault_jwt_auth_backend_role.r",
  },
  {
    name: "a JWT role without bound_audiences", rule: "ZSP018",
    bad: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_subject: "system:serviceaccount:reporting:nightly-report" }) } } },
    good: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["vault"], bound_subject: "system:serviceaccount:reporting:nightly-report" }) } } },
    at: "vault_jwt_auth_backend_role.r",
  },
  {
    name: "a JWT role bound only by a claim that names no workload", rule: "ZSP018",
    bad: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["https://github.com/acme"], bound_claims: { environment: "production" } }) } } },
    good: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["https://github.com/acme"], bound_claims: { environment: "production", repository: "acme/payments" } }) } } },
    at: "vault_jwt_auth_backend_role.r",
  },
  {
    name: "a GitHub JWT role globbing across repositories (one repository's refs is one workload)", rule: "ZSP018",
    bad: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["https://github.com/acme"], bound_claims_type: "glob", bound_claims: { sub: "repo:acme/*" } }) } } },
    good: { resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["https://github.com/acme"], bound_claims_type: "glob", bound_claims: { sub: "repo:acme/payments:*" } }) } } },
    at: "vault_jwt_auth_backend_role.r",
  },
  {
    name: "a Kubernetes role bound to service account *", rule: "ZSP018",
    bad: { resource: { vault_kubernetes_auth_backend_role: { r: k8s(["*"], ["reporting"]) } } },
    good: { resource: { vault_kubernetes_auth_backend_role: { r: k8s(["nightly-report"], ["reporting"]) } } },
    at: "vault_kubernetes_auth_backend_role.r",
  },
  {
    name: "a Kubernetes role bound to namespace *", rule: "ZSP018",
    bad: { resource: { vault_kubernetes_auth_backend_role: { r: k8s(["nightly-report"], ["*"]) } } },
    good: { resource: { vault_kubernetes_auth_backend_role: { r: k8s(["nightly-report"], ["reporting"]) } } },
    at: "vault_kubernetes_auth_backend_role.r",
  },
  {
    name: "an AWS auth role bound to arn:aws:iam::<account>:*", rule: "ZSP018",
    bad: { resource: { vault_aws_auth_backend_role: { r: { backend: "aws", role: "r", auth_type: "iam", bound_iam_principal_arns: ["arn:aws:iam::111122223333:*"], ...TOKEN } } } },
    good: { resource: { vault_aws_auth_backend_role: { r: { backend: "aws", role: "r", auth_type: "iam", bound_iam_principal_arns: ["arn:aws:iam::111122223333:role/zsp/jit/nightly-report"], ...TOKEN } } } },
    at: "vault_aws_auth_backend_role.r",
  },
  {
    name: "an AWS auth role inferring an EC2 entity without binding which", rule: "ZSP018",
    bad: { resource: { vault_aws_auth_backend_role: { r: { backend: "aws", role: "r", auth_type: "iam", inferred_entity_type: "ec2_instance", inferred_aws_region: "eu-west-1", bound_account_ids: ["111122223333"], ...TOKEN } } } },
    good: { resource: { vault_aws_auth_backend_role: { r: { backend: "aws", role: "r", auth_type: "iam", inferred_entity_type: "ec2_instance", inferred_aws_region: "eu-west-1", bound_iam_role_arns: ["arn:aws:iam::111122223333:role/reporting-worker"], ...TOKEN } } } },
    at: "vault_aws_auth_backend_role.r",
  },
  {
    name: "an AppRole secret_id that never expires", rule: "ZSP018",
    bad: { resource: { vault_approle_auth_backend_role: { r: approle({ secret_id_num_uses: 0, token_bound_cidrs: ["10.20.0.0/16"] }) } } },
    good: { resource: { vault_approle_auth_backend_role: { r: approle(BOUNDED) } } },
    at: "vault_approle_auth_backend_role.r",
  },
  {
    name: "an AppRole without bound CIDRs", rule: "ZSP018",
    bad: { resource: { vault_approle_auth_backend_role: { r: approle({ secret_id_ttl: 600, secret_id_num_uses: 1 }) } } },
    good: { resource: { vault_approle_auth_backend_role: { r: approle({ secret_id_ttl: 600, secret_id_num_uses: 1, token_bound_cidrs: ["10.20.0.0/16"] }) } } },
    at: "vault_approle_auth_backend_role.r",
  },
  {
    name: "an AppRole whose role_id alone logs in", rule: "ZSP018",
    bad: { resource: { vault_approle_auth_backend_role: { r: approle({ bind_secret_id: false, token_bound_cidrs: ["10.20.0.0/16"] }) } } },
    good: { resource: { vault_approle_auth_backend_role: { r: approle(BOUNDED) } } },
    at: "vault_approle_auth_backend_role.r",
  },
  {
    name: "a token role issuing orphan tokens", rule: "ZSP018",
    bad: { resource: { vault_token_auth_backend_role: { r: { role_name: "r", orphan: true, allowed_policies: ["nightly-report"], token_explicit_max_ttl: 900, token_ttl: 600, token_max_ttl: 900 } } } },
    good: { resource: { vault_token_auth_backend_role: { r: { role_name: "r", allowed_policies: ["nightly-report"], token_explicit_max_ttl: 900, token_ttl: 600, token_max_ttl: 900 } } } },
    at: "vault_token_auth_backend_role.r",
  },
  {
    name: "vault_aws_secret_backend_static_role (one IAM user's keys)", rule: "ZSP008",
    bad: { resource: { vault_aws_secret_backend_static_role: { r: { backend: "aws-jit", name: "reports", username: "reports-bot", rotation_period: 2592000 } } } },
    good: { resource: { vault_aws_secret_backend_role: { r: { backend: "aws-jit", name: "reports", credential_type: "assumed_role", role_arns: ["arn:aws:iam::111122223333:role/zsp/jit/reports"], default_sts_ttl: 900, max_sts_ttl: 1800 } } } },
    at: "vault_aws_secret_backend_static_role.r",
  },
  {
    name: "vault_database_secret_backend_static_role (one account's password)", rule: "ZSP008",
    bad: { resource: { vault_database_secret_backend_static_role: { r: { backend: "db-jit", name: "etl", db_name: "analytics", username: "etl", rotation_period: 86400 } } } },
    good: { resource: { vault_database_secret_backend_role: { r: { backend: "db-jit", name: "etl", db_name: "analytics", creation_statements: ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';"], revocation_statements: ["DROP ROLE IF EXISTS \"{{name}}\";"], default_ttl: 3600, max_ttl: 3600 } } } },
    at: "vault_database_secret_backend_static_role.r",
  },
  {
    name: "a Vault provider with a static token and skip_child_token", rule: "ZSP014",
    bad: { variable: { vault_token: { type: "string", sensitive: true } }, provider: { vault: [{ address: "https://vault.acme.example:8200", token: "${var.vault_token}", skip_child_token: true }] } },
    good: { variable: { ci_jwt: { type: "string", sensitive: true } }, provider: { vault: [{ address: "https://vault.acme.example:8200", max_lease_ttl_seconds: 1200, auth_login_jwt: [{ mount: "jwt-ci", role: "terraform", jwt: "${var.ci_jwt}" }] }] } },
    at: "provider.vault",
  },
  {
    name: "a Vault provider auth_login with a static password", rule: "ZSP014",
    bad: { variable: { pw: { type: "string", sensitive: true } }, provider: { vault: [{ address: "https://vault.acme.example:8200", max_lease_ttl_seconds: 1200, auth_login: [{ path: "auth/userpass/login/terraform", parameters: { password: "${var.pw}" } }] }] } },
    good: { variable: { ci_jwt: { type: "string", sensitive: true } }, provider: { vault: [{ address: "https://vault.acme.example:8200", max_lease_ttl_seconds: 1200, auth_login: [{ path: "auth/jwt-ci/login", parameters: { role: "terraform", jwt: "${var.ci_jwt}" } }] }] } },
    at: "provider.vault",
  },
];

describe("Vault logins, static roles and provider credentials", () => {
  describe.each(CASES)("$name", (c) => {
    it.each(bothShapes(tf(c.bad)))(`is ${c.rule} (%s)`, (_shape, model) => {
      expect(findings(model, [c.rule])).toContain(`${c.rule} ${c.at}`);
    });
    it.each(bothShapes(tf(c.good)))("its clean twin passes (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP018", "ZSP008", "ZSP014", "ZSP000"])).toEqual([]);
    });
  });

  it("an oidc role (a person's browser login) is not a workload login", () => {
    for (const [, model] of bothShapes(tf({ resource: { vault_jwt_auth_backend_role: { r: { backend: "oidc", role_name: "r", role_type: "oidc", user_claim: "email", bound_claims: { groups: "platform" }, allowed_redirect_uris: ["https://vault.acme.example:8250/oidc/callback"], ...TOKEN } } } }))) {
      expect(findings(model, ["ZSP018"])).toEqual([]);
    }
  });

  it("a subject the engine cannot read is ZSP000, not clean", () => {
    const [, model] = bothShapes(tf({ resource: { vault_jwt_auth_backend_role: { r: jwt({ bound_audiences: ["vault"], bound_claims: { sub: "${local.subject}" } }) } } }))[0] ?? [];
    expect(model && findings(model, ["ZSP018", "ZSP000"])).toEqual(["ZSP000 vault_jwt_auth_backend_role.r"]);
  });
});
