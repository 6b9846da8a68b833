import { awsManagedPolicy, awsManagedPolicyName } from "../iam/aws-managed-policies";
import { ofType, referencedResource } from "./index-model";
import { perKey } from "./memo";
import { TfModel, TfResource, blocks, isExpression, show } from "./model";
import { PolicyResult, readPolicy } from "./policy";
import { Principal, PrincipalKind, listWithConfig, principalRef, principals } from "./principals";

/**
 * Every identity-policy document of a model and whom it applies to: inline
 * policies (`aws_iam_{role,user,group}_policy`, `inline_policy` blocks),
 * customer-managed policies (`aws_iam_policy`) and AWS-managed policies from
 * every attachment form, data-source lookups (`data.aws_iam_policy`), and
 * permissions boundaries. Read once per model, in one pass over the resources.
 */

/** Where a document comes from. */
export type DocumentOrigin = "inline" | "customer-managed" | "aws-managed" | "external";

/** One permission-policy document and the principals it is attached to. */
export interface PermissionDocument {
  /**
   * The resource a finding about this document sits on (DESIGN CLI contract:
   * the resource that uses it): the inline policy resource or the role with
   * the `inline_policy` block; the `aws_iam_policy` of a customer-managed
   * policy; the attachment (or role with `managed_policy_arns`) of an
   * AWS-managed or external policy.
   */
  readonly at: TfResource;
  /** Inline, customer-managed (in this input), AWS-managed (by its document in the data set), or external (a policy outside the input). */
  readonly origin: DocumentOrigin;
  /** The policy ARN as written, for managed and external policies. */
  readonly arn?: string;
  /** The AWS-managed policy name, e.g. `AmazonS3FullAccess`. */
  readonly awsManaged?: string;
  /** The statements, or why they cannot be read. */
  readonly policy: PolicyResult;
  /** Roles, users and groups it is attached to (empty: attached to nothing known). */
  readonly principals: readonly Principal[];
  /** True when an attachment names a principal the input does not resolve. */
  readonly unresolvedHolder: boolean;
}

/** A managed-policy attachment: one policy ARN given to principals by one resource. */
export interface ManagedAttachment {
  /** The attaching resource (`aws_iam_*_policy_attachment`, `aws_iam_policy_attachment`, `*_exclusive`, or the role with `managed_policy_arns`). */
  readonly at: TfResource;
  /** The ARN as written (values, else configuration view). */
  readonly arn: string;
  /** The document it attaches. */
  readonly document: PermissionDocument;
  /** The principals it attaches to. */
  readonly principals: readonly Principal[];
  /** True when one of the principals it names is not resolved. */
  readonly unresolvedHolder: boolean;
}

/** A principal's permissions boundary. */
export interface Boundary {
  /** The principal resource carrying `permissions_boundary`. */
  readonly at: TfResource;
  /** The boundary ARN as written. */
  readonly arn: string;
  /** Its statements, or why they cannot be read. */
  readonly policy: PolicyResult;
}

/** Everything {@link permissionDocuments} reads from a model. */
export interface PermissionIndex {
  /** Documents that grant (boundary-only policies excluded), in input order. */
  readonly documents: readonly PermissionDocument[];
  /** Every managed-policy attachment. */
  readonly attachments: readonly ManagedAttachment[];
  /** Documents attached directly to each principal. */
  readonly byPrincipal: ReadonlyMap<Principal, readonly PermissionDocument[]>;
  /** Permissions boundaries by principal. */
  readonly boundaries: ReadonlyMap<Principal, Boundary>;
}

interface MutableDocument extends PermissionDocument {
  readonly principals: Principal[];
  unresolvedHolder: boolean;
}

/** The permission documents of `model` (memoized per model). */
export const permissionDocuments: (model: TfModel) => PermissionIndex = perKey(readDocuments);

const AWS_MANAGED_RESULTS = new Map<string, PolicyResult>();

function awsManagedResult(model: TfModel, at: TfResource, name: string): { name: string; policy: PolicyResult } {
  const known = awsManagedPolicy(name);
  if (!known) return { name, policy: { kind: "unknown", reason: `AWS-managed policy ${name} is not in the managed-policy data set (a retired or newer policy)` } };
  let policy = AWS_MANAGED_RESULTS.get(known.name);
  if (!policy) {
    policy = readPolicy(model, at, "policy_arn", known.document);
    AWS_MANAGED_RESULTS.set(known.name, policy);
  }
  return { name: known.name, policy };
}

const DATA_POLICY_REF = /^\$\{((?:module\.[\w-]+\.)*)data\.aws_iam_policy\.([\w-]+)(?:\[[^\]]*\])?\.(?:arn|id)\}$/;

