import { Construct } from "constructs";
import { recordSourceLocations } from "../modules/core/source-recorder";
import type { TerraformProviderLike, TerraformVariableLike } from "./core-types";
import { Duration, boundedDuration } from "../modules/core/duration";
import { PropContext, ZspError, nested } from "../modules/core/errors";
import { requireSensitiveVariable, sensitiveVariable } from "../modules/core/secrets";
import { vault } from "./vault-bindings";
import type { VaultProviderConfig } from "./vault-bindings";
import { requireObject } from "../modules/core/shape";

/** How the Vault provider logs in: always a JWT auth role. */
export interface HardenedVaultLogin {
  /** JWT auth mount path, e.g. `jwt-ci`. */
  readonly mount: string;
  /** JWT auth role, e.g. `terraform-payments`. */
  readonly role: string;
  /**
   * The JWT (e.g. the CI job's OIDC token). Must be a sensitive
   * `TerraformVariable`; when omitted, a sensitive variable `vault_jwt` is
   * declared (set it with `TF_VAR_vault_jwt`).
   */
  readonly jwt?: TerraformVariableLike;
}

/** Props of {@link vaultProvider}. No token prop exists: a Vault token in configuration is a standing secret. */
export interface HardenedVaultProviderProps {
  /** Vault address; `https://` (plain `http://` only for loopback development servers). */
  readonly address: string;
  /** Vault Enterprise namespace, if any. */
  readonly namespace?: string;
  /** JWT login. */
  readonly login: HardenedVaultLogin;
  /**
   * Lifetime of the child token Terraform works with (`max_lease_ttl_seconds`).
   * Default `20m`, at most `1h`.
   */
  readonly maxLeaseTtl?: Duration;
  /** Provider alias; the construct id is the alias or `vault`. */
  readonly alias?: string;
}

const DEFAULT_LEASE: Duration = 1200;
const HARD_MAX_LEASE = 3600;
const FORBIDDEN_KEYS = ["token", "authLogin", "authLoginUserpass", "authLoginTokenFile", "skipChildToken"];

/**
 * Creates a Vault provider that logs in only through `auth_login_jwt` with a
 * JWT from a sensitive variable, keeps a child token for at most
 * `maxLeaseTtl` (default 20 minutes, never over 1 hour), and accepts no
 * literal token. Refused inputs throw {@link ZspError}.
 */
export function vaultProvider(scope: Construct, props: HardenedVaultProviderProps): TerraformProviderLike {
  recordSourceLocations(scope);
  requireObject(props, { path: `${scope.node.path}/vault`, prop: "props" }, "give address and login { mount, role }");
  const id = props.alias ?? "vault";
  const ctx: PropContext = { path: `${scope.node.path}/${id}`, prop: "props" };
  for (const key of FORBIDDEN_KEYS) {
    if ((props as unknown as Record<string, unknown>)[key] !== undefined) {
      throw new ZspError({
        ...nested(ctx, key),
        problem: key === "skipChildToken" ? "skipping the child token would let Terraform use the login token beyond maxLeaseTtl" : "a Vault token or password in configuration is a standing secret",
        fix: "log in with login { mount, role } and a JWT from a sensitive variable",
      });
    }
  }
  if (typeof props.address !== "string" || !/^(https:\/\/[^\s/]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?)(\/.*)?$/.test(props.address)) {
    throw new ZspError({ ...nested(ctx, "address"), problem: `${JSON.stringify(props.address)} is not an https:// address`, fix: "use https://vault.example:8200 (plain http only for a loopback dev server)" });
  }
  const login = props.login;
  if (login === undefined || login === null || typeof login !== "object") {
    throw new ZspError({ ...nested(ctx, "login"), problem: "is required", fix: "give login { mount, role } of a JWT auth role" });
  }
  for (const key of ["mount", "role"] as const) {
    if (typeof login[key] !== "string" || !/^[\w.-][\w./-]*$/.test(login[key])) {
      throw new ZspError({ ...nested(ctx, `login.${key}`), problem: `${JSON.stringify(login[key])} is not a Vault ${key} name`, fix: `give the JWT auth ${key}, e.g. ${key === "mount" ? "jwt-ci" : "terraform-payments"}` });
    }
  }
  const jwt = login.jwt === undefined
    ? sensitiveVariable(scope, "vault_jwt", "JWT the Vault provider logs in with (e.g. the CI job's OIDC token); set TF_VAR_vault_jwt")
    : requireSensitiveVariable(login.jwt, nested(ctx, "login.jwt"));
  const maxLease = boundedDuration(props.maxLeaseTtl, DEFAULT_LEASE, HARD_MAX_LEASE, nested(ctx, "maxLeaseTtl"), "provider token limit");
  const config: VaultProviderConfig = {
    address: props.address,
    maxLeaseTtlSeconds: maxLease,
    skipChildToken: false,
    authLoginJwt: [{ mount: login.mount, role: login.role, jwt: jwt.stringValue, ...(props.namespace !== undefined ? { namespace: props.namespace } : {}) }],
    ...(props.namespace !== undefined ? { namespace: props.namespace } : {}),
    ...(props.alias !== undefined ? { alias: props.alias } : {}),
  };
  return new vault.VaultProvider(scope, id, config);
}
