import { ROLE_PATHS } from "../iam/role-paths";
import { Annotations } from "../../provider-shim/core";
import { Construct } from "constructs";
import { Duration, boundedDuration, formatDuration } from "../core/duration";
import { PropContext, ZspError } from "../core/errors";
import { ACCOUNT_ID, validateRoleName } from "../core/aws-names";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { aws } from "../../provider-shim/aws-bindings";
import type { IamResourceLike } from "../../provider-shim/core-types";
import { BOUNDARY_DENIED_ACTIONS, ZspBoundary, ZspBoundaryProps, boundaryDocument } from "./boundary";
import { pathsNeeding, refuseEscalation } from "./escalation-check";
import { denyUnlessStatements, DenyUnless, refuseFencedGrants } from "./deny-unless";
import { Grant, ValidatedGrant, grantStatement, validateGrant } from "./grant";
import { Conditions, PolicyDocument, PolicyStatement, revokeSessionsStatement, windowConditions } from "../iam/policy-document";
import { IZspRole } from "./role-contract";
import { Instant, parseInstant, resolveNow } from "../core/clock";
import { AccessWindow, ResolvedWindow, resolveWindow } from "./window";
import { BoundIdentity, WorkloadIdentity } from "./workload-identity";
import { requireList, requireObject } from "../core/shape";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/** The IAM path of every JIT role: EventBridge rules and SCPs match it by ARN prefix. */
export const JIT_ROLE_PATH = ROLE_PATHS.jit;

/** Props of {@link JitRole}. */
export interface JitRoleProps {
  /**
   * The AWS provider every aws resource of this construct goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Role name (1-64 of `[\w+=,.@-]`), e.g. `payments-deploy`. The ARN is `arn:aws:iam::<account>:role/zsp/jit/<roleName>`. */
  readonly roleName: string;
  /** Who owns the role and why it exists: becomes the `zsp:*` tags. */
  readonly ownership: Ownership;
  /** Who may obtain the role: one or more {@link WorkloadIdentity} trusts. */
  readonly identities: readonly WorkloadIdentity[];
  /** What a session may do: one or more {@link grant}s. */
  readonly grants: readonly Grant[];
  /** Role `max_session_duration`. Default `1h`; at least `1h` (IAM's minimum) and at most the profile's `maxSession`. Shorter lifetimes are set by the issuer (GitHub's `role-duration-seconds`, Vault's `max_sts_ttl`). */
  readonly maxSession?: Duration;
  /** Only within this window can the role be obtained (trust) and used (permissions): `aws:CurrentTime` conditions on both. */
  readonly window?: AccessWindow;
  /** Change or incident ticket (`zsp:ticket` tag), checked against the profile's `ticketPattern`. Same as `ownership.ticket`; give either (or both, equal). */
  readonly ticket?: string;
  /** Deny every request from outside these networks or regions (explicit Deny statements; AWS services acting for the role are excepted). */
  readonly denyUnless?: DenyUnless;
  /** Kill switch: deny everything to sessions whose token was issued before this instant (what the console's "revoke active sessions" writes). */
  readonly revokeSessionsIssuedBefore?: Instant;
  /** The 12-digit account the role lives in; default: read from a federated provider or trust anchor ARN. Needed for {@link JitRole.literalArn} when only `awsRole` identities are trusted. */
  readonly account?: string;
  /** "Now", for the expired-window check: default the construct context value `zsp:now`, else `ZSP_NOW`, else the system clock (the clock ZspGuard uses too). Tests fix it for deterministic synthesis. */
  readonly now?: Instant;
}

const MIN_MAX_SESSION = 3600;
/** IAM's limit on a role's inline policies (characters, whitespace excluded). */
const INLINE_POLICY_LIMIT = 10240;
/** IAM's limit on a managed policy (characters, whitespace excluded). */
const MANAGED_POLICY_LIMIT = 6144;

/**
 * An AWS role that a non-human identity can only obtain just in time: trusted
 * only to cryptographic workload identities (or one named issuer role) with
 * exact conditions, for at most the profile's session maximum, with explicit
 * actions on explicit resources validated against the IAM action catalogue,
 * optionally only inside a time window and from given networks, under a
 * permissions boundary, with a kill switch, and tagged with its owner.
 *
 * Creates: `aws_iam_role` (path `/zsp/jit/`), its permissions as one inline
 * `aws_iam_role_policy` (its lifetime is the role's; nothing else can attach
 * it), `aws_iam_role_policies_exclusive` and
 * `aws_iam_role_policy_attachments_exclusive` (Terraform removes inline
 * policies and managed attachments added out of band), and a per-role
 * {@link ZspBoundary} unless the profile names `boundaryArn`.
 */
