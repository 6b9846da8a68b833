import { effectivePermissions, permissionDocuments, principals } from "../../modules/guard/effective";
import { TfModel, isExpression } from "../../modules/guard/model";
import { Statement, readPolicy } from "../../modules/guard/policy";

/**
 * "The effective Allow and Deny statements of a role": the one thing
 * `zsp tighten` needs from the guard, read from the guard's effective
 * permissions (every inline and attachment form, AWS-managed policies by
 * their documents); what it cannot see (a policy outside the input, a policy
 * it cannot evaluate, an attachment to a role it cannot resolve) is listed in
 * `unknown`, and a role with anything unknown gets no proposal.
 */

/** A role of the input and the statements that decide what its sessions may do. */
export interface RolePermissions {
  /** Terraform address of the `aws_iam_role`. */
  readonly address: string;
  /** Stack (or input) name. */
  readonly stack: string;
  /** Role name, when known. */
  readonly name?: string;
  /** Role path, e.g. `/zsp/jit/`. */
  readonly path: string;
  /** The role's ARN, path included, when the account is known. */
  readonly roleArn?: string;
  /** Allow statements of every identity policy that applies. */
  readonly allows: readonly Statement[];
  /** Deny statements of the same policies. */
  readonly denies: readonly Statement[];
  /** Why the statements may be incomplete (empty: they are complete). */
  readonly unknown: readonly string[];
}

/** Options of {@link rolePermissions}. */
export interface PermissionsOptions {
  /** The account the roles live in, when the input does not say. */
  readonly account?: string;
}

const ACCOUNT_IN_ARN = /^arn:(aws[a-z-]*):[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/;

/** The permissions of every role in `model`. */
export function rolePermissions(model: TfModel, options: PermissionsOptions = {}): RolePermissions[] {
  const index = permissionDocuments(model);
  const orphans = [
    ...index.documents.filter((d) => d.origin === "inline" && d.unresolvedHolder && d.at.type === "aws_iam_role_policy").map((d) => `${d.at.address} applies to a role this input does not resolve`),
    ...index.attachments.filter((a) => a.unresolvedHolder).map((a) => `${a.at.address} attaches ${a.arn || "a policy"} to a role this input does not resolve`),
  ];
  return principals(model).filter((p) => p.kind === "role").map((role): RolePermissions => {
    const eff = effectivePermissions(model, role);
    const allows = eff.allows.map((s) => s.statement);
    const denies = eff.denies.map((s) => s.statement);
    const unknown = [...orphans, ...eff.unknown.map((u) => `${u.at.address}: ${u.reason}`)];
    const arn = roleArn(model, role.resource.values, role.resource.provider, role.path, role.name, options.account);
    return {
      address: role.resource.address, stack: model.stack, path: role.path, allows, denies, unknown,
      ...(role.name !== undefined ? { name: role.name } : {}), ...(arn !== undefined ? { roleArn: arn } : {}),
    };
  });
}

/**
 * The role's ARN: its literal `arn` (plans after apply), else built from path,
 * name and the account: the provider's single `allowed_account_ids`, the
 * account of a federated principal of its trust policy (OIDC and SAML
 * providers are local to the account), or `account` as given.
 */
function roleArn(model: TfModel, values: Readonly<Record<string, unknown>>, provider: string, path: string, name: string | undefined, given: string | undefined): string | undefined {
  const literal = values.arn;
  if (typeof literal === "string" && !isExpression(literal) && literal.startsWith("arn:")) return literal;
  if (name === undefined) return undefined;
  const allowed = model.providers.find((p) => p.address === provider)?.config.allowed_account_ids;
  let account = Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string" && /^\d{12}$/.test(allowed[0]) ? allowed[0] : undefined;
  let partition = "aws";
  if (account === undefined) {
    const trust = readPolicy(model, { address: "", mode: "managed", type: "aws_iam_role", name: "", module: "", values, provider }, "assume_role_policy");
    if (trust.kind === "ok") {
      for (const s of trust.statements) {
        for (const p of s.principals ?? []) {
          if (p.type !== "Federated") continue;
          for (const id of p.ids) {
            const m = ACCOUNT_IN_ARN.exec(id);
            if (m) {
              partition = m[1] as string;
              account ??= m[2];
            }
          }
        }
      }
    }
  }
  account ??= given;
  return account === undefined ? undefined : `arn:${partition}:iam::${account}:role${path.endsWith("/") ? path : `${path}/`}${name}`;
}
