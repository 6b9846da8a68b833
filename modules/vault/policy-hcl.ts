import { PropContext, ZspError, nested } from "../core/errors";
import { requireList } from "../core/shape";

/** A Vault ACL capability a workload policy may grant (`sudo` never). */
export type VaultCapability = "create" | "read" | "update" | "patch" | "delete" | "list" | "deny";

/** One rule: a path and what may be done on it. */
export interface VaultPolicyRule {
  /** An exact Vault API path, e.g. `aws-jit/creds/nightly-report`. No `*` or `+` globs. */
  readonly path: string;
  /** Capabilities on the path, e.g. `["read"]`. */
  readonly capabilities: readonly VaultCapability[];
}

const CAPABILITY_ORDER: readonly VaultCapability[] = ["create", "read", "update", "patch", "delete", "list", "deny"];
/** Capabilities that change what they name; on {@link AUTHORIZATION_PATHS} they would let a workload widen its own access. */
const WRITE_CAPABILITIES: ReadonlySet<string> = new Set(["create", "update", "patch", "delete"]);
/**
 * Paths where a write changes Vault's own authorization: ACL policies, auth
 * and secrets mounts, the audit devices, auth roles (their `token_policies`,
 * `bound_claims`), identity entities and groups (their policies), token
 * roles and orphan tokens (which outlive their parent). Writing any of these
 * is privilege escalation for a workload; operators change them through
 * Terraform.
 */
const AUTHORIZATION_PATHS: readonly RegExp[] = [
  /^sys\/(policy|policies|auth|mounts|audit|remount|plugins|namespaces|config)(\/|$)/,
  /^auth\/token\/(create-orphan|roles)(\/|$)/,
  /^auth\/(?!token\/)[^/]+\/(role|roles|config|certs|users|groups|map)(\/|$)/,
  /^identity\//,
];
const EXACT_PATH = /^[A-Za-z0-9_.@=-]+(\/[A-Za-z0-9_.@=-]+)*$/;

/**
 * Reduces `rules` to the smallest equivalent policy: one block per path,
 * capabilities deduplicated in a fixed order, `deny` alone where it appears
 * (Vault lets `deny` override every other capability on the path), paths
 * sorted. Refuses `sudo`, unknown capabilities, glob paths (`*`, `+`),
 * writes to paths that change Vault's own authorization (`sys/policies/…`,
 * `auth/<mount>/role/…`, `identity/…`, …) and empty rules with a
 * {@link ZspError} naming `ctx`: a workload gets exactly the paths it
 * declares and cannot widen them (guard rule ZSP015 for sudo and globs).
 */
export function minimalPolicyRules(rules: readonly VaultPolicyRule[], ctx: PropContext): VaultPolicyRule[] {
  requireList(rules, ctx, { empty: "a policy needs at least one rule", example: '[{ path: "aws-jit/creds/nightly-report", capabilities: ["read"] }]' });
  const byPath = new Map<string, Set<VaultCapability>>();
  rules.forEach((rule, i) => {
    const ruleCtx = nested(ctx, `[${i}]`);
    const path = rule?.path;
    if (typeof path !== "string") {
      throw new ZspError({ ...nested(ruleCtx, "path"), problem: `expected an exact Vault path, got ${rule === null || rule === undefined ? String(rule) + " instead of a rule" : typeof path}`, fix: 'declare e.g. { path: "aws-jit/creds/nightly-report", capabilities: ["read"] }' });
    }
    if (path.includes("*") || path.includes("+")) {
      throw new ZspError({
        ...nested(ruleCtx, "path"),
        problem: `${JSON.stringify(path)} is a glob path: a workload would reach every secret it matches, now and in the future`,
        fix: "name the exact path, e.g. aws-jit/creds/nightly-report",
      });
    }
    if (!EXACT_PATH.test(path)) {
      throw new ZspError({ ...nested(ruleCtx, "path"), problem: `${JSON.stringify(path)} is not a Vault API path`, fix: "use mount/… without leading or trailing slash, e.g. db-jit/creds/etl-readonly" });
    }
    const caps = requireList(rule.capabilities, nested(ruleCtx, "capabilities"), { empty: "no capability given", example: '["read"]' }) as readonly string[];
    const set = byPath.get(path) ?? new Set<VaultCapability>();
    for (const cap of caps) {
      if (cap === "sudo") {
        throw new ZspError({
          ...nested(ruleCtx, "capabilities"),
          problem: `"sudo" on ${path} grants root-protected operations; no workload needs it`,
          fix: "remove sudo; operators who need it use a break-glass token, not a workload policy",
        });
      }
      if (!(CAPABILITY_ORDER as readonly string[]).includes(cap)) {
        throw new ZspError({ ...nested(ruleCtx, "capabilities"), problem: `${JSON.stringify(cap)} is not a Vault capability`, fix: `use ${CAPABILITY_ORDER.join(", ")}` });
      }
      if (WRITE_CAPABILITIES.has(cap) && AUTHORIZATION_PATHS.some((p) => p.test(path))) {
        throw new ZspError({
          ...nested(ruleCtx, "capabilities"),
          problem: `"${cap}" on ${path} changes Vault's own authorization (policies, auth roles, mounts, identities): a workload could widen its own access`,
          fix: "grant read at most; change Vault's configuration through Terraform, not from a workload",
        });
      }
      set.add(cap as VaultCapability);
    }
    byPath.set(path, set);
  });
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, set]) => ({ path, capabilities: set.has("deny") ? ["deny"] : CAPABILITY_ORDER.filter((c) => set.has(c)) }));
}

/**
 * Renders rules (already minimal) as Vault policy HCL, with `header` lines as
 * `#` comments (Vault keeps comments in the stored policy, so
 * `vault policy read` shows the owner).
 */
export function renderPolicyHcl(rules: readonly VaultPolicyRule[], header: readonly string[] = []): string {
  const lines = header.map((line) => `# ${line.replace(/[\r\n]+/g, " ")}`);
  for (const rule of rules) {
    if (lines.length > 0) lines.push("");
    lines.push(`path ${JSON.stringify(rule.path)} {`);
    lines.push(`  capabilities = [${rule.capabilities.map((c) => JSON.stringify(c)).join(", ")}]`);
    lines.push("}");
  }
  return `${lines.join("\n")}\n`;
}
