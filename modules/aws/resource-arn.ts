import { PropContext, ZspError } from "../core/errors";
import { Token } from "../../provider-shim/core";
import { serviceResourceTypes } from "../iam/catalogue";
import { globsIntersect, matchArnFormats, splitArn } from "../iam/arn-format";

/** How many formats an error lists when an ARN fits none. */
const LISTED_FORMATS = 4;

/**
 * Refuses a resource ARN that fits no ARN format of the resource types of
 * `services` (the service prefixes of the statement's actions, e.g. `s3`)
 * whose ARNs name its service field: a region or account where the type takes
 * none (`arn:aws:s3:eu-west-1:111122223333:bucket/key`), an account that is
 * not 12 digits, a resource part of no known type. Such an ARN never matches
 * a real resource, so the grant would silently grant nothing.
 *
 * Not checked: `*`, Terraform tokens (a reference such as a role's `arn`
 * attribute, known only at apply, as elsewhere for resources), and ARNs of
 * a service none of `services` has resource types for (the caller refuses those).
 * `actionFormats` (the ARN formats of the resource types the actions apply
 * to) are listed first when nothing fits.
 * @throws ZspError `E_ARN` naming the ARN, the expected format and the fix.
 */
export function validateResourceArn(resource: string, services: readonly string[], ctx: PropContext, actionFormats: readonly string[] = []): void {
  if (resource === "*" || Token.isUnresolved(resource)) return;
  const arn = splitArn(resource);
  if (arn === undefined) return;
  const service = arn.fields[1].toLowerCase();
  const types = [...new Set(services.map((s) => s.toLowerCase()))]
    .flatMap((s) => serviceResourceTypes(s))
    .filter((t) => globsIntersect((t.arn.split(":")[2] ?? "").replace(/\$\{[^}]*\}/g, "?*").toLowerCase(), service));
  if (types.length === 0) return;
  const verdict = matchArnFormats(arn, types.map((t) => t.arn));
  if (verdict.fits) return;
  const nearest = verdict.nearest;
  if (nearest !== undefined) {
    const type = types.find((t) => t.arn === nearest.format)?.name ?? "resource";
    const accountWrong = nearest.fieldProblems.some((p) => p.startsWith("the account must be"));
    throw new ZspError({
      ...ctx,
      code: "E_ARN",
      problem: `"${resource}" does not fit the ARN format of the ${service} resource type "${type}", ${nearest.format}: ${nearest.fieldProblems.join("; ")}`,
      fix: nearest.suggestion !== undefined
        ? `write it as ${nearest.suggestion}`
        : accountWrong ? `give the 12-digit account id, in the format ${nearest.format}` : `write the ARN in the format ${nearest.format}`,
    });
  }
  const first = new Set(actionFormats);
  const ordered = [...types.filter((t) => first.has(t.arn)), ...types.filter((t) => !first.has(t.arn))];
  const listed = ordered.slice(0, LISTED_FORMATS).map((t) => `${t.name}: ${t.arn}`).join("; ");
  throw new ZspError({
    ...ctx,
    code: "E_ARN",
    problem: `"${resource}" matches no ARN format of the ${service} resource types (${listed}${types.length > LISTED_FORMATS ? `; and ${types.length - LISTED_FORMATS} more` : ""})`,
    fix: "write the ARN of the resource in the format of its resource type in the Service Authorization Reference",
  });
}
