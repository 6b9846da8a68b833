import { Statement } from "./policy";
import { TfModel, TfResource, isExpression } from "./model";
import { positive } from "./trust";

/**
 * Regions, as the guard reads them: the AWS region a resource lives in, and
 * the regions where CloudTrail delivers the `AssumeRole` events of a role.
 */

/** Where IAM events and STS global-endpoint (`sts.amazonaws.com`) events are delivered. */
export const GLOBAL_ENDPOINT_REGION = "us-east-1";

/** The region of a resource, or why it is not known from the input. */
export type ResourceRegion = { readonly kind: "known"; readonly region: string } | { readonly kind: "unknown"; readonly why: string };

/**
 * The AWS region `r` lives in: its own `region` argument (provider 6), else
 * the `region` of the provider configuration it uses (its `provider` alias,
 * or the default `aws` provider of its module). Unknown when that is an
 * expression the guard cannot evaluate, or when no provider block sets a
 * region (the region then comes from the environment at apply).
 */
export function resourceRegion(model: TfModel, r: TfResource): ResourceRegion {
  const own = r.values.region;
  if (typeof own === "string" && own !== "") {
    return isExpression(own) ? { kind: "unknown", why: `its region is ${own}` } : { kind: "known", region: own };
  }
  const provider = model.providers.find((p) => p.address === r.provider);
  if (provider === undefined) return { kind: "unknown", why: `${r.provider} has no configuration block, so its region comes from the environment` };
  const region = provider.values.region ?? provider.config.region;
  if (typeof region !== "string" || region === "") return { kind: "unknown", why: `${r.provider} sets no region, so it comes from the environment` };
  if (isExpression(region)) return { kind: "unknown", why: `${r.provider} has region ${region}` };
  return { kind: "known", region };
}

/** Where the AssumeRole events of a role arrive, and why. */
export interface EventRegions {
  /** Regions whose CloudTrail delivers the events (each needs an alert). */
  readonly regions: readonly string[];
  /** The regions as the trust fixes them, for messages. */
  readonly why: string;
}

const REGION_OPERATOR = /^(?:ForAnyValue:)?String(?:Equals|EqualsIgnoreCase|Like)$/;

/**
 * The regions where CloudTrail delivers an `AssumeRole` of a role whose
 * trust allows `allows`. STS logs the call in the region of the endpoint
 * called; the global endpoint logs in us-east-1 (its `aws:RequestedRegion`).
 * A trust whose every Allow statement admits only listed regions
 * (`aws:RequestedRegion`, literal values) is assumed there; a trust that
 * admits any region can be assumed through the global endpoint, so its
 * events reach us-east-1 at least.
 */
export function assumeRoleEventRegions(allows: readonly Statement[]): EventRegions {
  const listed = new Set<string>();
  let open = allows.length === 0;
  for (const s of allows) {
    const fence = positive(s.conditions, (k) => k === "aws:requestedregion").find((c) => REGION_OPERATOR.test(c.operator));
    if (fence === undefined || fence.values.length === 0 || fence.values.some((v) => isExpression(v) || /[*?]/.test(v))) open = true;
    else for (const v of fence.values) listed.add(v.toLowerCase());
  }
  if (open) {
    return { regions: [...new Set([GLOBAL_ENDPOINT_REGION, ...listed])], why: `the trust does not limit aws:RequestedRegion, so the role can be assumed through the STS global endpoint, whose events CloudTrail delivers to ${GLOBAL_ENDPOINT_REGION}` };
  }
  const regions = [...listed];
  return { regions, why: `the trust admits AssumeRole only through ${regions.join(", ")} (aws:RequestedRegion)` };
}
