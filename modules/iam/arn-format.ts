/**
 * ARN formats of the IAM catalogue (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`)
 * against the ARNs and ARN patterns a policy names. Neutral: no cdktf, no
 * construct. Used to refuse at synth a resource that can never match the
 * resource type it is meant for (a region or account where the type takes
 * none, an account that is not 12 digits).
 */

/** The four leading fields of an ARN after `arn:`, in order. */
export const ARN_FIELDS = ["partition", "service", "region", "account"] as const;
/** One of {@link ARN_FIELDS}. */
export type ArnField = (typeof ARN_FIELDS)[number];

/** An ARN cut into its fields: partition, service, region, account, and the resource part (which may hold `:`). */
export interface ArnParts {
  /** partition, service, region, account. */
  readonly fields: readonly [string, string, string, string];
  /** Everything after the fifth `:`. */
  readonly resource: string;
}

/** `text` cut into its ARN fields, or undefined when it has fewer than six or does not start with `arn`. */
export function splitArn(text: string): ArnParts | undefined {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { fields: [parts[1] ?? "", parts[2] ?? "", parts[3] ?? "", parts[4] ?? ""], resource: parts.slice(5).join(":") };
}

/** Why an ARN does not fit one format: per field, and whether the resource part fits. */
export interface ArnFormatFit {
  /** The catalogue format, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly format: string;
  /** One sentence per field that does not fit (empty when every field fits). */
  readonly fieldProblems: readonly string[];
  /** Whether the resource part (after the account) can match the format's. */
  readonly resourceFits: boolean;
  /** The ARN rewritten with the fields the format leaves empty emptied (a suggested fix), when only that was wrong. */
  readonly suggestion?: string;
}

const VARIABLE = /\$\{[^}]*\}/g;
const WHOLE_VARIABLE = /^\$\{([^}]*)\}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const PARTITION = /^aws(?:-[a-z]+)*$/;

/** The format's text as a glob: each `${Variable}` becomes one-or-more characters (`?*`). */
function formatGlob(text: string): string {
  return text.replace(VARIABLE, "?*");
}

/** A policy's ARN text as a glob: IAM policy variables (`${aws:username}`) become `*`. */
function arnGlob(text: string): string {
  return text.includes("${") ? text.replace(VARIABLE, "*") : text;
}

/**
 * Whether some string matches both globs (`*` any run, `?` one character).
 * Exact for these two wildcards: a `*` of either side may absorb any run of
 * the other, wildcards included.
 */
export function globsIntersect(a: string, b: string): boolean {
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (i === a.length && j === b.length) r = true;
    else if (i < a.length && a[i] === "*") r = go(i + 1, j) || (j < b.length && go(i, j + 1));
    else if (j < b.length && b[j] === "*") r = go(i, j + 1) || (i < a.length && go(i + 1, j));
    else if (i === a.length || j === b.length) r = false;
    else r = (a[i] === "?" || b[j] === "?" || a[i] === b[j]) && go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

function fieldProblem(field: ArnField, template: string, given: string): string | undefined {
  if (template === "") {
    return given === "" ? undefined : `the ${field} field must be empty (this resource type takes no ${field}), got "${given}"`;
  }
  const variable = WHOLE_VARIABLE.exec(template)?.[1];
  const wild = /[*?]/.test(given) || given.includes("${");
  if (variable !== undefined && field === "account" && /account/i.test(variable)) {
    return ACCOUNT.test(given) ? undefined : `the account must be exactly 12 digits, got "${given}"`;
  }
  if (variable === "Region" && field === "region") {
    if (given === "") return "the region field is empty, but this resource type lives in a region";
    return wild || REGION.test(given) ? undefined : `"${given}" is not a region name such as eu-west-1`;
  }
  if (variable === "Partition" && field === "partition") {
    return wild || PARTITION.test(given) ? undefined : `"${given}" is not a partition (aws, aws-cn, aws-us-gov, ...)`;
  }
  return globsIntersect(formatGlob(template).toLowerCase(), arnGlob(given).toLowerCase()) ? undefined : `the ${field} must be ${template}, got "${given}"`;
}

/**
 * How `arn` (an ARN or ARN pattern of a policy's `Resource`) fits `format`
 * (a catalogue ARN format); undefined when `format` is not an ARN format.
 */
export function fitArnFormat(arn: ArnParts, format: string): ArnFormatFit | undefined {
  const f = splitArn(format);
  if (f === undefined) return undefined;
  const fieldProblems: string[] = [];
  ARN_FIELDS.forEach((field, i) => {
    const problem = fieldProblem(field, f.fields[i] as string, arn.fields[i] as string);
    if (problem !== undefined) fieldProblems.push(problem);
  });
  const resourceFits = globsIntersect(formatGlob(f.resource), arnGlob(arn.resource));
  // When only fields the format leaves empty were filled, the fix is to empty them.
  const onlyExtra = resourceFits && fieldProblems.length > 0 && ARN_FIELDS.every((_, i) => {
    const t = f.fields[i] as string;
    const g = arn.fields[i] as string;
    return t === "" || fieldProblem(ARN_FIELDS[i] as ArnField, t, g) === undefined;
  });
  const suggestion = onlyExtra
    ? ["arn", ...arn.fields.map((g, i) => ((f.fields[i] as string) === "" ? "" : g)), arn.resource].join(":")
    : undefined;
  return { format, fieldProblems, resourceFits, ...(suggestion !== undefined ? { suggestion } : {}) };
}

/** The verdict of {@link matchArnFormats}: fits one of the formats, or the nearest misfit. */
export type ArnFormatVerdict =
  | { readonly fits: true; readonly format: string }
  | { readonly fits: false; readonly nearest?: ArnFormatFit };

/** Fewer field problems first; on a tie, the format whose resource part says more (`${BucketName}/${ObjectName}` over `${BucketName}`). */
function closer(a: ArnFormatFit, b: ArnFormatFit): boolean {
  if (a.fieldProblems.length !== b.fieldProblems.length) return a.fieldProblems.length < b.fieldProblems.length;
  const literal = (f: ArnFormatFit): number => (splitArn(f.format)?.resource ?? "").replace(VARIABLE, "").length;
  return literal(a) > literal(b);
}

/**
 * Whether `arn` fits one of `formats`. When none fits, `nearest` is the
 * format whose resource part fits with the fewest field problems (undefined
 * when no format's resource part fits).
 */
export function matchArnFormats(arn: ArnParts, formats: readonly string[]): ArnFormatVerdict {
  let nearest: ArnFormatFit | undefined;
  for (const format of formats) {
    const fit = fitArnFormat(arn, format);
    if (fit === undefined) continue;
    if (fit.resourceFits && fit.fieldProblems.length === 0) return { fits: true, format };
    if (fit.resourceFits && (nearest === undefined || closer(fit, nearest))) nearest = fit;
  }
  return nearest === undefined ? { fits: false } : { fits: false, nearest };
}
