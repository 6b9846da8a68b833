import { Token } from "../../provider-shim/core";
import { PropContext, ZspError, nested } from "../core/errors";
import { ROLE_ARN } from "../core/aws-names";
import { Conditions, PolicyStatement } from "../iam/policy-document";
import { githubSubject } from "../iam/github-subject";
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/** The audience AWS STS expects in OIDC tokens from GitHub and EKS. */
export const STS_AUDIENCE = "sts.amazonaws.com";
/** GitHub Actions' OIDC issuer host (github.com). */
export const GITHUB_ISSUER = "token.actions.githubusercontent.com";

/** Which kind of workload identity a {@link WorkloadIdentity} trusts. */
export type WorkloadIdentityKind = "github-actions" | "oidc" | "eks-service-account" | "roles-anywhere" | "aws-role";

/** Props of {@link WorkloadIdentity.githubActions}. Give exactly one of `environment`, `ref`, `pullRequest`. */
export interface GithubActionsIdentityProps {
  /** ARN of the account's GitHub OIDC provider, `arn:aws:iam::<account>:oidc-provider/token.actions.githubusercontent.com` (or a reference). */
  readonly providerArn: string;
  /** The one repository trusted, `OWNER/NAME`, e.g. `acme/payments`. No wildcards. */
  readonly repo: string;
  /** Trust only jobs that run in this GitHub deployment environment (subject `repo:OWNER/NAME:environment:ENV`). Recommended: environments carry reviewers and branch rules. */
  readonly environment?: string;
  /** Trust only jobs for this exact git ref, `refs/heads/BRANCH` or `refs/tags/TAG` (subject `repo:OWNER/NAME:ref:REF`). */
  readonly ref?: string;
  /** Trust jobs triggered by pull requests (subject `repo:OWNER/NAME:pull_request`): code anyone can propose. Only when explicitly `true`. */
  readonly pullRequest?: boolean;
  /**
   * Pin the repository's immutable numeric id (`repository_id` claim): a renamed, recreated or
   * transferred repository cannot inherit the trust. Find it with `gh api repos/OWNER/REPO --jq .id`.
   * Given together with `repositoryOwnerId`, the trust also admits GitHub's immutable subject
   * `repo:OWNER@OWNER_ID/REPO@REPO_ID:<context>`, which repositories created or renamed since
   * 2026-07-15 send by default (older ones after opting in); the name form stays admitted for a
   * repository that has not switched, equally narrow because both ids are pinned.
   * @default no pin; the name-form subject only
   */
  readonly repositoryId?: string;
  /**
   * Pin the owner's immutable numeric id (`repository_owner_id` claim). Find it with
   * `gh api repos/OWNER/REPO --jq .owner.id`. See `repositoryId` for the immutable subject.
   * @default no pin
   */
  readonly repositoryOwnerId?: string;
  /** Pin the reusable workflow that must run the job (`job_workflow_ref` claim), `OWNER/REPO/.github/workflows/FILE.yml@REF`. */
  readonly jobWorkflowRef?: string;
}

/** Props of {@link WorkloadIdentity.oidc}. */
export interface OidcIdentityProps {
  /** ARN of the IAM OIDC provider, `arn:aws:iam::<account>:oidc-provider/<issuerHost>` (or a reference). */
  readonly providerArn: string;
  /** The issuer's host and path without `https://`, e.g. `gitlab.example.com`; prefixes the condition keys. */
  readonly issuerHost: string;
  /** The exact `aud` claim. */
  readonly audience: string;
  /** The exact `sub` claim. No wildcards. */
  readonly subject: string;
}

/** Props of {@link WorkloadIdentity.eksServiceAccount}. */
export interface EksServiceAccountIdentityProps {
  /** ARN of the cluster's IAM OIDC provider, `arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>`. */
  readonly oidcProviderArn: string;
  /** The cluster's issuer host, needed only when `oidcProviderArn` is a reference rather than a literal ARN. */
  readonly issuerHost?: string;
  /** Kubernetes namespace. */
  readonly namespace: string;
  /** Kubernetes service account name. */
  readonly serviceAccount: string;
}

