/**
 * IAM policy evaluation for tests, with @cloud-copilot/iam-simulate: one
 * path for both sides of a role.
 *
 * - {@link evaluateTrust}: an `AssumeRole*` request against the role's trust
 *   policy (its resource policy). An IAM role or user calling is given an
 *   identity policy that allows the call, so a cross-account caller's own
 *   permissions are not what is tested: the trust policy decides (the
 *   simulator's STS rules still require the trust policy to allow even in
 *   the same account, as AWS does).
 * - {@link evaluateSession}: a request a role session makes, against the
 *   role's identity policies and permissions boundary.
 *
 * Every request goes through the validated `runSimulation` (policies,
 * action, resource ARN and context keys checked against the IAM catalogue),
 * and any context key it ignores makes the helper throw, so a mistyped key
 * cannot pass as a denial. One exception: the claim keys of the OIDC
 * provider that is the caller (`<issuer>:aud`, `<issuer>:sub`, …). AWS
 * evaluates them, but the catalogue does not list `:aud`/`:sub` for GitHub
 * or EKS issuers, so `runSimulation` drops them. When such keys are present,
 * the decision is taken by the same core `authorize` that `runSimulation`
 * calls, with the validated context plus those claims; when none are, the
 * core decision must equal `runSimulation`'s or the helper throws.
 */
import { dirname, join } from "node:path";
import { isWildcardOnlyAction, runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocumentJson } from "../../modules";

/** Allowed, ExplicitlyDenied or ImplicitlyDenied. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** A request to assume a role. */
export interface TrustRequest {
  /** The caller: an OIDC provider ARN, a role or user ARN, or a service principal. */
  readonly principal: string;
  /** `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRole`, `sts:SetSourceIdentity`, ... */
  readonly action: string;
  /** The role being assumed. */
  readonly roleArn: string;
  /** Request context, e.g. the token's claims, `aws:MultiFactorAuthPresent`, `aws:CurrentTime`. */
  readonly context: Record<string, string | string[]>;
}

/** A request a role session makes. */
export interface SessionRequest {
  /** The session, e.g. `arn:aws:sts::111122223333:assumed-role/payments-deploy/run-1`. */
  readonly principal: string;
  /** The action, e.g. `s3:PutObject`. */
  readonly action: string;
  /** The resource ARN. */
  readonly resource: string;
  /** Request context, e.g. `aws:CurrentTime`, `aws:SourceIp`. */
  readonly context: Record<string, string | string[]>;
}

type Context = Record<string, string | string[]>;
interface Evaluation {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Context;
  readonly identityPolicies: readonly PolicyDocumentJson[];
  readonly boundary?: PolicyDocumentJson;
  readonly resourcePolicy?: PolicyDocumentJson;
  /** The resource's account when its ARN has none (S3). */
  readonly resourceAccount?: string;
}

const dist = dirname(require.resolve("@cloud-copilot/iam-simulate"));
const core = require(join(dist, "core_engine/CoreSimulatorEngine.js")) as { authorize: (input: unknown) => { result: Decision } };
const { normalizeSimulationParameters } = require(join(dist, "simulation_engine/simulationEngine.js")) as {
  normalizeSimulationParameters: (simulation: unknown, resourceType: undefined) => Promise<{ validContextValues: Context; ignoredContextKeys: string[] }>;
};
const { AwsRequestImpl } = require(join(dist, "request/request.js")) as { AwsRequestImpl: new (...args: unknown[]) => unknown };
const { RequestContextImpl } = require(join(dist, "requestContext.js")) as { RequestContextImpl: new (ctx: Context) => unknown };
const { DiscoveryContextKeyConstraints } = require(join(dist, "context_keys/discoveryContextKeyConstraints.js")) as { DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown };
const { loadPolicy } = require("@cloud-copilot/iam-policy") as { loadPolicy: (p: unknown, m: { name: string }) => unknown };

const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/;
const IAM_CALLER = /^arn:aws[a-z-]*:(iam::\d{12}:(role|user)\/|sts::\d{12}:assumed-role\/)/;

/** Evaluates a trust policy (the role's resource policy) for one `AssumeRole*` request. */
export async function evaluateTrust(trust: unknown, r: TrustRequest): Promise<Decision> {
  return evaluate({
    principal: r.principal,
    action: r.action,
    resource: r.roleArn,
    context: r.context,
    identityPolicies: IAM_CALLER.test(r.principal) ? [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: r.action, Resource: r.roleArn }] }] : [],
    resourcePolicy: trust as PolicyDocumentJson,
  });
}

