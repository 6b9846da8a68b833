import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SECRET_FORMATS } from "../modules/guard/secret-formats";
import { SECRET_NAME_ENDINGS } from "../modules/guard/secret-names";
import { Computed, bothShapes, findings, tf } from "./helpers/shapes";

// ZSP010 where teams write secrets in ordinary Terraform, each case in both input
// shapes (configuration JSON and `terraform show -json`), each with a clean twin
// written the right way.

const PEM_OPENSSH = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n";
const GITHUB_PAT = `ghp_${"A1b2C3d4E5".repeat(4).slice(0, 36)}`;
const RANDOM = { random_password: { db: { length: 32, special: true } } };
const SENSITIVE = { db_password: { type: "string", sensitive: true }, api_key: { type: "string", sensitive: true } };

interface Case {
  /** What the case shows. */
  readonly name: string;
  /** The resources (and anything else) of the violating configuration. */
  readonly bad: Record<string, unknown>;
  /** What Terraform computes from literals for the plan of `bad`. */
  readonly badComputed?: Computed;
  /** The clean twin. */
  readonly good: Record<string, unknown>;
  /** What Terraform computes from literals for the plan of `good`. */
  readonly goodComputed?: Computed;
  /** Where the finding sits. */
  readonly at: string;
}

const CASES: Case[] = [
  {
    name: "an SSM SecureString value",
    bad: { resource: { aws_ssm_parameter: { db: { name: "/app/db", type: "SecureString", value: "Tr0ub4dor-and-3" } } } },
    good: { resource: { ...RANDOM, aws_ssm_parameter: { db: { name: "/app/db", type: "SecureString", value: "${random_password.db.result}" } } } },
    at: "aws_ssm_parameter.db",
  },
  {
    name: "secret_string = jsonencode({ password = ... })",
    bad: { resource: { aws_secretsmanager_secret_version: { db: { secret_id: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db", secret_string: '${jsonencode({username = "app", password = "Tr0ub4dor-and-3"})}' } } } },
    badComputed: { "aws_secretsmanager_secret_version.db": { secret_string: '{"password":"Tr0ub4dor-and-3","username":"app"}' } },
    good: { resource: { ...RANDOM, aws_secretsmanager_secret_version: { db: { secret_id: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db", secret_string: '${jsonencode({username = "app", password = random_password.db.result})}' } } } },
    at: "aws_secretsmanager_secret_version.db",
  },
  {
    name: "vault_kv_secret_v2.data_json = jsonencode(...)",
    bad: { resource: { vault_kv_secret_v2: { app: { mount: "kv", name: "app", data_json: '${jsonencode({api_key = "k-8f2a9c7e1b"})}' } } } },
    badComputed: { "vault_kv_secret_v2.app": { data_json: '{"api_key":"k-8f2a9c7e1b"}' } },
    good: { variable: SENSITIVE, resource: { vault_kv_secret_v2: { app: { mount: "kv", name: "app", data_json: "${jsonencode({api_key = var.api_key})}" } } } },
    at: "vault_kv_secret_v2.app",
  },
  {
    name: "Lambda environment variables in upper case (DB_PASSWORD)",
    bad: { resource: { aws_lambda_function: { api: { function_name: "api", role: "arn:aws:iam::111122223333:role/api", environment: [{ variables: { DB_HOST: "db.internal", DB_PASSWORD: "Tr0ub4dor-and-3" } }] } } } },
    good: { resource: { aws_lambda_function: { api: { function_name: "api", role: "arn:aws:iam::111122223333:role/api", environment: [{ variables: { DB_HOST: "db.internal", DB_PASSWORD_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" } }] } } } },
    at: "aws_lambda_function.api",
  },
  {
    name: "ECS container_definitions environment entries (JSON text)",
    bad: { resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: JSON.stringify([{ name: "web", image: "nginx", environment: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD", value: "Tr0ub4dor-and-3" }] }]) } } } },
    good: { resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: JSON.stringify([{ name: "web", image: "nginx", environment: [{ name: "LOG_LEVEL", value: "info" }], secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db" }] }]) } } } },
    at: "aws_ecs_task_definition.web",
  },
  {
    name: "ECS container_definitions through jsonencode",
    bad: { resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: '${jsonencode([{name = "web", image = "nginx", environment = [{name = "DB_PASSWORD", value = "Tr0ub4dor-and-3"}]}])}' } } } },
    badComputed: { "aws_ecs_task_definition.web": { container_definitions: '[{"environment":[{"name":"DB_PASSWORD","value":"Tr0ub4dor-and-3"}],"image":"nginx","name":"web"}]' } },
    good: { resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: '${jsonencode([{name = "web", image = "nginx", environment = [{name = "LOG_LEVEL", value = "info"}]}])}' } } } },
    goodComputed: { "aws_ecs_task_definition.web": { container_definitions: '[{"environment":[{"name":"LOG_LEVEL","value":"info"}],"image":"nginx","name":"web"}]' } },
    at: "aws_ecs_task_definition.web",
  },
  {
    name: "Glue connection_properties.PASSWORD",
    bad: { resource: { aws_glue_connection: { jdbc: { name: "jdbc", connection_properties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db.internal:5432/app", USERNAME: "glue", PASSWORD: "Tr0ub4dor-and-3" } } } } },
    good: { resource: { aws_glue_connection: { jdbc: { name: "jdbc", connection_properties: { JDBC_CONNECTION_URL: "jdbc:postgresql://db.internal:5432/app", SECRET_ID: "glue/jdbc" } } } } },
    at: "aws_glue_connection.jdbc",
  },
  {
    name: "github_actions_secret.plaintext_value",
    bad: { resource: { github_actions_secret: { deploy: { repository: "payments", secret_name: "DEPLOY_KEY", plaintext_value: "d3pl0y-k3y-value" } } } },
    good: { variable: SENSITIVE, resource: { github_actions_secret: { deploy: { repository: "payments", secret_name: "DEPLOY_KEY", plaintext_value: "${var.api_key}" } } } },
    at: "github_actions_secret.deploy",
  },
  {
    name: "an ElastiCache user's passwords",
    bad: { resource: { aws_elasticache_user: { app: { user_id: "app", user_name: "app", engine: "redis", access_string: "on ~* +@read", passwords: ["Tr0ub4dor-and-3-long"] } } } },
    good: { resource: { aws_elasticache_user: { app: { user_id: "app", user_name: "app", engine: "redis", access_string: "on ~* +@read", authentication_mode: [{ type: "iam" }] } } } },
    at: "aws_elasticache_user.app",
  },
  {
    name: "an EventBridge connection's API key",
    bad: { resource: { aws_cloudwatch_event_connection: { partner: { name: "partner", authorization_type: "API_KEY", auth_parameters: [{ api_key: [{ key: "x-api-key", value: "k-8f2a9c7e1b" }] }] } } } },
    good: { variable: SENSITIVE, resource: { aws_cloudwatch_event_connection: { partner: { name: "partner", authorization_type: "API_KEY", auth_parameters: [{ api_key: [{ key: "x-api-key", value: "${var.api_key}" }] }] } } } },
    at: "aws_cloudwatch_event_connection.partner",
  },
  {
    name: "an OPENSSH private key under a name that says nothing",
    bad: { resource: { aws_ssm_parameter: { deploy: { name: "/ci/deploy", type: "String", value: PEM_OPENSSH } } } },
    good: { resource: { aws_key_pair: { deploy: { key_name: "deploy", public_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGr4hX0y7Wm3yH3Cq0y1Dq9c ci@acme.example" } } } },
    at: "aws_ssm_parameter.deploy",
  },
  {
    name: "a GitHub token in user data",
    bad: { resource: { aws_instance: { runner: { ami: "ami-0abc", instance_type: "t3.micro", user_data: `#!/bin/bash\n./config.sh --url https://github.com/acme --token ${GITHUB_PAT}\n` } } } },
    good: { resource: { aws_instance: { runner: { ami: "ami-0abc", instance_type: "t3.micro", user_data: "#!/bin/bash\nTOKEN=$(aws ssm get-parameter --name /ci/runner --with-decryption --query Parameter.Value --output text)\n./config.sh --url https://github.com/acme --token \"$TOKEN\"\n" } } } },
    at: "aws_instance.runner",
  },
  {
    name: "an env-style secret in base64 user data",
    bad: { resource: { aws_launch_template: { app: { name: "app", user_data: Buffer.from("#!/bin/bash\nexport DB_PASSWORD=Tr0ub4dor-and-3\n").toString("base64") } } } },
    good: { resource: { aws_launch_template: { app: { name: "app", user_data: Buffer.from("#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\n").toString("base64") } } } },
    at: "aws_launch_template.app",
  },
  {
    name: "a sensitive variable's default",
    bad: { variable: { db_password: { type: "string", sensitive: true, default: "Tr0ub4dor-and-3" } } },
    good: { variable: { db_password: { type: "string", sensitive: true } } },
    at: "var.db_password",
  },
  {
    name: "terraform_remote_state holding an access key",
    bad: { data: { terraform_remote_state: { net: { backend: "s3", config: { bucket: "acme-state", key: "net.tfstate", region: "eu-west-1", access_key: "AKIAIOSFODNN7EXAMPLE", secret_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" } } } } },
    good: { data: { terraform_remote_state: { net: { backend: "s3", config: { bucket: "acme-state", key: "net.tfstate", region: "eu-west-1", assume_role: { role_arn: "arn:aws:iam::111122223333:role/state-reader" } } } } } },
    at: "data.terraform_remote_state.net",
  },
  {
    name: "an azurerm remote state's storage access key",
    bad: { data: { terraform_remote_state: { net: { backend: "azurerm", config: { storage_account_name: "acmestate", container_name: "tfstate", key: "net.tfstate", access_key: "q7Zr2Lw9Xv4Kp1Nb6Ty3Hs8Jd5Fm0Gc" } } } } },
    good: { data: { terraform_remote_state: { net: { backend: "azurerm", config: { storage_account_name: "acmestate", container_name: "tfstate", key: "net.tfstate", use_azuread_auth: true } } } } },
    at: "data.terraform_remote_state.net",
  },
  {
    name: "a database URL with a password",
    bad: { resource: { aws_lambda_function: { etl: { function_name: "etl", role: "arn:aws:iam::111122223333:role/etl", environment: [{ variables: { DATABASE_URL: "postgres://etl:Tr0ub4dor-and-3@db.internal:5432/app" } }] } } } },
    good: { resource: { aws_lambda_function: { etl: { function_name: "etl", role: "arn:aws:iam::111122223333:role/etl", environment: [{ variables: { DATABASE_URL: "postgres://etl@db.internal:5432/app?sslmode=require" } }] } } } },
    at: "aws_lambda_function.etl",
  },
];

describe("ZSP010: literal secrets where teams write them", () => {
  describe.each(CASES)("$name", (c) => {
    it.each(bothShapes(tf(c.bad), c.badComputed))("is found (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP010"])).toContain(`ZSP010 ${c.at}`);
    });
    it.each(bothShapes(tf(c.good), c.goodComputed))("its clean twin passes (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP010"])).toEqual([]);
    });
  });

  it.each([
    ["RSA", "-----BEGIN RSA PRIVATE KEY-----"], ["EC", "-----BEGIN EC PRIVATE KEY-----"], ["DSA", "-----BEGIN DSA PRIVATE KEY-----"],
    ["PKCS#8", "-----BEGIN PRIVATE KEY-----"], ["encrypted PKCS#8", "-----BEGIN ENCRYPTED PRIVATE KEY-----"], ["OpenSSH", "-----BEGIN OPENSSH PRIVATE KEY-----"],
    ["PGP", "-----BEGIN PGP PRIVATE KEY BLOCK-----"], ["GitHub classic", GITHUB_PAT], ["GitHub fine-grained", `github_pat_${"11ABCDEFG0".repeat(3)}_abc`],
    ["GitLab", "glpat-AbCdEfGhIjKlMnOpQrSt"], ["Slack bot", "xoxb-1234567890-0987654321-AbCdEfGhIjKl"],
    ["JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3b3JrbG9hZCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ"], ["AWS key id", "AKIAIOSFODNN7EXAMPLE"],
  ])("finds a %s secret by its format under any name, even in tags", (_what, secret) => {
    for (const [, model] of bothShapes(tf({ resource: { aws_s3_object: { o: { bucket: "b", key: "k", content: `note: ${secret}\n`, tags: { hint: secret } } } } }))) {
      expect(findings(model, ["ZSP010"])).toContain("ZSP010 aws_s3_object.o");
    }
  });
});

describe("ZSP010 and ZSP014 on a realistic clean corpus", () => {
  // RDS with a managed (and a write-only) password, SSM parameters from random_password, Secrets Manager
  // rotation, Cognito clients, ECS secrets by ARN, Vault tuning through vault_generic_endpoint.
  const corpus = JSON.parse(readFileSync(join(__dirname, "fixtures/corpus/clean-secrets.tf.json"), "utf8")) as Record<string, unknown>;
  const computed: Computed = {
    "vault_generic_endpoint.jwt_config": { data_json: '{"bound_issuer":"https://token.actions.githubusercontent.com","oidc_discovery_url":"https://token.actions.githubusercontent.com"}' },
  };
  it.each(bothShapes(corpus, computed))("reports nothing (%s)", (_shape, model) => {
    expect(findings(model, ["ZSP010", "ZSP014", "ZSP018", "ZSP000"])).toEqual([]);
  });
});

describe("docs/rules.md lists exactly what ZSP010 treats as secrets", () => {
  const section = readFileSync(join(__dirname, "../docs/rules.md"), "utf8").split("\n## ").find((s) => s.startsWith("ZSP010 ")) ?? "";
  it.each([...SECRET_NAME_ENDINGS])("names `%s`", (name) => {
    expect(section.replace(/\s+/g, " ")).toContain(`\`${name}\``);
  });
  it.each(SECRET_FORMATS.map((f) => f.what))("formats: %s", (what) => {
    expect(section.replace(/\s+/g, " ")).toContain(what);
  });
});