export class JitRole extends Construct implements IZspRole {
  /** The role resource. */
  public readonly role: IamResourceLike;
  /** The role's name. */
  public readonly roleName: string;
  /** `/zsp/jit/`. */
  public readonly rolePath: string = JIT_ROLE_PATH;
  /** `arn:aws:iam::<account>:role/zsp/jit/<name>` when the account is known. */
  public readonly literalArn?: string;
  /** The account, when known. */
  public readonly account?: string;
  /** Role ARNs trusted through `WorkloadIdentity.awsRole`. */
  public readonly trustedAwsRoleArns: readonly string[];
  /** Max session, seconds. */
  public readonly maxSessionSeconds: number;
  /** The grants' Allow statements (window conditions included). */
  public readonly grantStatements: readonly PolicyStatement[];
  /** The trust policy. */
  public readonly trustPolicy: PolicyDocument;
  /** The permissions (inline) policy: grants, deny conditions, kill switch. */
  public readonly permissionsPolicy: PolicyDocument;
  /** The trusted identities, bound. */
  public readonly identities: readonly BoundIdentity[];
  /** The validated window, if any. */
  public readonly window?: ResolvedWindow;
  /** The ticket, if any. */
  public readonly ticket?: string;
  /** The ownership tags on the role. */
  public readonly tags: Readonly<Record<string, string>>;
  /** The boundary created for this role (undefined when the profile names `boundaryArn`). */
  public readonly boundary?: ZspBoundary;
  /** The permissions boundary ARN attached to the role. */
  public readonly boundaryArn: string;

