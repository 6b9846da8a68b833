/**
 * AWS services with a single, global endpoint, and the region every request
 * to them carries in `aws:RequestedRegion` (commercial partition). Source: IAM
 * User Guide, "AWS global condition context keys" › aws:RequestedRegion ("IAM
 * calls are always made to the us-east-1 Region"), and the service endpoint
 * tables of the AWS General Reference (Global Accelerator: us-west-2).
 */
export const GLOBAL_SERVICE_REGIONS: Readonly<Record<string, string>> = {
  iam: "us-east-1",
  cloudfront: "us-east-1",
  route53: "us-east-1",
  route53domains: "us-east-1",
  organizations: "us-east-1",
  shield: "us-east-1",
  waf: "us-east-1",
  budgets: "us-east-1",
  ce: "us-east-1",
  cur: "us-east-1",
  support: "us-east-1",
  globalaccelerator: "us-west-2",
};

/**
 * Actions of a global service that are authorized inside another service's
 * request, so `aws:RequestedRegion` is that request's region: `iam:PassRole`
 * is checked when e.g. `lambda:CreateFunction` is called in eu-west-1.
 */
const AUTHORIZED_IN_ANOTHER_REQUEST: ReadonlySet<string> = new Set(["iam:passrole"]);

/**
 * The region `aws:RequestedRegion` always holds when `action` (e.g.
 * `iam:GetRole`) is called directly in the commercial partition, or
 * undefined when it depends on the endpoint the caller chooses.
 */
export function fixedRequestRegion(action: string): string | undefined {
  const lower = action.toLowerCase();
  if (AUTHORIZED_IN_ANOTHER_REQUEST.has(lower)) return undefined;
  return GLOBAL_SERVICE_REGIONS[lower.slice(0, lower.indexOf(":"))];
}