function readDocuments(model: TfModel): PermissionIndex {
  const documents: MutableDocument[] = [];
  const attachments: ManagedAttachment[] = [];
  const byPrincipal = new Map<Principal, PermissionDocument[]>();
  const boundaries = new Map<Principal, Boundary>();
  const attachedPolicies = new Set<TfResource>();
  const boundaryPolicies = new Set<TfResource>();
  const customer = new Map<TfResource, MutableDocument>();
  const policies = ofType(model, "aws_iam_policy");
  const policyByArn = new Map<string, TfResource>();
  const policyByName = new Map<string, TfResource>();
  for (const p of policies) {
    if (typeof p.values.arn === "string" && !isExpression(p.values.arn)) policyByArn.set(p.values.arn, p);
    if (typeof p.values.name === "string" && !isExpression(p.values.name)) policyByName.set(`${p.module}\u0000${p.values.name}`, p);
  }
  const dataPolicies = new Map<string, TfResource>();
  for (const r of model.resources) if (r.mode === "data" && r.type === "aws_iam_policy") dataPolicies.set(`${r.module.replace(/\[[^\]]*\]/g, "")}\u0000${r.name}`, r);

  // An AWS-managed ARN is read once per ARN as written: thousands of attachments name the same few.
  const managedByArn = new Map<string, { name: string; policy: PolicyResult } | null>();
  const awsManagedOf = (at: TfResource, arn: string): { name: string; policy: PolicyResult } | undefined => {
    let hit = managedByArn.get(arn);
    if (hit === undefined) {
      const name = awsManagedPolicyName(arn);
      hit = name === undefined ? null : awsManagedResult(model, at, name);
      managedByArn.set(arn, hit);
    }
    return hit ?? undefined;
  };

  const hold = (doc: MutableDocument, holders: readonly (Principal | undefined)[]): void => {
    for (const p of holders) {
      if (!p) {
        doc.unresolvedHolder = true;
        continue;
      }
      if (!doc.principals.includes(p)) doc.principals.push(p);
      const list = byPrincipal.get(p);
      if (list === undefined) byPrincipal.set(p, [doc]);
      else if (!list.includes(doc)) list.push(doc);
    }
  };
  const customerDoc = (p: TfResource): MutableDocument => {
    let doc = customer.get(p);
    if (!doc) {
      doc = { at: p, origin: "customer-managed", policy: readPolicy(model, p, "policy"), principals: [], unresolvedHolder: false, ...(typeof p.values.arn === "string" ? { arn: p.values.arn } : {}) };
      customer.set(p, doc);
    }
    return doc;
  };

  /** The document a managed-policy ARN (value / configuration view) names, seen from `at`. */
  const resolve = (at: TfResource, value: unknown, configValue: unknown): MutableDocument => {
    const arn = typeof value === "string" && value !== "" && !(isExpression(value) && typeof configValue === "string") ? value : typeof configValue === "string" ? configValue : show(value);
    const own = referencedResource(model, at, configValue, "aws_iam_policy") ?? referencedResource(model, at, value, "aws_iam_policy");
    if (own) return customerDoc(own);
    const other = (origin: DocumentOrigin, policy: PolicyResult, extra: { awsManaged?: string } = {}): MutableDocument =>
      ({ at, origin, arn, policy, principals: [], unresolvedHolder: false, ...extra });
    for (const text of [configValue, value]) {
      if (typeof text !== "string") continue;
      const m = DATA_POLICY_REF.exec(text);
      if (!m) continue;
      const module = [at.module.replace(/\[[^\]]*\]/g, ""), (m[1] ?? "").replace(/\.$/, "")].filter((s) => s).join(".");
      const data = dataPolicies.get(`${module}\u0000${m[2]}`);
      if (!data) return other("external", { kind: "unknown", reason: `references data.aws_iam_policy.${m[2]}, which this input does not contain` });
      const lookedUp = literalOf(data.values.arn);
      const name = lookedUp !== undefined ? awsManagedPolicyName(lookedUp) : literalOf(data.values.name);
      if (name !== undefined && (lookedUp !== undefined || awsManagedPolicy(name))) {
        const aws = awsManagedResult(model, at, name);
        return other("aws-managed", aws.policy, { awsManaged: aws.name });
      }
      const planned = data.values.policy;
      if (typeof planned === "string" && !isExpression(planned)) return other("external", readPolicy(model, data, "policy"));
      const byName = name !== undefined ? policyByName.get(`${data.module}\u0000${name}`) : undefined;
      if (byName) return customerDoc(byName);
      return other("external", { kind: "unknown", reason: `data.aws_iam_policy.${m[2]} looks up ${name ?? lookedUp ?? "a policy"} outside this input; its permissions are unknown` });
    }
    const aws = awsManagedOf(at, arn);
    if (aws !== undefined) return other("aws-managed", aws.policy, { awsManaged: aws.name });
    if (!isExpression(arn)) {
      const byArn = policyByArn.get(arn);
      if (byArn) return customerDoc(byArn);
      const m = /^arn:[\w-]+:iam::\d{12}:policy\/(?:.*\/)?([\w+=,.@-]+)$/.exec(arn);
      const byName = m ? policyByName.get(`${at.module}\u0000${m[1]}`) : undefined;
      if (byName) return customerDoc(byName);
      return other("external", { kind: "unknown", reason: `policy ${arn} is not defined in this input; its permissions are unknown` });
    }
    return other("external", { kind: "unknown", reason: `policy ARN ${arn} is an expression the engine cannot evaluate` });
  };
  const attach = (at: TfResource, value: unknown, configValue: unknown, holders: readonly (Principal | undefined)[]): void => {
    const doc = resolve(at, value, configValue);
    if (doc.origin === "customer-managed") attachedPolicies.add(doc.at);
    else documents.push(doc);
    hold(doc, holders);
    const known = holders.filter((h): h is Principal => h !== undefined);
    attachments.push({ at, arn: doc.arn ?? show(value), document: doc, principals: known, unresolvedHolder: known.length !== holders.length });
  };
  const inline = (at: TfResource, policy: PolicyResult, holders: readonly (Principal | undefined)[]): void => {
    if (policy.kind === "absent") return;
    const doc: MutableDocument = { at, origin: "inline", policy, principals: [], unresolvedHolder: false };
    documents.push(doc);
    hold(doc, holders);
  };
  const ref = (from: TfResource, kind: PrincipalKind, attr: string, value?: unknown, configValue?: unknown): Principal | undefined =>
    principalRef(model, from, kind, attr, value, configValue);

  for (const p of principals(model)) {
    if (p.kind === "role") {
      const cfg = blocks(p.resource.config?.inline_policy);
      blocks(p.resource.values.inline_policy).forEach((block, i) => inline(p.resource, readPolicy(model, p.resource, "policy", block.policy, cfg[i]?.policy), [p]));
      for (const [v, c] of listWithConfig(p.resource, "managed_policy_arns")) attach(p.resource, v, c, [p]);
    }
    const b = p.resource.values.permissions_boundary ?? p.resource.config?.permissions_boundary;
    if (p.kind !== "group" && b !== undefined && b !== null && b !== "") {
      const doc = resolve(p.resource, p.resource.values.permissions_boundary, p.resource.config?.permissions_boundary);
      if (doc.origin === "customer-managed") boundaryPolicies.add(doc.at);
      boundaries.set(p, { at: p.resource, arn: doc.arn ?? show(b), policy: doc.policy });
    }
  }
  for (const [type, kind, attr] of [["aws_iam_role_policy", "role", "role"], ["aws_iam_user_policy", "user", "user"], ["aws_iam_group_policy", "group", "group"]] as const) {
    for (const r of ofType(model, type)) inline(r, readPolicy(model, r, "policy"), [ref(r, kind, attr)]);
  }
  for (const [type, kind, attr] of [["aws_iam_role_policy_attachment", "role", "role"], ["aws_iam_user_policy_attachment", "user", "user"], ["aws_iam_group_policy_attachment", "group", "group"]] as const) {
    for (const a of ofType(model, type)) attach(a, a.values.policy_arn, a.config?.policy_arn, [ref(a, kind, attr)]);
  }
  for (const a of ofType(model, "aws_iam_policy_attachment")) {
    const holders = (["role", "user", "group"] as const).flatMap((kind) => listWithConfig(a, `${kind}s`).map(([v, c]) => ref(a, kind, `${kind}s`, v, c)));
    attach(a, a.values.policy_arn, a.config?.policy_arn, holders);
  }
  for (const kind of ["role", "user", "group"] as const) {
    for (const a of ofType(model, `aws_iam_${kind}_policy_attachments_exclusive`)) {
      const holder = ref(a, kind, `${kind}_name`);
      for (const [v, c] of listWithConfig(a, "policy_arns")) attach(a, v, c, [holder]);
    }
  }
  // Customer-managed policies: attached ones, and unattached ones (judged on their own); a policy only used as a boundary grants nothing.
  for (const p of policies) {
    if (attachedPolicies.has(p) || !boundaryPolicies.has(p)) documents.push(customerDoc(p));
  }
  return { documents, attachments, byPrincipal, boundaries };
}

function literalOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !isExpression(value) ? value : undefined;
}
