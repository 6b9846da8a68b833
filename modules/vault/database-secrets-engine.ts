import { Construct } from "constructs";
import { Lazy, TerraformStack } from "../../provider-shim/core";
import type { TerraformVariableLike } from "../../provider-shim/core-types";
import { Duration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { ZspProfile } from "../core/profile-scope";
import { requireSensitiveVariable, sensitiveVariable } from "../core/secrets";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { vault } from "../../provider-shim/vault-bindings";
import type { DatabaseSecretBackendConnectionConfig } from "../../provider-shim/vault-bindings";
import { mountLeases, objectContext, ownershipDescription, roleTtlsUnderMount, secretsMount, vaultName } from "./common";
import { requireProps } from "../core/shape";
import { DEFAULT_REVOCATION, DatabasePlugin, PLUGIN_NAMES } from "./database-statements";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/** Props of a {@link VaultDatabaseSecretsEngine}. */
export interface VaultDatabaseSecretsEngineProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Mount path, e.g. `db-jit`. */
  readonly path: string;
  /** Default lease of issued credentials. Default `1h`; bounded by the profile's `maxLease`. */
  readonly defaultLeaseTtl?: Duration;
  /** Max lease of issued credentials. Default the profile's `maxLease`. */
  readonly maxLeaseTtl?: Duration;
  /** Owner of the mount; becomes its description. */
  readonly ownership: Ownership;
}

/** Props of {@link VaultDatabaseSecretsEngine.addConnection}. */
export interface DatabaseConnectionProps {
  /** The database engine. */
  readonly plugin: DatabasePlugin;
  /**
   * Connection URL with the `{{username}}` and `{{password}}` templates, e.g.
   * `postgresql://{{username}}:{{password}}@analytics.db.internal:5432/analytics?sslmode=verify-full`.
   * A literal password in it is refused.
   */
  readonly connectionUrl: string;
  /** The administrative user Vault creates users with (not a secret). */
  readonly username: string;
  /**
   * Its password: a sensitive `TerraformVariable`. When omitted, a sensitive
   * variable `<mount>_<connection>_root_password` is declared on the stack
   * (set `TF_VAR_…`), ephemeral when the password is write-only, so it is
   * not written into saved plan files either.
   */
  readonly password?: TerraformVariableLike;
  /**
   * Send the password as a write-only argument (`password_wo`, Terraform
   * 1.11+) so it is never stored in Terraform state. Default `true`.
   */
  readonly writeOnlyPassword?: boolean;
  /** Bump to send a new write-only password (`password_wo_version`). Default `1`. */
  readonly passwordVersion?: number;
  /** Check the connection when Vault saves it (`verify_connection`). Default `true`. */
  readonly verifyConnection?: boolean;
  /** Max seconds a pooled connection is reused. Default `300` (bounds how long a revoked user's session can live on MySQL). */
  readonly maxConnectionLifetime?: number;
}

/** A connection as created by {@link VaultDatabaseSecretsEngine.addConnection}. */
export interface DatabaseConnection {
  /** Connection name. */
  readonly name: string;
  /** Engine. */
  readonly plugin: DatabasePlugin;
  /** The variable holding the root password. */
  readonly passwordVariable: TerraformVariableLike;
}

/** Props of {@link VaultDatabaseSecretsEngine.addRole}. */
export interface DatabaseRoleProps {
  /** The connection the role creates users on. */
  readonly connection: DatabaseConnection;
  /** Statements creating the user, e.g. {@link postgresReadOnly}. */
  readonly creationStatements: readonly string[];
  /**
   * Statements removing the user when the lease ends or is revoked. Default:
   * the engine's {@link DEFAULT_REVOCATION}. Never empty: without them Vault
   * only forgets the lease and the database user stays (guard rule ZSP009).
   */
  readonly revocationStatements?: readonly string[];
  /** Statements run when a lease is renewed. */
  readonly renewStatements?: readonly string[];
  /** Statements undoing a failed creation. */
  readonly rollbackStatements?: readonly string[];
  /** Default lease (`default_ttl`). Default `1h` capped at `maxTtl`; bounded by the profile's `maxLease`. */
  readonly ttl?: Duration;
  /** Max lease (`max_ttl`). Default the mount's max lease; bounded by it and by the profile's `maxLease`. */
  readonly maxTtl?: Duration;
}

/** A database role as created by {@link VaultDatabaseSecretsEngine.addRole}. */
export interface DatabaseRole {
  /** Role name. */
  readonly name: string;
  /** `<mount>/creds/<name>`: where a workload reads credentials. */
  readonly credsPath: string;
  /** Default TTL, seconds. */
  readonly ttlSeconds: number;
  /** Max TTL, seconds. */
  readonly maxTtlSeconds: number;
}

