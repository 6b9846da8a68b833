import { Token } from "../../provider-shim/core";
import { Duration, boundedDuration } from "../core/duration";
import { PropContext, ZspError, nested } from "../core/errors";
import { ResolvedZspProfile } from "../core/profile";
import { DenyUnless, denyUnlessStatements, refuseFencedGrants } from "../aws/deny-unless";
import { Grant, ValidatedGrant, validateGrant } from "../aws/grant";
import { Conditions, PolicyDocument, PolicyStatement } from "../iam/policy-document";
import { resourceCovers } from "./resource-cover";
import { optionalList } from "../core/shape";

/**
 * One thing an AI agent may set out to do, declared ahead of time: exact
 * actions on exact resources, for minutes. Each intent becomes its own Vault
 * AWS role whose session policy grants exactly this, inside the agent's
 * ceiling role. Used in {@link AgentIdentityProps.intents}.
 */
export interface AgentIntent {
  /** Intent name, e.g. `restart-worker`: lower-case letters, digits and `-`. The Vault role is `<agent>-<intent>`. */
  readonly name: string;
  /** Why the agent needs this, in one line (shown in the agent's Vault policy and in reports). Default: the name. */
  readonly purpose?: string;
  /** Actions as `service:Action`, each named (no `*`, no `svc:*`), e.g. `["ecs:UpdateService"]`. */
  readonly actions: readonly string[];
  /** Resource ARNs, e.g. `["arn:aws:s3:::acme-support-attachments/*"]`; each must lie inside a ceiling resource. */
  readonly resources: readonly string[];
  /** Extra conditions on the intent's Allow statement (session policy). */
  readonly conditions?: Conditions;
  /**
   * How long the intent's authority lasts. Default `5m`; at most the
   * profile's `maxAgentIntentTtl`; the same for every intent of an agent. It
   * is the TTL of the agent's Vault token (the time in which it may request
   * the intent's credentials); the STS session Vault returns lives
   * `max(ttl, 15m)`, because STS issues no shorter sessions, so a credential
   * read at the last moment is usable until `ttl + 15m` after login (see
   * docs/agents.md).
   */
  readonly ttl?: Duration;
  /**
   * Claims the agent's identity token must carry to log in, claim → glob
   * (`*` = any value, but present), e.g. `{ task_id: "*" }` or
   * `{ ticket: "SUP-*" }`. Enforced by Vault at login (`bound_claims`,
   * `bound_claims_type = "glob"`). Vault binds claims per login role and an
   * agent has one, so the requirement applies to every login of the agent.
   */
  readonly requiredClaims?: Readonly<Record<string, string>>;
  /** Explicit Deny statements in the intent's session policy: these actions on these resources (under these conditions) are denied even though the intent allows them. */
  readonly deny?: readonly Grant[];
  /** Deny every request of the intent's sessions from outside these networks or regions (Deny statements in its session policy). */
  readonly denyUnless?: DenyUnless;
}

/** An intent after validation: what {@link AgentIdentity} synthesizes from. */
export interface ValidatedIntent {
  /** Intent name. */
  readonly name: string;
  /** Purpose (the name when none was given). */
  readonly purpose: string;
  /** The intent's grant, with canonical action names. */
  readonly grant: ValidatedGrant;
  /** TTL in seconds, at most the profile's `maxAgentIntentTtl`. */
  readonly ttlSeconds: number;
  /** Required claims (claim → glob). */
  readonly requiredClaims: Readonly<Record<string, string>>;
  /** The session policy: exactly the intent's Allow, then its Deny statements. */
  readonly sessionPolicy: PolicyDocument;
}

const INTENT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
/** AWS's limit on an inline session policy (plaintext characters). */
export const SESSION_POLICY_LIMIT = 2048;

/**
 * Validates one intent: name, grant (against the IAM action catalogue,
 * wildcards refused), TTL (bounded by `maxAgentIntentTtl`), required
 * claims, deny statements and the session policy's size. Throws a
 * {@link ZspError} whose prop names the intent, e.g.
 * `intents[restart-worker].ttl`.
 */
