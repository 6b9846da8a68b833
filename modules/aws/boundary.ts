import { Construct } from "constructs";
import { PropContext, ZspError } from "../core/errors";
import { aws } from "../../provider-shim/aws-bindings";
import type { IamResourceLike } from "../../provider-shim/core-types";
import { PolicyDocument, PolicyStatement } from "../iam/policy-document";
import { optionalList, requireObject } from "../core/shape";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";
import { validateResourceArn } from "./resource-arn";

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const POLICY_PATH = /^\/(?:[\w+=,.@-]+\/)*$/;

/**
 * Actions a ZSP boundary always denies: they mint standing credentials or
 * let a session widen its own (or another principal's) privileges.
 * `iam:PassRole` and `sts:AssumeRole` are denied too, except on resources a
 * role grants explicitly (see {@link ZspBoundaryProps}).
 */
export const BOUNDARY_DENIED_ACTIONS: readonly string[] = [
  "iam:CreateUser",
  "iam:CreateAccessKey",
  "iam:UpdateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:UploadSSHPublicKey",
  "iam:AttachUserPolicy",
  "iam:PutUserPolicy",
  "iam:DeleteUserPolicy",
  "iam:DetachUserPolicy",
  "iam:AddUserToGroup",
  "iam:AttachGroupPolicy",
  "iam:PutGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:DetachRolePolicy",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:DeleteRolePermissionsBoundary",
  "iam:PutUserPermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "organizations:*",
];

/** Props of {@link ZspBoundary}. */
export interface ZspBoundaryProps {
  /**
   * The AWS provider every aws resource of this construct goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Policy name, e.g. `zsp-boundary-payments-deploy`. */
  readonly policyName: string;
  /** IAM path; default `/zsp/`. */
  readonly path?: string;
  /** The ceiling: the Allow statements the boundary permits (a JitRole passes its grants). */
  readonly allow: readonly PolicyStatement[];
  /** Resources `iam:PassRole` stays allowed on (granted explicitly); everything else is denied. */
  readonly passRoleResources?: readonly string[];
  /** Resources `sts:AssumeRole` (role chaining) stays allowed on (granted explicitly); everything else is denied. */
  readonly assumeRoleResources?: readonly string[];
  /** Tags (ownership). */
  readonly tags?: Record<string, string>;
}

/**
 * A permissions boundary (managed policy): the most a role may ever do,
 * whatever policy is attached to it later, out of band or by mistake. It
 * allows only the given statements (a JitRole's grants) and explicitly
 * denies creating standing credentials (users, access keys, login profiles),
 * privilege escalation through IAM policy and trust edits, removing the
 * boundary, `organizations:*`, and `iam:PassRole` / `sts:AssumeRole`
 * except where granted.
 */
export class ZspBoundary extends Construct {
  /** The boundary document. */
  public readonly document: PolicyDocument;
  /** The managed policy resource. */
  public readonly policy: IamResourceLike;
  /** The boundary document as the JSON string the policy carries (serialized once). */
  public readonly policyJson: string;

  public constructor(scope: Construct, id: string, props: ZspBoundaryProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "allow" };
    requireObject(props, { ...ctx, prop: "props" }, "give { policyName, allow }");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    if (typeof props.policyName !== "string" || !POLICY_NAME.test(props.policyName)) {
      throw new ZspError({ ...ctx, prop: "policyName", problem: `${JSON.stringify(props.policyName)} is not an IAM policy name`, fix: "use 1-128 characters of letters, digits and +=,.@_-" });
    }
    if (props.path !== undefined && (typeof props.path !== "string" || !POLICY_PATH.test(props.path))) {
      throw new ZspError({ ...ctx, prop: "path", problem: `${JSON.stringify(props.path)} is not an IAM path`, fix: 'use e.g. "/zsp/" (leading and trailing slash)' });
    }
    for (const prop of ["passRoleResources", "assumeRoleResources"] as const) {
      const list = optionalList(props[prop], { ...ctx, prop }, '["arn:aws:iam::111122223333:role/worker"]');
      if (list.some((arn) => typeof arn !== "string" || arn.length === 0)) {
        throw new ZspError({ ...ctx, prop, problem: "every entry must be a role ARN", fix: 'give e.g. ["arn:aws:iam::111122223333:role/worker"]' });
      }
      // The actions these lists except are iam:PassRole and sts:AssumeRole: their resources are IAM roles.
      list.forEach((arn, i) => validateResourceArn(arn as string, prop === "passRoleResources" ? ["iam"] : ["iam", "sts"], { ...ctx, prop: `${prop}[${i}]` }));
    }
    if (!Array.isArray(props.allow) || props.allow.length === 0 || props.allow.some((s) => !PolicyStatement.isPolicyStatement(s) || s.effect !== "Allow")) {
      throw new ZspError({ ...ctx, problem: "a boundary needs at least one Allow statement (the ceiling)", fix: "pass the role's grant statements" });
    }
    this.document = boundaryDocument(props);
    this.policyJson = this.document.toJsonString();
    this.policy = new aws.IamPolicy(this, "Policy", { ...providerOf(this, "aws"),
      name: props.policyName,
      path: props.path ?? "/zsp/",
      description: "cdktf-zsp permissions boundary: no standing credentials, no privilege escalation",
      policy: this.policyJson,
      ...(props.tags !== undefined ? { tags: props.tags } : {}),
    });
  }

  /** The policy ARN (a Terraform reference, created on first read: references are costly in cdktf). */
  public get policyArn(): string {
    return this.policy.arn;
  }
}

/** The boundary document of {@link ZspBoundary} (pure: used by tests and the bench). */
export function boundaryDocument(props: Pick<ZspBoundaryProps, "allow" | "passRoleResources" | "assumeRoleResources">): PolicyDocument {
  const allow = props.allow.map((s, i) => new PolicyStatement({ ...s.props, sid: `BoundaryAllow${i}` }));
  const exceptFor = (sid: string, action: string, granted: readonly string[] | undefined): PolicyStatement =>
    new PolicyStatement({
      sid,
      effect: "Deny",
      actions: [action],
      ...(granted !== undefined && granted.length > 0 ? { notResources: granted } : { resources: ["*"] }),
    });
  return new PolicyDocument([
    ...allow,
    new PolicyStatement({ sid: "DenyStandingCredentialsAndEscalation", effect: "Deny", actions: BOUNDARY_DENIED_ACTIONS, resources: ["*"] }),
    exceptFor("DenyPassRoleUnlessGranted", "iam:PassRole", props.passRoleResources),
    exceptFor("DenyRoleChainingUnlessGranted", "sts:AssumeRole", props.assumeRoleResources),
  ]);
}