/** The password part of a URL (`scheme://user:pass@`) or of a MySQL DSN (`user:pass@tcp(…)`). */
const PASSWORD_IN_URL = /^(?:[a-z0-9+]+:\/\/)?[^/@:]*:([^@/]*)@/i;

/**
 * Vault's database secrets engine: each credential request creates a new
 * database user that lives for the lease (1 h by default) and is removed by
 * mandatory revocation statements when the lease ends. The root password
 * reaches Vault from a sensitive variable as a write-only argument, so it is
 * in neither the synthesized JSON nor the Terraform state; rotate it in Vault
 * right after the first apply (`vault write -f <mount>/rotate-root/<conn>`)
 * and nobody knows it any more.
 */
export class VaultDatabaseSecretsEngine extends Construct {
  /** Mount path. */
  public readonly path: string;
  /** Default lease, seconds. */
  public readonly defaultLeaseSeconds: number;
  /** Max lease, seconds. */
  public readonly maxLeaseSeconds: number;
  private readonly mountPath: string;
  private readonly connections = new Map<string, { readonly plugin: DatabasePlugin; readonly roles: string[] }>();
  private readonly roles = new Set<string>();

  public constructor(scope: Construct, id: string, props: VaultDatabaseSecretsEngineProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, "give path and ownership");
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);
    this.path = vaultName(props.path, nested(ctx, "path"), "db-jit");
    const lease = mountLeases(props, { ttl: "1h", maxTtl: profile.maxLease }, profile.maxLease, ctx);
    this.defaultLeaseSeconds = lease.ttl;
    this.maxLeaseSeconds = lease.maxTtl;
    const tags = ownershipTags(props.ownership, "issuer", profile, nested(ctx, "ownership"));
    this.mountPath = secretsMount(this, "mount", { path: this.path, type: "database", lease, description: ownershipDescription(tags) });
  }

  /** Adds a connection whose password comes from a sensitive variable; its `allowed_roles` are exactly the roles added for it. */
  public addConnection(name: string, props: DatabaseConnectionProps): DatabaseConnection {
    const ctx = objectContext(this, this.path, "connection", name, this.connections, props, "analytics");
    const plugin = props.plugin;
    if (!(plugin in PLUGIN_NAMES)) {
      throw new ZspError({ ...nested(ctx, "plugin"), problem: `${JSON.stringify(plugin)} is not supported`, fix: `use ${Object.keys(PLUGIN_NAMES).join(" or ")}` });
    }
    const url = props.connectionUrl;
    if (typeof url !== "string" || !url.includes("{{username}}") || !url.includes("{{password}}")) {
      throw new ZspError({ ...nested(ctx, "connectionUrl"), problem: "must contain the {{username}} and {{password}} templates", fix: "write e.g. postgresql://{{username}}:{{password}}@host:5432/db?sslmode=verify-full" });
    }
    const literal = PASSWORD_IN_URL.exec(url);
    if (literal && literal[1] !== "{{password}}") {
      throw new ZspError({ ...nested(ctx, "connectionUrl"), problem: "contains a literal password, which would be written into the synthesized JSON and the state", fix: "put {{password}} in the URL and pass the password as a sensitive variable" });
    }
    if (typeof props.username !== "string" || props.username.length === 0) {
      throw new ZspError({ ...nested(ctx, "username"), problem: "is required", fix: "name the database user Vault manages users with, e.g. vault_admin" });
    }
    const password = props.password === undefined
      ? sensitiveVariable(TerraformStack.of(this), `${this.path}_${name}_root_password`.replace(/[^A-Za-z0-9_]/g, "_"), `Password of ${props.username} on connection ${name} (${this.path}); set it once, then rotate it in Vault with rotate-root`)
      : requireSensitiveVariable(props.password, nested(ctx, "password"));
    const writeOnly = props.writeOnlyPassword ?? true;
    if (typeof writeOnly !== "boolean") {
      throw new ZspError({ ...nested(ctx, "writeOnlyPassword"), problem: `expected true or false, got ${JSON.stringify(writeOnly)}`, fix: "omit it (write-only, Terraform 1.11+) or give false" });
    }
    // A variable only a write-only argument reads can be ephemeral (Terraform 1.10+): then the
    // password is in neither the state nor a saved plan file. cdktf 0.21 has no prop for it.
    if (props.password === undefined && writeOnly) password.addOverride("ephemeral", true);
    const version = props.passwordVersion ?? 1;
    if (!Number.isInteger(version) || version < 1) {
      throw new ZspError({ ...nested(ctx, "passwordVersion"), problem: `${version} is not a positive integer`, fix: "start at 1 and bump it to send a new password" });
    }
    const lifetime = props.maxConnectionLifetime ?? 300;
    if (!Number.isInteger(lifetime) || lifetime < 1) {
      throw new ZspError({ ...nested(ctx, "maxConnectionLifetime"), problem: `${JSON.stringify(lifetime)} is not a positive whole number of seconds (0 would let Vault reuse a pooled connection forever)`, fix: "give e.g. 300" });
    }
    const verify = props.verifyConnection ?? true;
    if (typeof verify !== "boolean") {
      throw new ZspError({ ...nested(ctx, "verifyConnection"), problem: `expected true or false, got ${JSON.stringify(verify)}`, fix: "omit it (Vault checks the connection) or give false" });
    }
    const entry = { plugin, roles: [] as string[] };
    const block = {
      connectionUrl: url,
      username: props.username,
      maxConnectionLifetime: lifetime,
      ...(writeOnly ? { passwordWo: password.stringValue, passwordWoVersion: version } : { password: password.stringValue }),
    };
    const config: DatabaseSecretBackendConnectionConfig = {
      backend: this.mountPath,
      name,
      pluginName: PLUGIN_NAMES[plugin],
      verifyConnection: verify,
      allowedRoles: Lazy.listValue({ produce: () => entry.roles }),
      ...(plugin === "postgresql" ? { postgresql: block } : { mysql: block }),
    };
    new vault.DatabaseSecretBackendConnection(this, `connection-${name}`, { ...providerOf(this, "vault"), ...config });
    this.connections.set(name, entry);
    return { name, plugin, passwordVariable: password };
  }

  /** Adds a role with bounded TTLs and mandatory revocation statements. */
  public addRole(name: string, props: DatabaseRoleProps): DatabaseRole {
    const ctx = objectContext(this, this.path, "role", name, this.roles, props, "etl-readonly");
    const connection = this.connections.get(props.connection?.name);
    if (connection === undefined) {
      throw new ZspError({ ...nested(ctx, "connection"), problem: `is not a connection of ${this.path}`, fix: "pass the value addConnection returned on this engine" });
    }
    const creation = statements(props.creationStatements, nested(ctx, "creationStatements"), "the statements that create the user");
    if (!creation.some((s) => s.includes("{{name}}"))) {
      throw new ZspError({ ...nested(ctx, "creationStatements"), problem: "no statement uses {{name}}, so every lease would share one user", fix: "create the user as {{name}} with password {{password}}" });
    }
    const revocation = props.revocationStatements === undefined
      ? [...DEFAULT_REVOCATION[connection.plugin]]
      : statements(props.revocationStatements, nested(ctx, "revocationStatements"), "statements that end sessions, revoke grants and drop the user (or omit the prop for the defaults)", true);
    if (!revocation.some((s) => s.includes("{{name}}"))) {
      throw new ZspError({ ...nested(ctx, "revocationStatements"), problem: "no statement uses {{name}}, so revocation would not touch the lease's user and it would stay (guard rule ZSP009)", fix: 'drop the user, e.g. DROP ROLE IF EXISTS "{{name}}"; (or omit the prop for the defaults)' });
    }
    const ttls = roleTtlsUnderMount(props, this, ZspProfile.of(this).maxLease, ctx);
    new vault.DatabaseSecretBackendRole(this, `role-${name}`, { ...providerOf(this, "vault"),
      backend: this.mountPath,
      name,
      dbName: props.connection.name,
      creationStatements: creation,
      revocationStatements: revocation,
      defaultTtl: ttls.ttl,
      maxTtl: ttls.maxTtl,
      ...(props.renewStatements !== undefined ? { renewStatements: statements(props.renewStatements, nested(ctx, "renewStatements"), "renew statements") } : {}),
      ...(props.rollbackStatements !== undefined ? { rollbackStatements: statements(props.rollbackStatements, nested(ctx, "rollbackStatements"), "rollback statements") } : {}),
    });
    connection.roles.push(name);
    this.roles.add(name);
    return { name, credsPath: `${this.path}/creds/${name}`, ttlSeconds: ttls.ttl, maxTtlSeconds: ttls.maxTtl };
  }
}

function statements(value: unknown, ctx: PropContext, what: string, revocation = false): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((s) => typeof s !== "string" || s.trim().length === 0)) {
    throw new ZspError({
      ...ctx,
      problem: revocation
        ? "revocation statements are mandatory: without them an expired lease leaves the database user behind (guard rule ZSP009)"
        : "needs at least one non-empty statement",
      fix: `give ${what}`,
    });
  }
  return [...(value as string[])];
}
