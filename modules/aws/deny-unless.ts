import { PropContext, ZspError, nested } from "../core/errors";
import { validateRegion } from "../core/aws-names";
import { Conditions, PolicyStatement } from "../iam/policy-document";
import { requireList } from "../core/shape";
import { fixedRequestRegion } from "../iam/global-services";

/**
 * Context a JIT role's requests must come from. Network entries are
 * alternatives (a request from any listed IP range, VPC or VPC endpoint
 * passes); regions are checked separately.
 */
export interface DenyUnless {
  /** VPC ids, e.g. `vpc-0abc1234`: requests through a VPC endpoint of these VPCs pass (`aws:SourceVpc`). */
  readonly sourceVpc?: readonly string[];
  /** VPC endpoint ids, e.g. `vpce-0abc1234` (`aws:SourceVpce`). */
  readonly sourceVpce?: readonly string[];
  /** Public source CIDRs, e.g. `203.0.113.0/24` (`aws:SourceIp`). */
  readonly sourceIp?: readonly string[];
  /** Regions requests may target (`aws:RequestedRegion`); must be within the profile's `allowedRegions`. */
  readonly regions?: readonly string[];
}

const VPC = /^vpc-[0-9a-f]{8,17}$/;
const VPCE = /^vpce-[0-9a-f]{8,17}$/;
const IPV4_CIDR = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;
const CIDR = new RegExp(`${IPV4_CIDR.source}|${IPV6_CIDR.source}`);

/**
 * AWS services that call other services with the role's credentials (e.g.
 * CloudFormation, or S3 calling KMS) make requests from AWS networks, not the
 * workload's: `aws:ViaAWSService` excepts them, as AWS's data-perimeter
 * examples do.
 */
const NOT_VIA_AWS_SERVICE: Conditions = { BoolIfExists: { "aws:ViaAWSService": "false" } };

/**
 * Explicit Deny statements for {@link DenyUnless}: one for the network
 * (denied when the request matches none of the listed IP ranges, VPCs or VPC
 * endpoints) and one for regions (`StringNotEquals aws:RequestedRegion`),
 * both excepting requests AWS services make on the role's behalf.
 */
export function denyUnlessStatements(deny: DenyUnless, allowedRegions: readonly string[] | undefined, ctx: PropContext): PolicyStatement[] {
  if (deny === null || typeof deny !== "object") {
    throw new ZspError({ ...ctx, problem: "must be an object", fix: "give { sourceVpc?, sourceVpce?, sourceIp?, regions? }" });
  }
  const list = (key: keyof DenyUnless, pattern: RegExp, example: string): string[] => {
    const value = deny[key];
    if (value === undefined) return [];
    requireList(value, nested(ctx, key), { empty: "an empty list would deny everything; leave it out instead", example: `["${example}"]` }).forEach((v, i) => {
      if (typeof v !== "string" || !pattern.test(v)) {
        throw new ZspError({ ...nested(ctx, `${key}[${i}]`), problem: `${JSON.stringify(v)} is not valid here`, fix: `give a value like "${example}"` });
      }
    });
    return value as string[];
  };
  const vpcs = list("sourceVpc", VPC, "vpc-0abc1234");
  const vpces = list("sourceVpce", VPCE, "vpce-0abc1234");
  const ips = list("sourceIp", CIDR, "203.0.113.0/24");
  const regions = deny.regions === undefined ? [] : list("regions", /.*/, "eu-west-1").map((r, i) => validateRegion(r, allowedRegions, nested(ctx, `regions[${i}]`)));
  if (vpcs.length + vpces.length + ips.length + regions.length === 0) {
    throw new ZspError({ ...ctx, problem: "is empty: it would deny nothing", fix: "give sourceVpc, sourceVpce, sourceIp or regions, or leave denyUnless out" });
  }
  const out: PolicyStatement[] = [];
  if (vpcs.length + vpces.length + ips.length > 0) {
    const network: Conditions = {
      ...(ips.length > 0 ? { NotIpAddress: { "aws:SourceIp": ips } } : {}),
      ...(vpcs.length + vpces.length > 0
        ? { StringNotEquals: { ...(vpcs.length > 0 ? { "aws:SourceVpc": vpcs } : {}), ...(vpces.length > 0 ? { "aws:SourceVpce": vpces } : {}) } }
        : {}),
      ...NOT_VIA_AWS_SERVICE,
    };
    out.push(new PolicyStatement({ sid: "DenyOutsideNetwork", effect: "Deny", actions: ["*"], resources: ["*"], conditions: network }));
  }
  if (regions.length > 0) {
    out.push(new PolicyStatement({
      sid: "DenyOtherRegions",
      effect: "Deny",
      actions: ["*"],
      resources: ["*"],
      conditions: { StringNotEquals: { "aws:RequestedRegion": regions }, ...NOT_VIA_AWS_SERVICE },
    }));
  }
  return out;
}

/** Regions outside the commercial partition, where global services live elsewhere (cn-north-1, us-gov-west-1, ...). */
const OTHER_PARTITION_REGION = /^(?:cn|us-gov|us-iso[a-z]?|eu-isoe?)-/;

/**
 * Refuses a grant the region fence of `deny` would always deny: an action of
 * a global service (IAM, CloudFront, Route 53, Organizations, ...) whose every
 * direct request carries the service's one region in `aws:RequestedRegion`
 * (see `GLOBAL_SERVICE_REGIONS`), when `deny.regions` leaves that region out.
 * The fence excepts calls AWS services make for the role
 * (`aws:ViaAWSService`), but the workload's own calls never pass, so the
 * grant is a mistake either way. No-op without a region fence.
 * @param grantCtx - where grant `i` was given, e.g. `grants[i]`
 * @throws ZspError `E_FENCE` naming the action, its region and the fence.
 */
export function refuseFencedGrants(deny: DenyUnless | undefined, grants: ReadonlyArray<{ readonly actions: readonly string[] }>, fenceCtx: PropContext, grantCtx: (i: number) => PropContext): void {
  const regions = deny?.regions;
  if (regions === undefined || regions.length === 0 || regions.every((r) => OTHER_PARTITION_REGION.test(r))) return;
  grants.forEach((g, i) => {
    g.actions.forEach((action, j) => {
      const region = fixedRequestRegion(action);
      if (region === undefined || regions.includes(region)) return;
      throw new ZspError({
        ...nested(grantCtx(i), `actions[${j}]`),
        code: "E_FENCE",
        problem: `${action} is a global service's action: every request to it is in ${region} (aws:RequestedRegion = ${region}), which the fence ${fenceCtx.prop}.regions [${regions.join(", ")}] (Deny statement DenyOtherRegions) always denies`,
        fix: `add "${region}" to ${fenceCtx.prop}.regions (the profile's allowedRegions must allow it), or grant ${action} in a role without this region fence`,
      });
    });
  });
}