export function validateIntent(intent: AgentIntent, index: number, profile: ResolvedZspProfile, ctx: PropContext): ValidatedIntent {
  const name = intent?.name;
  if (typeof name !== "string" || !INTENT_NAME.test(name)) {
    throw new ZspError({ ...nested(ctx, `intents[${index}].name`), problem: `${JSON.stringify(name)} is not an intent name`, fix: 'use lower-case letters, digits and -, e.g. "restart-worker"' });
  }
  const ictx = nested(ctx, `intents[${name}]`);
  const g = validateGrant({ actions: intent.actions, resources: intent.resources, ...(intent.conditions !== undefined ? { conditions: intent.conditions } : {}) }, ictx);
  if (g.wildcardResource) {
    throw new ZspError({ ...nested(ictx, "resources"), problem: `intent "${name}" acts on every resource ("*")`, fix: "give an intent only actions that name their resources; an agent's intent is one task on one thing" });
  }
  const ttlSeconds = boundedDuration(intent.ttl, "5m", profile.maxAgentIntentTtl, nested(ictx, "ttl"), "maxAgentIntentTtl");
  const requiredClaims: Record<string, string> = {};
  for (const [claim, pattern] of Object.entries(intent.requiredClaims ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_./-]*$/.test(claim) || claim === "sub" || claim === "aud") {
      throw new ZspError({ ...nested(ictx, `requiredClaims.${claim}`), problem: `"${claim}" cannot be required here${claim === "sub" || claim === "aud" ? " (it is bound by the agent's login)" : ""}`, fix: 'name a claim such as "task_id" or "ticket"' });
    }
    if (typeof pattern !== "string" || pattern.length === 0 || pattern.includes(",")) {
      throw new ZspError({ ...nested(ictx, `requiredClaims.${claim}`), problem: `${JSON.stringify(pattern)} is not one glob pattern`, fix: 'give "*" (present, any value) or a pattern such as "SUP-*"' });
    }
    requiredClaims[claim] = pattern;
  }
  if (intent.purpose !== undefined && (typeof intent.purpose !== "string" || intent.purpose.trim().length === 0)) {
    throw new ZspError({ ...nested(ictx, "purpose"), problem: `${JSON.stringify(intent.purpose)} is not a one-line purpose`, fix: "say in a few words why the agent needs this, or omit it" });
  }
  const deny = optionalList(intent.deny, nested(ictx, "deny"), '[grant(["s3:GetObject"], ["arn:aws:s3:::bucket/restricted/*"])]') as readonly Grant[];
  const denies = deny.map((d, i) => {
    const v = validateGrant(d, nested(ictx, `deny[${i}]`));
    return new PolicyStatement({ sid: `IntentDeny${i}`, effect: "Deny", actions: v.actions, resources: v.resources, ...(v.conditions !== undefined ? { conditions: v.conditions } : {}) });
  });
  const network = intent.denyUnless !== undefined ? denyUnlessStatements(intent.denyUnless, profile.allowedRegions, nested(ictx, "denyUnless")) : [];
  refuseFencedGrants(intent.denyUnless, [g], nested(ictx, "denyUnless"), () => ictx);
  const allow = new PolicyStatement({ sid: "Intent", actions: g.actions, resources: g.resources, ...(g.conditions !== undefined ? { conditions: g.conditions } : {}) });
  const sessionPolicy = new PolicyDocument([allow, ...denies, ...network]);
  const size = sessionPolicy.toJsonString().length;
  if (size > SESSION_POLICY_LIMIT) {
    throw new ZspError({ ...ictx, problem: `the session policy of intent "${name}" is ${size} characters, over STS's limit of ${SESSION_POLICY_LIMIT}`, fix: "split the intent: an intent is one narrow task" });
  }
  return { name, purpose: intent.purpose ?? name, grant: g, ttlSeconds, requiredClaims, sessionPolicy };
}

/**
 * Checks that `intent` lies inside `ceiling`: every action on every resource
 * of the intent is allowed by one ceiling grant that has the action and a
 * resource pattern covering the resource ({@link resourceCovers}). A
 * Terraform reference is covered only by the same reference. Throws a
 * {@link ZspError} naming the intent, the action and the resource.
 */
export function requireWithinCeiling(intent: ValidatedIntent, ceiling: readonly ValidatedGrant[], ctx: PropContext): void {
  const ictx = nested(ctx, `intents[${intent.name}]`);
  for (const action of intent.grant.actions) {
    const withAction = ceiling.filter((g) => g.actions.includes(action));
    if (withAction.length === 0) {
      throw new ZspError({
        ...nested(ictx, "actions"),
        problem: `intent "${intent.name}" needs ${action}, which is outside the agent's ceiling (${[...new Set(ceiling.flatMap((g) => g.actions))].join(", ")})`,
        fix: `add ${action} on the intent's resources to the ceiling, or drop it from the intent`,
      });
    }
    for (const resource of intent.grant.resources) {
      const covered = withAction.some((g) => g.resources.some((r) => (Token.isUnresolved(r) || Token.isUnresolved(resource) ? r === resource : resourceCovers(r, resource))));
      if (!covered) {
        throw new ZspError({
          ...nested(ictx, "resources"),
          problem: `intent "${intent.name}" reaches ${resource} with ${action}, outside the agent's ceiling for that action (${withAction.flatMap((g) => g.resources).join(", ")})`,
          fix: "narrow the intent's resource to one the ceiling covers, or widen the ceiling deliberately",
        });
      }
    }
  }
}
