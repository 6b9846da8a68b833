/**
 * SQL statement sets for Vault database roles. Vault substitutes
 * `{{name}}`, `{{password}}` and `{{expiration}}` when it creates a user.
 */

/** The database plugins a {@link VaultDatabaseSecretsEngine} connection supports. */
export type DatabasePlugin = "postgresql" | "mysql";

/** Vault's plugin name for each supported database. */
export const PLUGIN_NAMES: Readonly<Record<DatabasePlugin, string>> = {
  postgresql: "postgresql-database-plugin",
  mysql: "mysql-database-plugin",
};

/**
 * Default revocation statements: end the user's sessions, revoke what was
 * granted, drop the user. MySQL cannot kill a user's open sessions from a
 * single SQL statement; `DROP USER` stops new logins and the connection
 * pool's `max_connection_lifetime` bounds the rest (see docs/vault.md).
 */
export const DEFAULT_REVOCATION: Readonly<Record<DatabasePlugin, readonly string[]>> = {
  postgresql: [
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{{name}}';`,
    `REASSIGN OWNED BY "{{name}}" TO CURRENT_USER;`,
    `DROP OWNED BY "{{name}}";`,
    `DROP ROLE IF EXISTS "{{name}}";`,
  ],
  mysql: [
    `REVOKE ALL PRIVILEGES, GRANT OPTION FROM '{{name}}'@'%';`,
    `DROP USER IF EXISTS '{{name}}'@'%';`,
  ],
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Returns `name` if it is a plain SQL identifier, else throws a plain Error (callers wrap it). */
function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`"${name}" is not a plain SQL identifier`);
  return name;
}

/**
 * PostgreSQL creation statements for a read-only user on `schema`: a login
 * role whose password stops working at the lease's expiry (`VALID UNTIL`, so
 * PostgreSQL itself refuses logins even if revocation were delayed), `USAGE`
 * on the schema and `SELECT` on its tables.
 */
export function postgresReadOnly(schema: string): string[] {
  const s = identifier(schema);
  return [
    `CREATE ROLE "{{name}}" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';`,
    `GRANT USAGE ON SCHEMA "${s}" TO "{{name}}";`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA "${s}" TO "{{name}}";`,
  ];
}

/** MySQL creation statements for a read-only user on database `database`. */
export function mysqlReadOnly(database: string): string[] {
  const d = identifier(database);
  return [
    `CREATE USER '{{name}}'@'%' IDENTIFIED BY '{{password}}';`,
    `GRANT SELECT ON \`${d}\`.* TO '{{name}}'@'%';`,
  ];
}