  public constructor(scope: Construct, id: string, props: JitRoleProps) {
    super(scope, id);
    recordSourceLocations(this);
    const path = this.node.path;
    const ctx = (prop: string): PropContext => ({ path, prop });
    requireObject(props, ctx("props"), "give JitRole its props: roleName, ownership, identities and grants");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    const profile = ZspProfile.of(this);

    this.roleName = validateRoleName(props.roleName, ctx("roleName"));

    // Ticket: one value, from either prop.
    const ownership = props.ownership;
    if (props.ticket !== undefined && ownership?.ticket !== undefined && props.ticket !== ownership.ticket) {
      throw new ZspError({ ...ctx("ticket"), problem: `"${props.ticket}" differs from ownership.ticket "${ownership.ticket}"`, fix: "give the ticket once" });
    }
    const ticket = props.ticket ?? ownership?.ticket;
    this.tags = ownershipTags(
      ownership === undefined || ownership === null ? ownership : { ...ownership, ...(ticket !== undefined ? { ticket } : {}) },
      "jit",
      profile,
      ctx("ownership"),
    );
    if (ticket !== undefined) this.ticket = this.tags["zsp:ticket"];

    // Session length: IAM's floor is 1 h; the profile's maxSession is the ceiling.
    const seconds = boundedDuration(props.maxSession, "1h", profile.maxSession, ctx("maxSession"), "maxSession");
    if (seconds < MIN_MAX_SESSION) {
      throw new ZspError({
        ...ctx("maxSession"),
        problem: `${formatDuration(seconds)} is below IAM's minimum max_session_duration of 1h (a trust policy cannot shorten sessions: sts:DurationSeconds is not a condition key on AssumeRole*)`,
        fix: "leave maxSession at 1h and set the short lifetime at the issuer: GitHub's role-duration-seconds, Vault's default_sts_ttl/max_sts_ttl",
      });
    }
    this.maxSessionSeconds = seconds;

    // Window and clock.
    let windowConds: Conditions | undefined;
    if (props.now !== undefined) parseInstant(props.now, ctx("now"));
    if (props.window !== undefined) {
      const now = resolveNow(this, props.now, ctx("now"));
      const window = resolveWindow(props.window, now, ctx("window"));
      if (window.expired) {
        const problem = `the window ended at ${window.notAfter}, before now (${new Date(now).toISOString()}): the role could never be obtained`;
        if (profile.expiredWindow === "error") {
          throw new ZspError({ ...ctx("window.notAfter"), problem, fix: "remove the role or give a window that is still to come (the profile's expiredWindow may downgrade this to a warning)" });
        }
        Annotations.of(this).addWarning(`ZSP013 ${path}: ${problem}`);
      }
      this.window = window;
      windowConds = windowConditions(window.notBefore, window.notAfter);
    }

    // Identities → trust policy.
    this.identities = requireList(props.identities, ctx("identities"), { empty: "no identity may assume the role", example: "[WorkloadIdentity.githubActions({...})]" }).map((identity, i) => {
      if (!WorkloadIdentity.isWorkloadIdentity(identity)) {
        throw new ZspError({ ...ctx(`identities[${i}]`), problem: "is not a WorkloadIdentity", fix: "build it with WorkloadIdentity.githubActions / oidc / eksServiceAccount / rolesAnywhere / awsRole" });
      }
      return identity.bind(ctx(`identities[${i}]`));
    });
    this.trustPolicy = new PolicyDocument(this.identities.map((b, i) => {
      const s = b.statement.withConditions(windowConds);
      return this.identities.length === 1 ? s : new PolicyStatement({ ...s.props, sid: `${s.props.sid ?? "Trust"}${i}` });
    }));
    this.trustedAwsRoleArns = this.identities.flatMap((b) => (b.trustedAwsRoleArn !== undefined ? [b.trustedAwsRoleArn] : []));

    // Account and literal ARN.
    if (props.account !== undefined && (typeof props.account !== "string" || !ACCOUNT_ID.test(props.account))) {
      throw new ZspError({ ...ctx("account"), problem: `${JSON.stringify(props.account)} is not a 12-digit account id`, fix: 'give e.g. "111122223333"' });
    }
    const federatedAccounts = [...new Set(this.identities.flatMap((b) => (b.account !== undefined ? [b.account] : [])))];
    const account = props.account ?? federatedAccounts[0];
    const foreign = federatedAccounts.find((a) => a !== account);
    if (foreign !== undefined) {
      throw new ZspError({ ...ctx("identities"), problem: `an OIDC provider or trust anchor in account ${foreign} cannot be trusted by a role in account ${account}`, fix: "use the provider or trust anchor registered in the role's own account" });
    }
    if (account !== undefined) {
      this.account = account;
      this.literalArn = `arn:aws:iam::${account}:role${JIT_ROLE_PATH}${this.roleName}`;
    }

    // Grants → permissions.
    const grants = requireList(props.grants, ctx("grants"), { empty: "a JIT role without grants has nothing to do", example: '[grant(["s3:GetObject"], ["arn:aws:s3:::bucket/prefix/*"])]' }) as readonly Grant[];
    const validated: ValidatedGrant[] = grants.map((g, i) => validateGrant(g, ctx(`grants[${i}]`)));
    for (const [i, g] of validated.entries()) {
      const denied = g.actions.filter((a) => BOUNDARY_DENIED_SET.has(a) || a.startsWith("organizations:"));
      if (denied.length > 0) {
        const paths = pathsNeeding(denied);
        throw new ZspError({ ...ctx(`grants[${i}].actions`), problem: `${denied.join(", ")} create standing credentials or escalate privilege${paths.length > 0 ? ` (privilege-escalation paths ${paths.join(", ")})` : ""}; the ZSP boundary denies them`, fix: "remove them; use a break-glass role for such changes" });
      }
    }
    if (windowConds !== undefined) {
      for (const [i, g] of validated.entries()) {
        const clash = Object.entries(windowConds).find(([operator]) => g.conditions?.[operator]?.["aws:CurrentTime"] !== undefined);
        if (clash !== undefined) {
          throw new ZspError({
            ...ctx(`grants[${i}].conditions`),
            problem: `${clash[0]} on aws:CurrentTime is also set by the role's window; two values under one operator and key are ORed by IAM, so the looser bound would win`,
            fix: "give the time bound once: as the role's window, or in this grant's conditions without a window",
          });
        }
      }
    }
    this.grantStatements = validated.map((g, i) => grantStatement(g, `Grant${i}`, windowConds));
    const deny = props.denyUnless !== undefined ? denyUnlessStatements(props.denyUnless, profile.allowedRegions, ctx("denyUnless")) : [];
    refuseFencedGrants(props.denyUnless, validated, ctx("denyUnless"), (i) => ctx(`grants[${i}]`));
    const kill = props.revokeSessionsIssuedBefore !== undefined
      ? [revokeSessionsStatement(parseInstant(props.revokeSessionsIssuedBefore, ctx("revokeSessionsIssuedBefore")).iso)]
      : [];
    this.permissionsPolicy = new PolicyDocument([...this.grantStatements, ...deny, ...kill]);
    const permissionsJson = this.permissionsPolicy.toJsonString();
    if (permissionsJson.length > INLINE_POLICY_LIMIT) {
      throw new ZspError({ ...ctx("grants"), problem: `the permissions policy is ${permissionsJson.length} characters, over IAM's inline limit of ${INLINE_POLICY_LIMIT}`, fix: "split the task into several roles; a JIT role should be narrow" });
    }

    // Boundary: the profile's, or one per role that allows exactly the grants.
    const grantedOn = (action: string): string[] => validated.filter((g) => g.actions.includes(action)).flatMap((g) => [...g.resources]);
    const ceiling = (): BoundaryProps => ({ allow: validated.map((g, i) => grantStatement(g, `Grant${i}`, undefined)), passRoleResources: grantedOn("iam:PassRole"), assumeRoleResources: grantedOn("sts:AssumeRole") });
    // The guard's matcher (ZSP016): a grant set that escalates on * or a pattern is refused here, before anything is built.
    refuseEscalation(validated, this.permissionsPolicy.statements, profile.boundaryArn === undefined ? boundaryDocument(ceiling()).statements : undefined, ctx("grants"));
    if (profile.boundaryArn !== undefined) {
      this.boundaryArn = profile.boundaryArn;
    } else {
      this.boundary = new ZspBoundary(this, "Boundary", {
        policyName: `zsp-boundary-${this.roleName}`.slice(0, 128),
        path: JIT_ROLE_PATH,
        ...ceiling(),
        tags: { ...this.tags },
      });
      const size = this.boundary.policyJson.length;
      if (size > MANAGED_POLICY_LIMIT) {
        throw new ZspError({ ...ctx("grants"), problem: `the boundary policy is ${size} characters, over IAM's managed policy limit of ${MANAGED_POLICY_LIMIT}`, fix: "split the task into several roles, or set the profile's boundaryArn" });
      }
      this.boundaryArn = this.boundary.policyArn;
    }

    this.role = new aws.IamRole(this, "Role", { ...providerOf(this, "aws"),
      name: this.roleName,
      path: JIT_ROLE_PATH,
      description: `JIT: ${this.tags["zsp:purpose"] ?? ""}`.slice(0, 1000),
      assumeRolePolicy: this.trustPolicy.toJsonString(),
      maxSessionDuration: this.maxSessionSeconds,
      permissionsBoundary: this.boundaryArn,
      forceDetachPolicies: true,
      tags: { ...this.tags },
    });
    const policyName = "zsp-permissions";
    // One reference to the role's name, reused: each attribute read creates a token (with a stack trace) in cdktf.
    const roleNameRef = this.role.name;
    new aws.IamRolePolicy(this, "Permissions", { ...providerOf(this, "aws"), name: policyName, role: roleNameRef, policy: permissionsJson });
    new aws.IamRolePoliciesExclusive(this, "OnlyTheseInlinePolicies", { ...providerOf(this, "aws"), roleName: roleNameRef, policyNames: [policyName] });
    new aws.IamRolePolicyAttachmentsExclusive(this, "NoManagedPolicies", { ...providerOf(this, "aws"), roleName: roleNameRef, policyArns: [] });
  }

  /** The role's ARN (a Terraform reference, created on first read: references are costly in cdktf). */
  public get roleArn(): string {
    return this.role.arn;
  }
}

type BoundaryProps = Pick<ZspBoundaryProps, "allow" | "passRoleResources" | "assumeRoleResources">;

/** Grants of these are refused: the boundary would deny them anyway, and they have no place in a JIT role. */
const BOUNDARY_DENIED_SET: ReadonlySet<string> = new Set(BOUNDARY_DENIED_ACTIONS.filter((a) => !a.endsWith("*")));