/** Props of {@link WorkloadIdentity.rolesAnywhere}. Give exactly one of `spiffeId`, `subjectCN`. */
export interface RolesAnywhereIdentityProps {
  /** ARN of the IAM Roles Anywhere trust anchor, `arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<id>`. */
  readonly trustAnchorArn: string;
  /** The workload's SPIFFE id, the certificate's URI SAN, e.g. `spiffe://acme.example/ns/batch/sa/report`. */
  readonly spiffeId?: string;
  /** The certificate subject's common name. */
  readonly subjectCN?: string;
}

/** Props of {@link WorkloadIdentity.awsRole}. */
export interface AwsRoleIdentityProps {
  /** The one IAM role trusted, e.g. the Vault server's `arn:aws:iam::111122223333:role/vault-server`. Never an account root, never `*`. */
  readonly roleArn: string;
  /** Require this `sts:ExternalId` (third parties assuming into your account). */
  readonly externalId?: string;
  /** Also allow `sts:TagSession`, for issuers that pass session tags (e.g. Vault's `session_tags`). Default false. */
  readonly tagSession?: boolean;
}

/** A trust statement bound to a construct: what {@link WorkloadIdentity.bind} returns. */
export interface BoundIdentity {
  /** Which kind of identity. */
  readonly kind: WorkloadIdentityKind;
  /** The trust statement: principal, `sts:AssumeRole*` action(s) and exact conditions. */
  readonly statement: PolicyStatement;
  /** The role ARN trusted, for `awsRole` identities. */
  readonly trustedAwsRoleArn?: string;
  /** The account the principal lives in, when a literal ARN names it (federated providers and trust anchors live in the role's own account). */
  readonly account?: string;
  /** One line saying who may assume, for reports. */
  readonly description: string;
}

