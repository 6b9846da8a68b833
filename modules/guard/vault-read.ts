import { referencedResource } from "./index-model";
import { TfModel, TfResource, blocks, isExpression, isRecord, show } from "./model";

/** Auth backends and roles that issue Vault tokens (the provider-vault types with `token_ttl`). */
export const TOKEN_ISSUERS: readonly string[] = [
  "vault_alicloud_auth_backend_role", "vault_approle_auth_backend_role", "vault_aws_auth_backend_role",
  "vault_azure_auth_backend_role", "vault_cert_auth_backend_role", "vault_gcp_auth_backend_role",
  "vault_github_auth_backend", "vault_jwt_auth_backend_role", "vault_kubernetes_auth_backend_role",
  "vault_ldap_auth_backend", "vault_oci_auth_backend_role", "vault_okta_auth_backend",
  "vault_saml_auth_backend_role", "vault_scep_auth_backend_role", "vault_spiffe_auth_backend_role",
  "vault_token_auth_backend_role",
];

/** One path rule of a Vault policy. */
export interface VaultPathRule {
  /** Path pattern. */
  readonly path: string;
  /** Capabilities. */
  readonly capabilities: readonly string[];
}

/** Parses a Vault policy (HCL or JSON); undefined when it cannot be read. */
export function parseVaultPolicy(text: string): VaultPathRule[] | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      if (!isRecord(json) || !isRecord(json.path)) return undefined;
      return Object.entries(json.path).map(([path, body]) => ({
        path, capabilities: isRecord(body) && Array.isArray(body.capabilities) ? body.capabilities.map((x) => show(x)) : [],
      }));
    } catch {
      return undefined;
    }
  }
  const withoutComments = trimmed.replace(/(^|\n)\s*(#|\/\/)[^\n]*/g, "\n");
  const rules: VaultPathRule[] = [];
  const pathBlock = /path\s+"([^"]*)"\s*\{([^}]*)\}/g;
  let consumed = withoutComments;
  for (const m of withoutComments.matchAll(pathBlock)) {
    const caps = /capabilities\s*=\s*\[([^\]]*)\]/.exec(m[2] ?? "");
    rules.push({ path: m[1] ?? "", capabilities: caps ? [...(caps[1] ?? "").matchAll(/"([^"]*)"/g)].map((c) => c[1] ?? "") : [] });
    consumed = consumed.replace(m[0], "");
  }
  if (consumed.trim() !== "" || (rules.length === 0 && trimmed !== "")) return undefined;
  return rules;
}

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
