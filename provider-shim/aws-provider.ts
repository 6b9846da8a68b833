import { Construct } from "constructs";
import { recordSourceLocations } from "../modules/core/source-recorder";
import { Duration, boundedDuration, formatDuration } from "../modules/core/duration";
import { PropContext, ZspError, nested } from "../modules/core/errors";
import { ACCOUNT_ID, STS_NAME, roleArnAccount, validateRegion } from "../modules/core/aws-names";
import { ZspProfile } from "../modules/core/profile-scope";
import { AccessModel, Ownership, ownershipTags } from "../modules/ownership/ownership";
import { aws } from "./aws-bindings";
import type { AwsProviderConfig } from "./aws-bindings";
import type { TerraformProviderLike } from "./core-types";

/** The assume_role block of a hardened AWS provider. */
export interface HardenedAssumeRole {
  /** Role Terraform assumes to apply; its account must be in `allowedAccountIds`. */
  readonly roleArn: string;
  /** STS session name, 2-64 characters of `[\w+=,.@-]`, e.g. `terraform-payments`. */
  readonly sessionName: string;
  /** Source identity stamped on the session (and every role it chains to), e.g. the CI run or the person applying. Same charset as `sessionName`. */
  readonly sourceIdentity: string;
  /** Session lifetime; default `15m`, at most `1h` and at most the profile's `maxSession`. */
  readonly duration?: Duration;
  /** External id, when the role's trust requires one. */
  readonly externalId?: string;
}

/** Props of {@link awsProvider}. Static credentials have no place here. */
export interface HardenedAwsProviderProps {
  /** The region; must be in the profile's `allowedRegions` when it lists any. */
  readonly region: string;
  /** Accounts this provider may touch (`allowed_account_ids`); at least one. */
  readonly allowedAccountIds: readonly string[];
  /** How Terraform obtains credentials: always a short assume_role. */
  readonly assumeRole: HardenedAssumeRole;
  /** Owner of everything this provider creates: becomes `default_tags`. */
  readonly ownership: Ownership;
  /** `zsp:access` default tag for resources of this provider. Default `jit`. */
  readonly access?: AccessModel;
  /** Provider alias; the construct id is the alias or `aws`. */
  readonly alias?: string;
}

/** Provider arguments that carry or point at long-lived credentials. */
const STATIC_CREDENTIAL_KEYS = ["accessKey", "secretKey", "token", "profile", "sharedCredentialsFiles", "sharedConfigFiles", "assumeRoleWithWebIdentity"];
const HARD_MAX_SESSION = 3600;
const DEFAULT_SESSION: Duration = "15m";

/**
 * Creates an AWS provider that can only obtain credentials by a short
 * `assume_role` (with session name and source identity, so CloudTrail names
 * who applied), is pinned to `allowed_account_ids`, and tags every resource
 * with the ownership tags. The base credentials that call AssumeRole come
 * from the environment (e.g. the CI job's OIDC web identity), never from
 * configuration. Static keys, profiles and sessions over 1 h throw
 * {@link ZspError} (guard rule ZSP014 catches the same in any Terraform).
 */
export function awsProvider(scope: Construct, props: HardenedAwsProviderProps): TerraformProviderLike {
  recordSourceLocations(scope);
  const id = props.alias ?? "aws";
  const ctx: PropContext = { path: `${scope.node.path}/${id}`, prop: "props" };
  for (const key of STATIC_CREDENTIAL_KEYS) {
    if ((props as unknown as Record<string, unknown>)[key] !== undefined) {
      throw new ZspError({
        ...nested(ctx, key),
        problem: "static or shared credentials are standing credentials (OWASP NHI-07)",
        fix: "remove it and give assumeRole { roleArn, sessionName, sourceIdentity }; base credentials come from the environment (CI OIDC)",
      });
    }
  }
  const profile = ZspProfile.of(scope);
  const region = validateRegion(props.region, profile.allowedRegions, nested(ctx, "region"));
  const accounts = props.allowedAccountIds;
  if (!Array.isArray(accounts) || accounts.length === 0 || accounts.some((a) => !ACCOUNT_ID.test(String(a)))) {
    throw new ZspError({ ...nested(ctx, "allowedAccountIds"), problem: "needs at least one 12-digit account id", fix: 'list the accounts this stack may change, e.g. ["111122223333"]' });
  }
  const assume = props.assumeRole;
  if (assume === undefined || assume === null) {
    throw new ZspError({ ...nested(ctx, "assumeRole"), problem: "is required: the provider must obtain short-lived credentials", fix: "give assumeRole { roleArn, sessionName, sourceIdentity, duration }" });
  }
  const roleCtx = nested(ctx, "assumeRole");
  const account = roleArnAccount(assume.roleArn, nested(roleCtx, "roleArn"));
  if (!accounts.includes(account)) {
    throw new ZspError({ ...nested(roleCtx, "roleArn"), problem: `account ${account} is not in allowedAccountIds`, fix: "assume a role in an allowed account, or add the account" });
  }
  for (const key of ["sessionName", "sourceIdentity"] as const) {
    if (typeof assume[key] !== "string" || !STS_NAME.test(assume[key])) {
      throw new ZspError({ ...nested(roleCtx, key), problem: `${JSON.stringify(assume[key])} is not 2-64 characters of letters, digits and _+=,.@-`, fix: "name the pipeline or person applying, e.g. terraform-payments" });
    }
  }
  const limit = Math.min(HARD_MAX_SESSION, profile.maxSession);
  const seconds = boundedDuration(assume.duration, DEFAULT_SESSION, limit, nested(roleCtx, "duration"), limit === HARD_MAX_SESSION ? "provider session limit" : "maxSession");
  const config: AwsProviderConfig = {
    region,
    allowedAccountIds: [...accounts],
    assumeRole: [{
      roleArn: assume.roleArn,
      sessionName: assume.sessionName,
      sourceIdentity: assume.sourceIdentity,
      duration: formatDuration(seconds),
      ...(assume.externalId !== undefined ? { externalId: assume.externalId } : {}),
    }],
    defaultTags: [{ tags: ownershipTags(props.ownership, props.access ?? "jit", profile, nested(ctx, "ownership")) }],
    ...(props.alias !== undefined ? { alias: props.alias } : {}),
  };
  return new aws.AwsProvider(scope, id, config);
}
