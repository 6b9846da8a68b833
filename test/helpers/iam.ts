import { runSimulation } from "@cloud-copilot/iam-simulate";

/** The caller's side of an AssumeRole request. */
export interface AssumeRequest {
  /** The calling principal's ARN (role or user). */
  readonly principal: string;
  /** Request context keys, e.g. `aws:MultiFactorAuthPresent`. */
  readonly context: Record<string, string | string[]>;
  /** STS action, default `sts:AssumeRole`. */
  readonly action?: string;
}

/**
 * Evaluates `trustPolicy` (the role's resource policy) for `request` with
 * @cloud-copilot/iam-simulate. The caller's own identity policy allows the
 * action on the role, so the trust policy alone decides (cross-account
 * AssumeRole needs both). Throws when the simulator reports an error or
 * ignores a context key we set, so a typo cannot pass as a denial.
 */
export async function assumeDecision(trustPolicy: unknown, roleArn: string, request: AssumeRequest): Promise<string> {
  const account = /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1];
  if (account === undefined) throw new Error(`not a role ARN: ${roleArn}`);
  const action = request.action ?? "sts:AssumeRole";
  const result = await runSimulation(
    {
      request: { principal: request.principal, action, resource: { resource: roleArn, accountId: account }, contextVariables: request.context },
      identityPolicies: [{ name: "caller", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: roleArn }] } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trustPolicy,
    },
    {},
  );
  if (result.resultType === "error") throw new Error(`simulation error: ${JSON.stringify(result.errors)}`);
  if (result.resultType !== "single") throw new Error(`unexpected result type ${result.resultType}`);
  const ignored = result.result.ignoredContextKeys ?? [];
  if (ignored.length > 0) throw new Error(`simulator ignored context keys ${ignored.join(", ")} for ${action}`);
  return result.overallResult;
}