/** Validates props in a construct context and builds the trust statement. */
type Binder = (ctx: PropContext) => BoundIdentity;

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):oidc-provider\/(.+)$/;
const TRUST_ANCHOR_ARN = /^arn:aws[a-z-]*:rolesanywhere:[a-z0-9-]+:(\d{12}):trust-anchor\/[0-9a-f-]{36}$/;
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
const WILDCARD = /[*?]/;
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SA_NAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;
const SPIFFE_ID = /^spiffe:\/\/[a-z0-9.-]+(\/[A-Za-z0-9._~!$&'()+,;=:@%-]+)+$/;
const NUMERIC_ID = /^[1-9]\d{0,19}$/;
const WORKFLOW_REF = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml@refs\/(heads|tags)\/[^\s*?]+$|^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+\/\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml@[0-9a-f]{40}$/;

const WORKLOAD_IDENTITY_BRAND = classBrand("WorkloadIdentity");

/**
 * Who may obtain a JIT role: a cryptographic workload identity (an OIDC
 * token, an X.509 certificate) or one named issuer role. Each builder
 * produces the principal, the `sts:AssumeRole*` action and exact
 * `StringEquals` conditions; none can express "anyone", an account root or a
 * wildcard subject wider than one repository.
 *
 * Builders validate when bound to a construct (by `JitRole`), so that errors
 * name the construct path and the prop, e.g. `identities[0].repo`.
 */
export class WorkloadIdentity {
  static {
    stampBrand(this, WORKLOAD_IDENTITY_BRAND);
  }

  /**
   * Whether `x` is a `WorkloadIdentity` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/WorkloadIdentity")`
   * (see `modules/core/brand.ts`).
   */
  public static isWorkloadIdentity(x: unknown): x is WorkloadIdentity {
    return hasBrand(x, WORKLOAD_IDENTITY_BRAND);
  }

  /**
   * GitHub Actions jobs of one repository, through the account's GitHub OIDC
   * provider: `aud` = `sts.amazonaws.com` and `sub` = the exact subject for an
   * environment (`repo:acme/payments:environment:production`), a ref
   * (`repo:acme/payments:ref:refs/heads/main`) or, only when asked,
   * pull requests. Optional pins on the immutable `repository_id`,
   * `repository_owner_id` and on `job_workflow_ref` become further
   * `StringEquals` conditions.
   */
  public static githubActions(props: GithubActionsIdentityProps): WorkloadIdentity {
    return new WorkloadIdentity("github-actions", (ctx) => {
      const p = props ?? ({} as GithubActionsIdentityProps);
      const { account, host } = oidcProvider(p.providerArn, nested(ctx, "providerArn"), GITHUB_ISSUER);
      if (host !== GITHUB_ISSUER && !host.startsWith(`${GITHUB_ISSUER}/`)) {
        throw new ZspError({ ...nested(ctx, "providerArn"), problem: `the OIDC provider is for ${host}, not GitHub Actions (${GITHUB_ISSUER})`, fix: "use the account's token.actions.githubusercontent.com provider, or WorkloadIdentity.oidc for another issuer" });
      }
      const repo = typeof p.repo === "string" ? p.repo : "";
      const [owner, name, ...extra] = repo.split("/");
      if (WILDCARD.test(repo) || extra.length > 0 || owner === undefined || name === undefined || !GITHUB_OWNER.test(owner) || !GITHUB_REPO.test(name)) {
        throw new ZspError({ ...nested(ctx, "repo"), problem: `${JSON.stringify(p.repo)} is not one repository as OWNER/NAME (wildcards would trust every repository they match)`, fix: 'give exactly one repository, e.g. "acme/payments"' });
      }
      const chosen = [p.environment !== undefined, p.ref !== undefined, p.pullRequest !== undefined && p.pullRequest !== false].filter(Boolean).length;
      if (chosen !== 1) {
        throw new ZspError({ ...ctx, problem: chosen === 0 ? "no subject: give environment, ref or pullRequest" : "environment, ref and pullRequest are alternatives; more than one was given", fix: 'give exactly one, e.g. environment: "production"' });
      }
      let context: string;
      if (p.environment !== undefined) {
        if (typeof p.environment !== "string" || p.environment.length === 0 || p.environment.length > 255 || WILDCARD.test(p.environment) || p.environment.includes(":")) {
          throw new ZspError({ ...nested(ctx, "environment"), problem: `${JSON.stringify(p.environment)} is not one GitHub environment name (no wildcards or colons)`, fix: 'give the exact environment, e.g. "production"' });
        }
        context = `environment:${p.environment}`;
      } else if (p.ref !== undefined) {
        if (typeof p.ref !== "string" || !/^refs\/(heads|tags)\/[^\s*?:]+$/.test(p.ref)) {
          throw new ZspError({ ...nested(ctx, "ref"), problem: `${JSON.stringify(p.ref)} is not one exact git ref (no wildcards)`, fix: 'give the full ref, e.g. "refs/heads/main" or "refs/tags/v1.2.0"' });
        }
        context = `ref:${p.ref}`;
      } else {
        if (p.pullRequest !== true) {
          throw new ZspError({ ...nested(ctx, "pullRequest"), problem: `${JSON.stringify(p.pullRequest)} is not a boolean`, fix: "give pullRequest: true, or leave it out" });
        }
        context = "pull_request";
      }
      const equals: Record<string, string | readonly string[]> = audSub(host, STS_AUDIENCE, githubSubject({ owner, repo: name, context }));
      const pin = (prop: "repositoryId" | "repositoryOwnerId" | "jobWorkflowRef", claim: string, pattern: RegExp, example: string): void => {
        const value = p[prop];
        if (value === undefined) return;
        if (typeof value !== "string" || !pattern.test(value)) {
          throw new ZspError({ ...nested(ctx, prop), problem: `${JSON.stringify(value)} is not a valid ${claim} claim value`, fix: `give ${example}` });
        }
        equals[`${host}:${claim}`] = value;
      };
      pin("repositoryId", "repository_id", NUMERIC_ID, 'the repository\'s numeric id as a string, e.g. "123456789"');
      pin("repositoryOwnerId", "repository_owner_id", NUMERIC_ID, 'the owner\'s numeric id as a string, e.g. "987654"');
      pin("jobWorkflowRef", "job_workflow_ref", WORKFLOW_REF, 'OWNER/REPO/.github/workflows/FILE.yml@refs/heads/BRANCH (or @<commit sha>), no wildcards');
      // With both ids, admit the immutable subject GitHub sends for repositories created or renamed since
      // 2026-07-15 (and opted-in older ones) next to the name form of a repository that has not switched yet:
      // the pinned id claims make both equally narrow (a recycled name has other ids).
      const ids = p.repositoryId !== undefined && p.repositoryOwnerId !== undefined ? { ownerId: p.repositoryOwnerId, repoId: p.repositoryId } : undefined;
      const subjects = ids === undefined ? [githubSubject({ owner, repo: name, context })] : [githubSubject({ owner, repo: name, context, ...ids }), githubSubject({ owner, repo: name, context })];
      equals[`${host}:sub`] = subjects.length === 1 ? (subjects[0] as string) : subjects;
      return webIdentity("github-actions", "TrustGithubActions", p.providerArn, account, equals, `GitHub Actions ${subjects.join(" or ")}`);
    });
  }

  /** Any OIDC issuer registered as an IAM OIDC provider: exact `aud` and exact `sub`. */
  public static oidc(props: OidcIdentityProps): WorkloadIdentity {
    return new WorkloadIdentity("oidc", (ctx) => {
      const p = props ?? ({} as OidcIdentityProps);
      const issuer = typeof p.issuerHost === "string" ? p.issuerHost.replace(/^https:\/\//, "").replace(/\/$/, "") : "";
      if (!/^[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~-]+)*$/.test(issuer)) {
        throw new ZspError({ ...nested(ctx, "issuerHost"), problem: `${JSON.stringify(p.issuerHost)} is not an issuer host`, fix: 'give the issuer URL without https://, e.g. "gitlab.example.com"' });
      }
      const { account, host } = oidcProvider(p.providerArn, nested(ctx, "providerArn"), issuer);
      if (host !== issuer) {
        throw new ZspError({ ...nested(ctx, "providerArn"), problem: `the OIDC provider is for ${host}, but issuerHost is ${issuer}`, fix: "use the provider registered for that issuer" });
      }
      const audience = exactClaim(p.audience, nested(ctx, "audience"), "the exact aud claim");
      const subject = exactClaim(p.subject, nested(ctx, "subject"), "the exact sub claim");
      return webIdentity("oidc", "TrustOidc", p.providerArn, account, audSub(issuer, audience, subject), `OIDC ${issuer} subject ${subject}`);
    });
  }

  /** A Kubernetes service account of an EKS cluster (IRSA): `sub` = `system:serviceaccount:NS:SA`, `aud` = `sts.amazonaws.com`. */
  public static eksServiceAccount(props: EksServiceAccountIdentityProps): WorkloadIdentity {
    return new WorkloadIdentity("eks-service-account", (ctx) => {
      const p = props ?? ({} as EksServiceAccountIdentityProps);
      const { account, host } = oidcProvider(p.oidcProviderArn, nested(ctx, "oidcProviderArn"), p.issuerHost);
      if (!/^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/.test(host)) {
        throw new ZspError({ ...nested(ctx, "oidcProviderArn"), problem: `${host} is not an EKS cluster issuer (oidc.eks.<region>.amazonaws.com/id/<ID>)`, fix: "use the cluster's IAM OIDC provider, or WorkloadIdentity.oidc for another issuer" });
      }
      if (typeof p.namespace !== "string" || !DNS_LABEL.test(p.namespace)) {
        throw new ZspError({ ...nested(ctx, "namespace"), problem: `${JSON.stringify(p.namespace)} is not a Kubernetes namespace name`, fix: 'give one exact namespace, e.g. "reporting"' });
      }
      if (typeof p.serviceAccount !== "string" || !SA_NAME.test(p.serviceAccount)) {
        throw new ZspError({ ...nested(ctx, "serviceAccount"), problem: `${JSON.stringify(p.serviceAccount)} is not a Kubernetes service account name`, fix: 'give one exact service account, e.g. "nightly-report"' });
      }
      const subject = `system:serviceaccount:${p.namespace}:${p.serviceAccount}`;
      return webIdentity("eks-service-account", "TrustEksServiceAccount", p.oidcProviderArn, account, audSub(host, STS_AUDIENCE, subject), `EKS ${subject}`);
    });
  }

  /**
   * An X.509 / SPIFFE workload through IAM Roles Anywhere: the service
   * principal `rolesanywhere.amazonaws.com`, only for sessions created through
   * this trust anchor (`aws:SourceArn`) and only for the certificate whose
   * URI SAN (`aws:PrincipalTag/x509SAN/URI`) or subject CN
   * (`aws:PrincipalTag/x509Subject/CN`) is the one given.
   */
  public static rolesAnywhere(props: RolesAnywhereIdentityProps): WorkloadIdentity {
    return new WorkloadIdentity("roles-anywhere", (ctx) => {
      const p = props ?? ({} as RolesAnywhereIdentityProps);
      const anchor = typeof p.trustAnchorArn === "string" ? TRUST_ANCHOR_ARN.exec(p.trustAnchorArn) : null;
      if (!anchor) {
        throw new ZspError({ ...nested(ctx, "trustAnchorArn"), problem: `${JSON.stringify(p.trustAnchorArn)} is not a Roles Anywhere trust anchor ARN`, fix: "use arn:aws:rolesanywhere:<region>:<account>:trust-anchor/<uuid>" });
      }
      if ((p.spiffeId === undefined) === (p.subjectCN === undefined)) {
        throw new ZspError({ ...ctx, problem: "give exactly one of spiffeId and subjectCN", fix: 'name the certificate, e.g. spiffeId: "spiffe://acme.example/ns/batch/sa/report"' });
      }
      let condition: Record<string, string>;
      let who: string;
      if (p.spiffeId !== undefined) {
        if (typeof p.spiffeId !== "string" || !SPIFFE_ID.test(p.spiffeId)) {
          throw new ZspError({ ...nested(ctx, "spiffeId"), problem: `${JSON.stringify(p.spiffeId)} is not one exact SPIFFE id`, fix: 'give spiffe://<trust domain>/<path>, no wildcards' });
        }
        condition = { "aws:PrincipalTag/x509SAN/URI": p.spiffeId };
        who = p.spiffeId;
      } else {
        condition = { "aws:PrincipalTag/x509Subject/CN": exactClaim(p.subjectCN, nested(ctx, "subjectCN"), "the certificate's exact subject CN") };
        who = `CN=${String(p.subjectCN)}`;
      }
      return {
        kind: "roles-anywhere",
        statement: new PolicyStatement({
          sid: "TrustRolesAnywhere",
          principal: { Service: "rolesanywhere.amazonaws.com" },
          actions: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"],
          conditions: { ArnEquals: { "aws:SourceArn": p.trustAnchorArn }, StringEquals: condition },
        }),
        account: anchor[1] as string,
        description: `Roles Anywhere certificate ${who}`,
      };
    });
  }

  /**
   * One named IAM role, e.g. the Vault server's role that issues STS
   * credentials for this role (Vault `assumed_role`). Never an account root,
   * a user or `*`.
   */
  public static awsRole(props: AwsRoleIdentityProps): WorkloadIdentity {
    return new WorkloadIdentity("aws-role", (ctx) => {
      const p = props ?? ({} as AwsRoleIdentityProps);
      const arn = p.roleArn;
      const isToken = typeof arn === "string" && Token.isUnresolved(arn);
      const match = typeof arn === "string" && !isToken ? ROLE_ARN.exec(arn) : null;
      if (!isToken && !match) {
        const what = arn === "*" ? "* would trust every AWS principal" : typeof arn === "string" && /:root$|^\d{12}$/.test(arn) ? `${arn} is an account root: every principal the account allows` : `${JSON.stringify(arn)} is not an IAM role ARN`;
        throw new ZspError({ ...nested(ctx, "roleArn"), problem: what, fix: "trust one named role, e.g. arn:aws:iam::111122223333:role/vault-server" });
      }
      if (p.tagSession !== undefined && typeof p.tagSession !== "boolean") {
        throw new ZspError({ ...nested(ctx, "tagSession"), problem: `${JSON.stringify(p.tagSession)} is not a boolean`, fix: "give true, false or leave it out" });
      }
      const conditions: Conditions = {};
      if (p.externalId !== undefined) {
        if (typeof p.externalId !== "string" || !/^[\w+=,.@:/-]{2,1224}$/.test(p.externalId)) {
          throw new ZspError({ ...nested(ctx, "externalId"), problem: `${JSON.stringify(p.externalId)} is not a valid external id`, fix: "use 2-1224 characters of letters, digits and +=,.@:/-" });
        }
        conditions.StringEquals = { "sts:ExternalId": p.externalId };
      }
      return {
        kind: "aws-role",
        statement: new PolicyStatement({
          sid: "TrustAwsRole",
          principal: { AWS: arn },
          actions: p.tagSession === true ? ["sts:AssumeRole", "sts:TagSession"] : ["sts:AssumeRole"],
          conditions,
        }),
        trustedAwsRoleArn: arn,
        description: `IAM role ${arn}`,
      };
    });
  }

  /** Which kind of identity this is. */
  public readonly kind: WorkloadIdentityKind;
  private readonly binder: Binder;

  private constructor(kind: WorkloadIdentityKind, binder: Binder) {
    this.kind = kind;
    this.binder = binder;
  }

  /** Validates the props and returns the trust statement; errors name `ctx` (construct path and prop). */
  public bind(ctx: PropContext): BoundIdentity {
    return this.binder(ctx);
  }
}

/** The exact `aud` and `sub` conditions of an OIDC issuer (the keys are prefixed with its host). */
function audSub(host: string, audience: string, subject: string): Record<string, string> {
  return { [`${host}:aud`]: audience, [`${host}:sub`]: subject };
}

/** A web-identity trust: the OIDC provider as federated principal, `sts:AssumeRoleWithWebIdentity`, every claim condition `StringEquals`. */
function webIdentity(kind: WorkloadIdentityKind, sid: string, providerArn: string, account: string | undefined, equals: Record<string, string | readonly string[]>, description: string): BoundIdentity {
  return {
    kind,
    statement: new PolicyStatement({ sid, principal: { Federated: providerArn }, actions: ["sts:AssumeRoleWithWebIdentity"], conditions: { StringEquals: equals } }),
    ...(account !== undefined ? { account } : {}),
    description,
  };
}

function oidcProvider(arn: unknown, ctx: PropContext, fallbackHost: string | undefined): { account?: string; host: string } {
  if (typeof arn === "string" && Token.isUnresolved(arn)) {
    if (fallbackHost === undefined) {
      throw new ZspError({ ...ctx, problem: "is a reference, so the issuer host (the condition key prefix) cannot be read from it", fix: "also give issuerHost, or pass the literal ARN" });
    }
    return { host: fallbackHost };
  }
  const match = typeof arn === "string" ? OIDC_PROVIDER_ARN.exec(arn) : null;
  if (!match) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(arn)} is not an IAM OIDC provider ARN`, fix: "use arn:aws:iam::<account>:oidc-provider/<issuer host>" });
  }
  return { account: match[1] as string, host: match[2] as string };
}

function exactClaim(value: unknown, ctx: PropContext, what: string): string {
  if (typeof value !== "string" || value.length === 0 || WILDCARD.test(value)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(value)} is not one exact value (wildcards widen trust)`, fix: `give ${what}` });
  }
  return value;
}