/**
 * Evaluates a request against a resource policy (bucket, key, topic, queue,
 * repository, secret policy): the caller is given an identity policy that
 * allows the call, so the resource policy decides, as it does across accounts.
 */
export async function evaluateResourcePolicy(resourcePolicy: unknown, r: SessionRequest & { readonly resourceAccount: string }): Promise<Decision> {
  return evaluate({
    ...r,
    identityPolicies: [{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: r.action, Resource: r.resource }] }],
    resourcePolicy: resourcePolicy as PolicyDocumentJson,
  });
}

/** Evaluates a session request against the role's identity policies and permissions boundary. */
export async function evaluateSession(identityPolicies: readonly PolicyDocumentJson[], boundary: PolicyDocumentJson | undefined, r: SessionRequest): Promise<Decision> {
  return evaluate({ ...r, identityPolicies, ...(boundary !== undefined ? { boundary } : {}) });
}

/**
 * Evaluates a session request against its identity policies, boundary and the
 * resource's own policy (a role's trust policy for `sts:AssumeRole`), in one
 * account: where a resource policy naming the caller may allow on its own.
 */
export async function evaluateSessionWithResourcePolicy(identityPolicies: readonly PolicyDocumentJson[], boundary: PolicyDocumentJson | undefined, resourcePolicy: unknown, r: SessionRequest): Promise<Decision> {
  return evaluate({ ...r, identityPolicies, resourcePolicy: resourcePolicy as PolicyDocumentJson, ...(boundary !== undefined ? { boundary } : {}) });
}

async function evaluate(e: Evaluation): Promise<Decision> {
  const account = e.resourceAccount ?? (e.resourcePolicy !== undefined ? /:(\d{12}):/.exec(e.resource) : /:(\d{12}):/.exec(e.principal))?.[1] ?? "";
  const simulation = {
    request: { principal: e.principal, action: e.action, resource: { resource: e.resource, accountId: account }, contextVariables: e.context },
    identityPolicies: e.identityPolicies.map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(e.boundary !== undefined ? { permissionBoundaryPolicies: [{ name: "boundary", policy: e.boundary }] } : {}),
    ...(e.resourcePolicy !== undefined ? { resourcePolicy: e.resourcePolicy } : {}),
  };
  const validated = await runSimulation(simulation as Parameters<typeof runSimulation>[0], {});
  if (validated.resultType === "error") throw new Error(`simulation refused the input: ${JSON.stringify(validated.errors)}`);
  if (validated.resultType !== "single") throw new Error(`unexpected result type ${validated.resultType} for ${e.action} on ${e.resource}`);

  // Keys the catalogue does not list for this request: only the caller's own OIDC claims may be put back.
  const issuer = OIDC_PROVIDER.exec(e.principal)?.[1];
  const ignored = validated.result.ignoredContextKeys ?? [];
  const unknown = ignored.filter((key) => issuer === undefined || !key.startsWith(`${issuer}:`));
  if (unknown.length > 0) throw new Error(`the simulator ignores context keys ${unknown.join(", ")} for ${e.action}: mistyped, or not sent with this request`);

  const { validContextValues } = await normalizeSimulationParameters(simulation, undefined);
  const claims = Object.fromEntries(ignored.map((key) => [key, e.context[key] as string | string[]]));
  const [service = "", action = ""] = e.action.split(":");
  const decided = core.authorize({
    request: new AwsRequestImpl(e.principal, { resource: e.resource, accountId: account }, e.action, new RequestContextImpl({ ...validContextValues, ...claims }), await isWildcardOnlyAction(service, action)),
    sessionPolicy: undefined,
    identityPolicies: simulation.identityPolicies.map((p) => loadPolicy(p.policy, { name: p.name })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: e.resourcePolicy !== undefined ? loadPolicy(e.resourcePolicy, { name: "trust" }) : undefined,
    permissionBoundaries: e.boundary !== undefined ? [loadPolicy(e.boundary, { name: "boundary" })] : undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  }).result;
  if (ignored.length === 0 && decided !== validated.overallResult) {
    throw new Error(`core authorize (${decided}) and runSimulation (${validated.overallResult}) disagree for ${e.action} on ${e.resource}`);
  }
  return decided;
}
