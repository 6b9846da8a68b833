/**
 * IAM policy evaluation for tests, with @cloud-copilot/iam-simulate.
 *
 * Permission requests go through `runSimulation`, which also validates the
 * policies, the action, the resource ARN and the context keys against the
 * IAM catalogue. Trust requests (AssumeRoleWithWebIdentity) go through the
 * simulator's core `authorize` directly: its validation drops the OIDC
 * provider keys `<issuer>:aud` / `<issuer>:sub`, which AWS evaluates but the
 * catalogue does not list, and its exported unvalidated entry point crashes
 * on an unnamed resource policy (0.1.173). Same engine, same decision logic.
 */
import { dirname, join } from "node:path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocumentJson } from "../../modules";

/** Allowed, ExplicitlyDenied or ImplicitlyDenied. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const dist = dirname(require.resolve("@cloud-copilot/iam-simulate"));
const core = require(join(dist, "core_engine/CoreSimulatorEngine.js")) as { authorize: (input: unknown) => { result: Decision | { result: Decision } } };
const { AwsRequestImpl } = require(join(dist, "request/request.js")) as { AwsRequestImpl: new (...args: unknown[]) => unknown };
const { RequestContextImpl } = require(join(dist, "requestContext.js")) as { RequestContextImpl: new (ctx: Record<string, string | string[]>) => unknown };
const { DiscoveryContextKeyConstraints } = require(join(dist, "context_keys/discoveryContextKeyConstraints.js")) as { DiscoveryContextKeyConstraints: new (c: unknown[]) => unknown };
const { loadPolicy } = require("@cloud-copilot/iam-policy") as { loadPolicy: (p: unknown, m?: { name: string }) => unknown };

/** A request to assume a role. */
export interface TrustRequest {
  /** The caller: an OIDC provider ARN, a role ARN, or a service principal. */
  readonly principal: string;
  /** `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRole`, ... */
  readonly action: string;
  /** The role being assumed. */
  readonly roleArn: string;
  /** Request context, e.g. the token's claims and `aws:CurrentTime`. */
  readonly context: Record<string, string | string[]>;
}

/** Evaluates a trust policy (the role's resource policy) for one AssumeRole* request. */
export function evaluateTrust(trust: PolicyDocumentJson, r: TrustRequest): Decision {
  const account = /:(\d{12}):/.exec(r.roleArn)?.[1] ?? "";
  const request = new AwsRequestImpl(r.principal, { resource: r.roleArn, accountId: account }, r.action, new RequestContextImpl(r.context));
  const out = core.authorize({
    request,
    sessionPolicy: undefined,
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: loadPolicy(trust, { name: "trust" }),
    permissionBoundaries: undefined,
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: "Strict", discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} },
  });
  return typeof out.result === "string" ? out.result : out.result.result;
}

/** A request a role session makes. */
export interface SessionRequest {
  /** The session, e.g. `arn:aws:sts::111122223333:assumed-role/payments-deploy/run-1`. */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context: Record<string, string | string[]>;
}

/** Evaluates a session request against the role's identity policies and permissions boundary. */
export async function evaluateSession(
  identityPolicies: readonly PolicyDocumentJson[],
  boundary: PolicyDocumentJson | undefined,
  r: SessionRequest,
): Promise<Decision> {
  const account = /:(\d{12}):/.exec(r.principal)?.[1] ?? "";
  const result = await runSimulation({
    request: { principal: r.principal, action: r.action, resource: { resource: r.resource, accountId: account }, contextVariables: r.context },
    identityPolicies: identityPolicies.map((policy, i) => ({ name: `identity${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(boundary !== undefined ? { permissionBoundaryPolicies: [{ name: "boundary", policy: boundary }] } : {}),
  }, {});
  if (result.resultType === "error") {
    throw new Error(`simulation refused the input: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Decision;
}
