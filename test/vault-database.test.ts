import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import { DatabaseConnectionProps, DatabaseRoleProps, VaultDatabaseSecretsEngine, ZspError, postgresReadOnly } from "../modules";
import { allStrings, synth, testApp } from "./helpers/synth";
import { OWNER, only } from "./helpers/vault";

const PG: DatabaseConnectionProps = {
  plugin: "postgresql",
  connectionUrl: "postgresql://{{username}}:{{password}}@analytics.db.internal:5432/analytics?sslmode=verify-full",
  username: "vault_admin",
};

function build(stack: TerraformStack, conn: Partial<DatabaseConnectionProps> = {}, role: Partial<DatabaseRoleProps> = {}, mount: object = {}): VaultDatabaseSecretsEngine {
  const engine = new VaultDatabaseSecretsEngine(stack, "db", { path: "db-jit", ownership: OWNER, ...mount });
  const connection = engine.addConnection("analytics", { ...PG, ...conn });
  engine.addRole("etl-readonly", { connection, creationStatements: postgresReadOnly("analytics"), ...role });
  return engine;
}

describe("VaultDatabaseSecretsEngine", () => {
  const json = synth((stack) => build(stack));

  it("mounts a database engine with explicit leases (never 0) and the owner in its description", () => {
    expect(only(json, "vault_mount")).toMatchObject({ path: "db-jit", type: "database", default_lease_ttl_seconds: 3600, max_lease_ttl_seconds: 3600, description: expect.stringContaining("zsp:owner=team-payments") });
  });

  it("takes the root password from a sensitive variable as a write-only argument, and allows only its own roles", () => {
    const conn = only(json, "vault_database_secret_backend_connection");
    expect(conn).toMatchObject({
      name: "analytics",
      plugin_name: "postgresql-database-plugin",
      verify_connection: true,
      allowed_roles: ["etl-readonly"],
      postgresql: { username: "vault_admin", password_wo: "${var.db_jit_analytics_root_password}", password_wo_version: 1, max_connection_lifetime: 300 },
    });
    expect((conn.postgresql as Record<string, unknown>).password).toBeUndefined();
    expect(json.variable?.db_jit_analytics_root_password).toMatchObject({ sensitive: true, ephemeral: true, type: "string" });
  });

  it("creates per-lease users with mandatory revocation statements and bounded TTLs", () => {
    const role = only(json, "vault_database_secret_backend_role");
    expect(role).toMatchObject({ name: "etl-readonly", db_name: "analytics", default_ttl: 3600, max_ttl: 3600 });
    expect(role.creation_statements).toEqual([
      `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
      `GRANT USAGE ON SCHEMA "analytics" TO "{{name}}";`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA "analytics" TO "{{name}}";`,
    ]);
    expect(role.revocation_statements).toEqual([
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}';`,
      `REASSIGN OWNED BY "{{name}}" TO CURRENT_USER;`,
      `DROP OWNED BY "{{name}}";`,
      `DROP ROLE IF EXISTS "{{name}}";`,
    ]);
  });

  it("supports MySQL with its own revocation defaults, a caller's variable, the state-stored password and no verification", () => {
    const mysql = synth((stack) => {
      const password = new TerraformVariable(stack, "mysql_pw", { type: "string", sensitive: true });
      const engine = new VaultDatabaseSecretsEngine(stack, "db", { path: "db-jit", ownership: OWNER });
      const connection = engine.addConnection("orders", { plugin: "mysql", connectionUrl: "{{username}}:{{password}}@tcp(orders.db.internal:3306)/", username: "vault", password, writeOnlyPassword: false, verifyConnection: false });
      engine.addRole("orders-read", { connection, creationStatements: [`CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}';`] });
    });
    expect(only(mysql, "vault_database_secret_backend_connection")).toMatchObject({ plugin_name: "mysql-database-plugin", verify_connection: false, mysql: { password: "${var.mysql_pw}" } });
    expect(mysql.variable?.mysql_pw).not.toHaveProperty("ephemeral");
    expect(only(mysql, "vault_database_secret_backend_role").revocation_statements).toEqual([
      `REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{{name}}'@'%';`,
      `DROP USER IF EXISTS '{{name}}'@'%';`,
    ]);
  });

  it("writes no literal password anywhere", () => {
    expect(allStrings(json).filter((s) => /password/i.test(s) && !/\{\{password\}\}|\$\{var\.|Password of/.test(s))).toEqual([]);
  });

  it.each<[string, (stack: TerraformStack) => unknown, string]>([
    ["a literal password", () => build(new TerraformStack(testApp(), "x"), { password: "hunter2" as never }), "invalid props.password: a literal secret would be written into the synthesized JSON and the state"],
    ["a non-sensitive password variable", (s) => build(s, { password: new TerraformVariable(s, "pw", { type: "string" }) }), 'invalid props.password: variable "pw" is not sensitive'],
    ["a password in the URL", () => build(new TerraformStack(testApp(), "x"), { connectionUrl: "postgresql://{{username}}:s3cret@h/db?x={{password}}" }), "invalid props.connectionUrl: contains a literal password"],
    ["a password in a MySQL DSN", () => build(new TerraformStack(testApp(), "x"), { plugin: "mysql", connectionUrl: "{{username}}:s3cret@tcp(orders.db.internal:3306)/?x={{password}}" }), "invalid props.connectionUrl: contains a literal password"],
    ["a URL without templates", () => build(new TerraformStack(testApp(), "x"), { connectionUrl: "postgresql://h/db" }), "must contain the {{username}} and {{password}} templates"],
    ["empty revocation statements", () => build(new TerraformStack(testApp(), "x"), {}, { revocationStatements: [] }), "invalid props.revocationStatements: revocation statements are mandatory: without them an expired lease leaves the database user behind (guard rule ZSP009)"],
    ["a TTL over the profile", () => build(new TerraformStack(testApp(), "x"), {}, { maxTtl: "4h" }), "invalid props.maxTtl: 4h exceeds the profile's maxLease of 1h"],
    ["a zero TTL", () => build(new TerraformStack(testApp(), "x"), {}, { ttl: 0 }), "invalid props.ttl: 0 is not a positive whole number of seconds"],
    ["a mount lease over the profile", () => build(new TerraformStack(testApp(), "x"), {}, {}, { maxLeaseTtl: "2h" }), "invalid props.maxLeaseTtl: 2h exceeds the profile's maxLease of 1h"],
    ["a role TTL over the mount's", () => build(new TerraformStack(testApp(), "x"), {}, { maxTtl: "45m" }, { maxLeaseTtl: "30m" }), "invalid props.maxTtl: 45m exceeds the max lease of mount db-jit of 30m"],
    ["revocation statements that leave the user", () => build(new TerraformStack(testApp(), "x"), {}, { revocationStatements: ["SELECT 1;"] }), "invalid props.revocationStatements: no statement uses {{name}}, so revocation would not touch the lease's user"],
    ["a shared user", () => build(new TerraformStack(testApp(), "x"), {}, { creationStatements: ["GRANT SELECT ON t TO etl;"] }), "no statement uses {{name}}"],
    ["an unsupported plugin", () => build(new TerraformStack(testApp(), "x"), { plugin: "oracle" as never }), 'invalid props.plugin: "oracle" is not supported'],
  ])("refuses %s", (_n, make, message) => {
    const run = (): unknown => make(new TerraformStack(testApp(), "s"));
    expect(run).toThrow(ZspError);
    expect(run).toThrow(message);
  });

  it("takes a raised maxLease from the stack profile (the vault-etl exception)", () => {
    const json4h = synth((stack) => build(stack, {}, { maxTtl: "4h" }), { maxLease: "4h" });
    expect(only(json4h, "vault_database_secret_backend_role")).toMatchObject({ default_ttl: 3600, max_ttl: 14400 });
    expect(only(json4h, "vault_mount")).toMatchObject({ max_lease_ttl_seconds: 14400 });
  });
});
