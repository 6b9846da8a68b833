import { Construct } from "constructs";
import { PropContext, ZspError, nested } from "../core/errors";
import { formatDuration } from "../core/duration";
import { ZspProfile } from "../core/profile-scope";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { DenyUnless } from "../aws/deny-unless";
import { Grant, ValidatedGrant, validateGrant } from "../aws/grant";
import { JitRole } from "../aws/jit-role";
import { PolicyDocument } from "../iam/policy-document";
import { WorkloadIdentity } from "../aws/workload-identity";
import { VaultAwsSecretsEngine } from "../vault/aws-secrets-engine";
import { VaultPolicy } from "../vault/policy";
import { VaultWorkloadAuth, WorkloadAuthRole } from "../vault/workload-auth";
import { AgentIntent, ValidatedIntent, requireWithinCeiling, validateIntent } from "./intent";
import { requireList, requireObject } from "../core/shape";
import { useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";

/** How the agent proves who it is to Vault: its JWT/OIDC identity token. */
export interface AgentLogin {
  /** The JWT auth mount the agent logs in at (e.g. a SPIFFE JWT-SVID issuer, or `VaultWorkloadAuth.kubernetes`). */
  readonly auth: VaultWorkloadAuth;
  /** The token's exact `sub`: a SPIFFE id such as `spiffe://acme.example/agent/support-triage`, or `system:serviceaccount:<ns>:<sa>`. */
  readonly subject: string;
  /** The token's `aud` values accepted, e.g. `["vault"]`. */
  readonly audiences: readonly string[];
  /** Further exact claims the token must carry. */
  readonly claims?: Readonly<Record<string, string>>;
}

/** Props of {@link AgentIdentity}. */
export interface AgentIdentityProps {
  /**
   * The AWS provider every aws resource of this construct (the ceiling role) goes to, e.g. the
   * `awsProvider(stack, { alias: "prod", ... })` of another account. Constructs created inside it inherit it.
   * Any provider block of the aws kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) AWS provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a aws provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /**
   * The Vault provider every vault resource of this construct (the agent's Vault policy) goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly vaultProvider?: TerraformProviderLike;
  /** Agent name, e.g. `support-triage` (lower-case letters, digits, `-`). Names the ceiling role `agent-<name>`, the Vault policy and login role `<name>`, and each intent's Vault role `<name>-<intent>`. */
  readonly agentName: string;
  /** Who owns the agent: tags on the ceiling role, comments in its Vault policy. */
  readonly ownership: Ownership;
  /** The agent's workload identity. */
  readonly login: AgentLogin;
  /** The Vault AWS secrets engine that issues the intents' credentials (running as the role the ceiling trusts). */
  readonly engine: VaultAwsSecretsEngine;
  /** The 12-digit account of the ceiling role. */
  readonly account?: string;
  /** The most the agent may ever do. Default: exactly the union of its intents. Every intent must lie inside it. */
  readonly ceiling?: readonly Grant[];
  /** The named intents, at least one. */
  readonly intents: readonly AgentIntent[];
  /** Deny every request of the agent's sessions from outside these networks or regions (on the ceiling role). */
  readonly denyUnless?: DenyUnless;
  /** Claims copied into the Vault token's metadata, claim → key, so Vault's audit log records which task and intent each lease served. Default {@link AgentIdentity.DEFAULT_CLAIM_MAPPINGS} plus every required claim. */
  readonly claimMappings?: Readonly<Record<string, string>>;
}

/** One intent as synthesized: what reports and tests read. */
export interface SynthesizedIntent {
  /** Intent name. */
  readonly name: string;
  /** Purpose. */
  readonly purpose: string;
  /** The Vault AWS role, `<agent>-<intent>`. */
  readonly vaultRole: string;
  /** Where the agent reads the intent's credentials, `<mount>/creds/<agent>-<intent>`. */
  readonly credsPath: string;
  /** The intent's TTL, seconds (bounds the agent's Vault token). */
  readonly ttlSeconds: number;
  /** The STS session's lifetime, seconds: `max(ttl, 900)` (STS's minimum), as `default_sts_ttl` = `max_sts_ttl`. */
  readonly stsTtlSeconds: number;
  /** The session policy Vault passes to AssumeRole: exactly the intent. */
  readonly sessionPolicy: PolicyDocument;
}

const AGENT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
/** STS's shortest session (AssumeRole `DurationSeconds` minimum). */
const STS_MIN_SECONDS = 900;

/**
 * An AI agent with intent-bound access: a workload identity, a ceiling of
 * what it may ever do, and named intents, each its own minutes-long grant.
 *
 * Synthesizes:
 * - one {@link JitRole} `agent-<name>` as the ceiling, trusted only by the
 *   Vault server's role (the engine's `serverRoleArn`);
 * - per intent, one Vault AWS `assumed_role` role into the ceiling whose
 *   inline session policy (`policy_document`) grants exactly the intent, so
 *   STS makes the effective permission ceiling ∩ intent, with
 *   `default_sts_ttl` = `max_sts_ttl` = `max(ttl, 15m)`;
 * - one {@link VaultPolicy} allowing `read` on exactly the intents' creds paths;
 * - one JWT login role bound to the agent's exact `sub` and `aud` (plus the
 *   intents' required claims, as globs), whose token lives exactly the
 *   intents' TTL (5 minutes by default, not renewable) and maps task and
 *   intent ids into token metadata (`claim_mappings`), so Vault's audit log
 *   names the task of every lease.
 *
 * Refused with a {@link ZspError} naming the intent: an intent outside the
 * ceiling, a wildcard action or `"*"` resource, an unknown action, a TTL over
 * the profile's `maxAgentIntentTtl`, intents of one agent with different
 * TTLs (they share the one token that enforces the TTL).
 */
export class AgentIdentity extends Construct {
  /** Claim mappings used unless `claimMappings` is given: `task_id` and `intent` claims into token metadata of the same names. */
  public static readonly DEFAULT_CLAIM_MAPPINGS: Readonly<Record<string, string>> = Object.freeze({ task_id: "task_id", intent: "intent" });

  /** Agent name. */
  public readonly agentName: string;
  /** The ceiling role. */
  public readonly ceiling: JitRole;
  /** The intents, as synthesized. */
  public readonly intents: readonly SynthesizedIntent[];
  /** The agent's Vault policy. */
  public readonly policy: VaultPolicy;
  /** The agent's JWT login role. */
  public readonly loginRole: WorkloadAuthRole;
  /** The ownership tags (of the ceiling role). */
  public readonly tags: Readonly<Record<string, string>>;

  public constructor(scope: Construct, id: string, props: AgentIdentityProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireObject(props, ctx, "give AgentIdentity its props: agentName, ownership, login, engine and intents");
    useProvider(this, "aws", props.provider, { path: this.node.path, prop: "provider" });
    useProvider(this, "vault", props.vaultProvider, { path: this.node.path, prop: "vaultProvider" });
    const profile = ZspProfile.of(this);
    if (typeof props.agentName !== "string" || !AGENT_NAME.test(props.agentName)) {
      throw new ZspError({ ...nested(ctx, "agentName"), problem: `${JSON.stringify(props.agentName)} is not an agent name`, fix: 'use 1-48 lower-case letters, digits and -, e.g. "support-triage"' });
    }
    this.agentName = props.agentName;
    this.tags = ownershipTags(props.ownership, "jit", profile, nested(ctx, "ownership"));
    if (!VaultAwsSecretsEngine.isVaultAwsSecretsEngine(props.engine)) {
      throw new ZspError({ ...nested(ctx, "engine"), problem: "is not a VaultAwsSecretsEngine", fix: "pass the Vault AWS secrets engine that issues the agent's credentials" });
    }
    if (props.login === undefined || !VaultWorkloadAuth.isVaultWorkloadAuth(props.login.auth)) {
      throw new ZspError({ ...nested(ctx, "login.auth"), problem: "is not a VaultWorkloadAuth", fix: "pass the JWT auth mount the agent logs in at" });
    }

    // Intents: each validated on its own, then against the ceiling.
    const intents = (requireList(props.intents, nested(ctx, "intents"), { empty: "an agent without intents can do nothing", example: '[{ name: "restart-worker", actions: [...], resources: [...] }]' }) as readonly AgentIntent[]).map((intent, i) => validateIntent(intent, i, profile, ctx));
    // The intents' TTL is enforced as the TTL of the agent's one Vault token, so it must be one value:
    // a shorter TTL on one intent would be a claim the token (living the longest) does not keep.
    const first = intents[0] as ValidatedIntent;
    for (const intent of intents) {
      if (intent.ttlSeconds !== first.ttlSeconds) {
        throw new ZspError({
          ...nested(ctx, `intents[${intent.name}].ttl`),
          problem: `intent "${intent.name}" lasts ${formatDuration(intent.ttlSeconds)} and intent "${first.name}" ${formatDuration(first.ttlSeconds)}, but an agent's intents share one Vault token, so the shorter TTL would not be enforced`,
          fix: "give every intent of the agent the same ttl, or declare the intent on a second AgentIdentity",
        });
      }
    }
    const seen = new Set<string>();
    for (const intent of intents) {
      if (seen.has(intent.name)) {
        throw new ZspError({ ...nested(ctx, `intents[${intent.name}]`), problem: `intent "${intent.name}" is declared twice`, fix: "give each intent a unique name" });
      }
      seen.add(intent.name);
    }
    if (props.ceiling !== undefined) {
      requireList(props.ceiling, nested(ctx, "ceiling"), { empty: "an empty ceiling allows nothing; omit it (the ceiling is then the union of the intents)", example: '[grant(["s3:GetObject"], ["arn:aws:s3:::bucket/*"])]' });
    }
    const ceilingGrants: readonly Grant[] = props.ceiling ?? intents.map((intent) => ({
      actions: intent.grant.actions,
      resources: intent.grant.resources,
      ...(intent.grant.conditions !== undefined ? { conditions: intent.grant.conditions } : {}),
    }));
    const ceiling: ValidatedGrant[] = ceilingGrants.map((g, i) => validateGrant(g, nested(ctx, `ceiling[${i}]`)));
    for (const intent of intents) requireWithinCeiling(intent, ceiling, ctx);

    // Claims the login requires: the union of the intents' requirements.
    const required: Record<string, string> = {};
    for (const intent of intents) {
      for (const [claim, pattern] of Object.entries(intent.requiredClaims)) {
        const other = required[claim];
        if (other !== undefined && other !== pattern) {
          throw new ZspError({ ...nested(ctx, `intents[${intent.name}].requiredClaims.${claim}`), problem: `requires ${claim} to match "${pattern}" where another intent requires "${other}"; the agent has one login, so both would apply`, fix: "require the same pattern in both intents" });
        }
        required[claim] = pattern;
      }
    }

    // The ceiling: a JIT role only the Vault server's role may assume.
    this.ceiling = new JitRole(this, "ceiling", {
      roleName: `agent-${this.agentName}`,
      ownership: props.ownership,
      identities: [WorkloadIdentity.awsRole({ roleArn: props.engine.serverRoleArn })],
      grants: ceilingGrants,
      maxSession: "1h",
      ...(props.account !== undefined ? { account: props.account } : {}),
      ...(props.denyUnless !== undefined ? { denyUnless: props.denyUnless } : {}),
    });

    // One Vault role per intent: the ceiling narrowed by the intent's session policy.
    this.intents = intents.map((intent) => {
      const stsTtl = Math.max(intent.ttlSeconds, STS_MIN_SECONDS);
      const role = props.engine.addRole(`${this.agentName}-${intent.name}`, {
        credentialType: "assumed_role",
        roles: [this.ceiling],
        stsTtl,
        maxStsTtl: stsTtl,
        sessionPolicy: intent.sessionPolicy,
      });
      return {
        name: intent.name,
        purpose: intent.purpose,
        vaultRole: role.name,
        credsPath: role.credsPath,
        ttlSeconds: intent.ttlSeconds,
        stsTtlSeconds: role.maxStsTtlSeconds,
        sessionPolicy: intent.sessionPolicy,
      };
    });

    // The agent's Vault policy: read on its intents' creds paths, nothing else.
    this.policy = new VaultPolicy(this, "policy", {
      name: this.agentName,
      ownership: props.ownership,
      rules: this.intents.map((i) => ({ path: i.credsPath, capabilities: ["read"] })),
      notes: this.intents.map((i) => `zsp:intent ${i.name} = ${i.credsPath} ttl=${formatDuration(i.ttlSeconds)} sts=${formatDuration(i.stsTtlSeconds)}: ${i.purpose}`),
    });

    // The login: exact sub and aud, the intents' required claims, task and intent ids into metadata.
    const tokenTtl = first.ttlSeconds;
    const mappings: Record<string, string> = { ...(props.claimMappings ?? AgentIdentity.DEFAULT_CLAIM_MAPPINGS), ...Object.fromEntries(Object.keys(required).map((c) => [c, c])) };
    for (const [claim, key] of Object.entries(mappings)) {
      if (key === "role" || typeof key !== "string" || key.length === 0) {
        throw new ZspError({ ...nested(ctx, `claimMappings.${claim}`), problem: `${JSON.stringify(key)} cannot be a metadata key (Vault reserves "role" for the login role's name)`, fix: `map ${claim} to another key, e.g. "${claim}"` });
      }
    }
    this.loginRole = props.login.auth.addRole(this.agentName, {
      audiences: props.login.audiences,
      subject: props.login.subject,
      ...(props.login.claims !== undefined ? { claims: props.login.claims } : {}),
      ...(Object.keys(required).length > 0 ? { requiredClaims: required } : {}),
      policies: [this.policy],
      tokenTtl,
      tokenMaxTtl: tokenTtl,
      claimMappings: mappings,
    });
  }
}
