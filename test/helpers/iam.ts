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
 * Evaluates `trustPolicy` (the role's resource policy) for a *cross-account*
 * `sts:AssumeRole` / `sts:SetSourceIdentity` with @cloud-copilot/iam-simulate's
 * validated `runSimulation`. Unlike `evaluateTrust` in ./iam-eval (web
 * identity trusts, no caller identity policy), a role or user principal in
 * another account needs its own identity policy to allow the call as well,
 * so the caller is given one that does: the trust policy alone decides.
 * Throws when the simulator reports an error or ignores a context key we
 * set, so a mistyped key cannot pass as a denial.
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
