import { referencedResource } from "./index-model";
import { TfModel, TfResource, blocks, isExpression, show } from "./model";
import { VaultPathRule, parseVaultPolicy } from "./vault-policy-hcl";

/** Auth backends and roles that issue Vault tokens (the provider-vault types with `token_ttl`). */
export const TOKEN_ISSUERS: readonly string[] = [
  "vault_alicloud_auth_backend_role", "vault_approle_auth_backend_role", "vault_aws_auth_backend_role",
  "vault_azure_auth_backend_role", "vault_cert_auth_backend_role", "vault_gcp_auth_backend_role",
  "vault_github_auth_backend", "vault_jwt_auth_backend_role", "vault_kubernetes_auth_backend_role",
  "vault_ldap_auth_backend", "vault_oci_auth_backend_role", "vault_okta_auth_backend",
  "vault_saml_auth_backend_role", "vault_scep_auth_backend_role", "vault_spiffe_auth_backend_role",
  "vault_token_auth_backend_role",
];

/** The path rules of a `vault_policy` (its literal policy, or the `vault_policy_document` it references); undefined when unreadable. */
export function vaultPolicyRules(model: TfModel, r: TfResource): VaultPathRule[] | undefined {
  const value = r.values.policy;
  if (typeof value === "string" && !isExpression(value)) return parseVaultPolicy(value);
  for (const candidate of [r.config?.policy, value]) {
    const doc = referencedResource(model, r, candidate, "vault_policy_document") ??
      (typeof candidate === "string" ? dataDoc(model, r, candidate) : undefined);
    if (!doc) continue;
    if (typeof doc.values.hcl === "string" && !isExpression(doc.values.hcl)) return parseVaultPolicy(doc.values.hcl);
    return blocks(doc.values.rule).map((b) => ({ path: show(b.path ?? ""), capabilities: Array.isArray(b.capabilities) ? b.capabilities.map((x) => show(x)) : [] }));
  }
  return undefined;
}

function dataDoc(model: TfModel, from: TfResource, value: string): TfResource | undefined {
  const m = /^\$\{data\.vault_policy_document\.([\w-]+)\.hcl\}$/.exec(value);
  if (!m) return undefined;
  return model.resources.find((d) => d.mode === "data" && d.type === "vault_policy_document" && d.name === m[1] && d.module === from.module);
}

/** Vault paths a `vault_generic_endpoint` writes an ACL policy through (`sys/policies/acl/<name>`, legacy `sys/policy/<name>`). */
const POLICY_ENDPOINT = /^\/?sys\/(?:policies\/acl|policy)\/[^/]+\/?$/;

/**
 * The policy a `vault_generic_endpoint` writes, when its path is an ACL
 * policy endpoint: `none` for other endpoints, `unknown` when the path or
 * `data_json` is an expression the engine cannot read, else the path rules.
 */
export function endpointPolicy(r: TfResource): { readonly kind: "none" } | { readonly kind: "unknown"; readonly what: string } | { readonly kind: "ok"; readonly rules: VaultPathRule[] } {
  const path = r.values.path;
  if (typeof path !== "string" || isExpression(path)) return { kind: "unknown", what: "path" };
  if (!POLICY_ENDPOINT.test(path)) return { kind: "none" };
  const data = r.values.data_json;
  if (typeof data !== "string" || isExpression(data)) return { kind: "unknown", what: "data_json" };
  try {
    const json = JSON.parse(data) as unknown;
    const text = typeof json === "object" && json !== null ? (json as Record<string, unknown>).policy : undefined;
    const rules = typeof text === "string" ? parseVaultPolicy(text) : undefined;
    return rules ? { kind: "ok", rules } : { kind: "unknown", what: "the policy in data_json" };
  } catch {
    return { kind: "unknown", what: "data_json" };
  }
}
