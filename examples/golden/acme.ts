/**
 * `@acme/zsp`: the golden module ACME's platform team publishes on top of
 * cdktf-zsp. Product teams call `acme.jitRole(...)` and get a JIT role that
 * carries the organisation's permissions boundary, region fence, ticket
 * pattern and session bounds, owned by a team from the directory, without
 * being able to loosen any of it. See README.md next to this file.
 */
import { Construct } from "constructs";
import { JitRole, ZspError, ZspProfile } from "../../modules";
import type { AccessWindow, DenyUnless, Grant, Instant, JitRoleProps, WorkloadIdentity, ZspProfileProps } from "../../modules";

/** The account ACME's workloads live in. */
export const ACME_ACCOUNT = "111122223333";

/** The organisation's permissions boundary, managed by the platform team (denies IAM user/key creation, escalation, leaving the org). */
export const ACME_BOUNDARY_ARN = `arn:aws:iam::${ACME_ACCOUNT}:policy/acme-zsp-boundary`;

/**
 * ACME's organisation profile. Applied with `ZspProfile.restrict` on the
 * golden construct's own scope, so a consumer's profile (cdktf.json context
 * or `ZspProfile.apply` on the stack) can only make it stricter.
 */
export const ACME_PROFILE: ZspProfileProps = Object.freeze({
  maxSession: "1h",
  maxStsTtl: "30m",
  maxLease: "1h",
  maxTokenTtl: "15m",
  maxAgentIntentTtl: "5m",
  allowedRegions: Object.freeze(["eu-west-1"]),
  ticketPattern: "^(CHG|INC)-[0-9]+$",
  boundaryArn: ACME_BOUNDARY_ARN,
  expiredWindow: "error",
});

/** A team in ACME's owner directory. */
export interface AcmeTeam {
  /** Where to reach the team about its identities: an email or on-call alias. */
  readonly contact: string;
}

/** ACME's owner directory: the only owners a role may have. Contacts come from here, never from the caller. */
export const ACME_TEAMS: Readonly<Record<string, AcmeTeam>> = Object.freeze({
  "team-payments": { contact: "payments-oncall@acme.example" },
  "team-support": { contact: "support-oncall@acme.example" },
  "team-reporting": { contact: "reporting-oncall@acme.example" },
});

/** Props of {@link jitRole}: what a product team decides. Boundary, regions, account and contact are the platform's. */
export interface AcmeJitRoleProps {
  /** Role name, e.g. `payments-deploy`. */
  readonly roleName: string;
  /** Owning team: a key of {@link ACME_TEAMS}. */
  readonly owner: string;
  /** Why the role exists. */
  readonly purpose: string;
  /** Who may obtain the role. */
  readonly identities: readonly WorkloadIdentity[];
  /** What a session may do. */
  readonly grants: readonly Grant[];
  /** Change or incident ticket, `CHG-…` or `INC-…`. */
  readonly ticket?: string;
  /** Max session; default and most `1h`. */
  readonly maxSession?: JitRoleProps["maxSession"];
  /** Time window for obtaining and using the role. */
  readonly window?: AccessWindow;
  /** Networks requests must come from (regions are always fenced to ACME's). */
  readonly network?: Omit<DenyUnless, "regions">;
  /** Kill switch: deny sessions issued before this instant. */
  readonly revokeSessionsIssuedBefore?: Instant;
  /** "Now", for deterministic synthesis. */
  readonly now?: Instant;
  /**
   * The AWS provider (an `awsProvider` alias into ACME's account) the role's
   * resources go to, when the stack has several.
   * @default the stack's default AWS provider
   */
  readonly provider?: JitRoleProps["provider"];
}

/**
 * A JIT role the ACME way. Creates a construct `id` whose profile is ACME's
 * (restricted over whatever profile the consumer set), checks the owner
 * against the directory, fills the contact from it, always fences requests
 * to ACME's regions (`aws:RequestedRegion` Deny), and always uses ACME's
 * boundary. Only the props of {@link AcmeJitRoleProps} are read: anything
 * else a caller passes (a boundary, an account, a contact) is ignored.
 */
export function jitRole(scope: Construct, id: string, props: AcmeJitRoleProps): JitRole {
  const wrapper = new Construct(scope, id);
  const profile = ZspProfile.restrict(wrapper, ACME_PROFILE);
  const path = wrapper.node.path;
  if (profile.boundaryArn !== ACME_BOUNDARY_ARN) {
    // restrict refuses a second, different boundary; this guards the invariant itself.
    throw new ZspError({ path, prop: "profile.boundaryArn", problem: `the profile in force names ${String(profile.boundaryArn)}, not ACME's boundary`, fix: `remove boundaryArn from your profile; ACME roles use ${ACME_BOUNDARY_ARN}` });
  }
  const owner = props?.owner;
  const team = typeof owner === "string" && Object.prototype.hasOwnProperty.call(ACME_TEAMS, owner) ? ACME_TEAMS[owner] : undefined;
  if (team === undefined) {
    throw new ZspError({
      path,
      prop: "owner",
      problem: owner === undefined || owner === "" ? "every ACME role has an owning team, and none was given" : `${JSON.stringify(owner)} is not a team in ACME's owner directory`,
      fix: `use one of ${Object.keys(ACME_TEAMS).join(", ")} (new teams register with the platform team)`,
    });
  }
  return new JitRole(wrapper, "Role", {
    roleName: props.roleName,
    ownership: { owner: owner as string, contact: team.contact, purpose: props.purpose, ...(props.ticket !== undefined ? { ticket: props.ticket } : {}) },
    identities: props.identities,
    grants: props.grants,
    account: ACME_ACCOUNT,
    denyUnless: { ...(props.network ?? {}), regions: [...(profile.allowedRegions ?? [])] },
    ...(props.maxSession !== undefined ? { maxSession: props.maxSession } : {}),
    ...(props.window !== undefined ? { window: props.window } : {}),
    ...(props.revokeSessionsIssuedBefore !== undefined ? { revokeSessionsIssuedBefore: props.revokeSessionsIssuedBefore } : {}),
    ...(props.now !== undefined ? { now: props.now } : {}),
    ...(props.provider !== undefined ? { provider: props.provider } : {}),
  });
}

/** The package's namespace, as consumers import it: `import { acme } from "@acme/zsp"; acme.jitRole(this, "deploy", {...})`. */
export const acme = Object.freeze({ jitRole, profile: ACME_PROFILE, teams: ACME_TEAMS, boundaryArn: ACME_BOUNDARY_ARN });
