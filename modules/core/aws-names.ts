import { PropContext, ZspError } from "./errors";

/** 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** IAM role ARN (any partition), capturing the account id. */
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
/** Characters STS accepts in a role session name or source identity (2-64 long). */
export const STS_NAME = /^[\w+=,.@-]{2,64}$/;
/** AWS region name. */
export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
/** IAM role name: 1-64 characters of `[\w+=,.@-]`. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** Returns `name` when it is a valid IAM role name, or throws naming `ctx`. */
export function validateRoleName(name: unknown, ctx: PropContext): string {
  if (typeof name !== "string" || !ROLE_NAME.test(name)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(name)} is not an IAM role name`, fix: "use 1-64 characters of letters, digits and +=,.@_-" });
  }
  return name;
}

/** Returns the account id of a role ARN, or throws naming `ctx`. */
export function roleArnAccount(arn: unknown, ctx: PropContext): string {
  const match = typeof arn === "string" ? ROLE_ARN.exec(arn) : null;
  if (!match) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(arn)} is not an IAM role ARN`, fix: "use arn:aws:iam::<12-digit account>:role/<path/name>" });
  }
  return match[1] as string;
}

/** Validates a region against the pattern and, when given, the profile's allowed regions. */
export function validateRegion(region: unknown, allowed: readonly string[] | undefined, ctx: PropContext): string {
  if (typeof region !== "string" || !REGION.test(region)) {
    throw new ZspError({ ...ctx, problem: `${JSON.stringify(region)} is not an AWS region name`, fix: 'use e.g. "eu-west-1"' });
  }
  if (allowed !== undefined && !allowed.includes(region)) {
    throw new ZspError({ ...ctx, code: "E_PROFILE", problem: `region ${region} is not in the profile's allowedRegions (${allowed.join(", ")})`, fix: "use an allowed region or change the organisation profile" });
  }
  return region;
}
