import { Token } from "../../provider-shim/core";
import { PropContext, ZspError, nested } from "../core/errors";
import { CatalogueAction, lookupAction, serviceActions, similarActions } from "../iam/catalogue";
import { Conditions, PolicyStatement } from "../iam/policy-document";
import { requireList, requireObject } from "../core/shape";
import { validateResourceArn } from "./resource-arn";

/** One permission of a JIT role: explicit actions on explicit resources. Build it with {@link grant}. */
export interface Grant {
  /** Actions as `service:Action`, each one named (no `*`, no `svc:*`, no `svc:Get*`). */
  readonly actions: readonly string[];
  /** Resource ARNs (or references). `"*"` only when every action supports no resource-level permissions. */
  readonly resources: readonly string[];
  /** Extra conditions, merged with the role's window. */
  readonly conditions?: Conditions;
}

/**
 * A grant: `actions` on `resources`, optionally under `conditions`.
 * Validated when a `JitRole` uses it: every action must exist in the IAM
 * action catalogue.
 */
export function grant(actions: readonly string[], resources: readonly string[], conditions?: Conditions): Grant {
  return { actions, resources, ...(conditions !== undefined ? { conditions } : {}) };
}

/** A grant checked against the catalogue: canonical action names and whether `Resource: "*"` was justified. */
export interface ValidatedGrant {
  /** Canonical action names, e.g. `s3:PutObject`. */
  readonly actions: readonly string[];
  /** Resources as given. */
  readonly resources: readonly string[];
  /** Conditions as given. */
  readonly conditions?: Conditions;
  /** True when the grant uses `Resource: "*"` because its actions support no resource-level permissions. */
  readonly wildcardResource: boolean;
}

const ONLY_WILDCARDS = /^[*?/:]*\*[*?/:]*$/;
/** IAM condition operators, with the set qualifiers and the `IfExists` suffix they take. */
const CONDITION_OPERATOR = /^(?:(?:ForAnyValue:|ForAllValues:)?(?:String(?:Not)?Equals(?:IgnoreCase)?|String(?:Not)?Like|Numeric(?:Not)?Equals|Numeric(?:Less|Greater)Than(?:Equals)?|Date(?:Not)?Equals|Date(?:Less|Greater)Than(?:Equals)?|Bool|BinaryEquals|(?:Not)?IpAddress|Arn(?:Not)?(?:Equals|Like))(?:IfExists)?|Null)$/;
const CONDITION_KEY = /^[A-Za-z0-9.-]+(?:\/[^\s:]+)*:[^\s]+$/;
const ACTION_SHAPE = /^([A-Za-z0-9-]+):([A-Za-z0-9]+)$/;

/**
 * Validates `g` against the IAM action catalogue. Throws {@link ZspError}
 * naming `ctx` for: no actions or resources, `*`/`svc:*`/partial wildcard
 * actions, unknown services or actions (with the nearest names), `"*"` as a
 * resource when an action supports resource-level permissions, a
 * resource ARN of a service none of the actions applies to, and (code
 * `E_ARN`) an ARN that fits no ARN format of that service's resource types
 * (a region or account where the type takes none, an account that is not 12
 * digits). Terraform tokens among the resources are accepted unchecked.
 */
export function validateGrant(g: Grant, ctx: PropContext): ValidatedGrant {
  requireObject(g, ctx, 'build it with grant(["s3:GetObject"], ["arn:aws:s3:::bucket/prefix/*"])');
  const actions = requireList(g.actions, nested(ctx, "actions"), { empty: "a grant needs at least one action", example: '["s3:GetObject"]' });
  const resources = requireList(g.resources, nested(ctx, "resources"), { empty: "a grant needs at least one resource", example: '["arn:aws:s3:::bucket/prefix/*"]' });
  const found: CatalogueAction[] = [];
  actions.forEach((action, i) => {
    const actx = nested(ctx, `actions[${i}]`);
    if (typeof action !== "string") {
      throw new ZspError({ ...actx, problem: `${JSON.stringify(action)} is not an action name`, fix: 'give "service:Action", e.g. "s3:GetObject"' });
    }
    if (action.includes("*") || action.includes("?")) {
      throw new ZspError({ ...actx, problem: `"${action}" is a wildcard action: it grants every action it matches, including ones added to AWS later (OWASP NHI-05)`, fix: "list the exact actions the task needs" });
    }
    const shape = ACTION_SHAPE.exec(action);
    if (!shape) {
      throw new ZspError({ ...actx, problem: `"${action}" is not of the form service:Action`, fix: 'give e.g. "s3:GetObject"' });
    }
    if (serviceActions(shape[1] as string) === undefined) {
      throw new ZspError({ ...actx, problem: `"${shape[1]}" is not an AWS service prefix in the IAM action catalogue`, fix: "use the service prefix of the Service Authorization Reference, e.g. s3, lambda, rds-db" });
    }
    const known = lookupAction(action);
    if (known === undefined) {
      const near = similarActions(action);
      throw new ZspError({ ...actx, problem: `"${action}" is not an action in the IAM action catalogue`, fix: near.length > 0 ? `check the spelling; nearest: ${near.join(", ")}` : "check the spelling" });
    }
    found.push(known);
  });
  let wildcardResource = false;
  resources.forEach((resource, i) => {
    const rctx = nested(ctx, `resources[${i}]`);
    if (typeof resource !== "string" || resource.length === 0) {
      throw new ZspError({ ...rctx, problem: `${JSON.stringify(resource)} is not a resource ARN`, fix: "give an ARN such as arn:aws:s3:::bucket/prefix/*" });
    }
    if (Token.isUnresolved(resource)) return;
    const fields = resource.split(":");
    // "*", or an ARN whose resource part is only wildcards and separators (arn:aws:s3:::*, arn:aws:s3:::*/*).
    const everything = resource === "*" || (fields.length >= 6 && ONLY_WILDCARDS.test(fields.slice(5).join(":")));
    if (everything) {
      const scoped = found.filter((a) => !a.wildcardOnly);
      if (scoped.length > 0) {
        throw new ZspError({ ...rctx, problem: `"${resource}" grants every resource, but ${scoped.map((a) => a.name).join(", ")} support${scoped.length === 1 ? "s" : ""} resource-level permissions`, fix: "name the resource ARNs; \"*\" is accepted only for actions without resource-level support" });
      }
      wildcardResource = true;
      return;
    }
    if (fields.length < 6 || fields[0] !== "arn" || !/^aws[a-z-]*$/.test(fields[1] ?? "") || !/^[a-z0-9-]+$/.test(fields[2] ?? "")) {
      throw new ZspError({ ...rctx, problem: `"${resource}" is not an ARN (arn:partition:service:region:account:resource)`, fix: "give the full ARN" });
    }
    if (/[*?]/.test(fields[4] ?? "")) {
      throw new ZspError({ ...rctx, problem: `"${resource}" matches resources in every account (wildcard in the account field)`, fix: "name the 12-digit account the resources live in" });
    }
    const service = fields[2] as string;
    const applies = found.some((a) => a.resourceServices.has(service));
    if (!applies) {
      const scoped = found.filter((a) => !a.wildcardOnly);
      const services = [...new Set(scoped.flatMap((a) => [...a.resourceServices]))];
      throw new ZspError({
        ...rctx,
        problem: scoped.length === 0
          ? `${found.map((a) => a.name).join(", ")} support no resource-level permissions, so a resource ARN never matches them`
          : `"${resource}" is a ${service} resource, but ${found.map((a) => a.name).join(", ")} ${found.length === 1 ? "applies" : "apply"} to ${services.join(", ")} resources`,
        fix: scoped.length === 0 ? 'use "*" for these actions, in a grant of their own' : "give the ARN of a resource these actions act on, or split the grant",
      });
    }
    validateResourceArn(resource, found.map((a) => a.name.slice(0, a.name.indexOf(":"))), rctx, found.flatMap((a) => a.resourceArns));
  });
  if (g.conditions !== undefined) validateConditions(g.conditions, nested(ctx, "conditions"));
  return {
    actions: found.map((a) => a.name),
    resources: g.resources,
    ...(g.conditions !== undefined ? { conditions: g.conditions } : {}),
    wildcardResource,
  };
}

/**
 * Checks the shape IAM accepts: operator → key → a value or a non-empty list
 * of values, with a known operator (a misspelt one would only fail at apply,
 * as a malformed policy).
 */
function validateConditions(conditions: unknown, ctx: PropContext): void {
  requireObject(conditions, ctx, 'give { Operator: { "key": "value" } }, e.g. { StringEquals: { "s3:prefix": "releases/" } }');
  for (const [operator, keys] of Object.entries(conditions as Record<string, unknown>)) {
    const octx = nested(ctx, operator);
    if (!CONDITION_OPERATOR.test(operator)) {
      throw new ZspError({ ...octx, problem: `"${operator}" is not an IAM condition operator`, fix: "use one of the operators of the IAM JSON policy reference, e.g. StringEquals, ArnLike, DateLessThan, Bool (optionally with IfExists)" });
    }
    if (keys === null || typeof keys !== "object" || Array.isArray(keys) || Object.keys(keys).length === 0) {
      throw new ZspError({ ...octx, problem: "must map condition keys to values", fix: 'give e.g. { "s3:prefix": "releases/" }' });
    }
    for (const [key, value] of Object.entries(keys as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      if (!CONDITION_KEY.test(key) || values.length === 0 || values.some((v) => typeof v !== "string" && typeof v !== "boolean")) {
        throw new ZspError({ ...nested(octx, key), problem: `${String(JSON.stringify(value))} under "${key}" is not a condition key with a value or a non-empty list of values`, fix: 'give "service:key": "value" or a list of strings' });
      }
    }
  }
}

/** The Allow statement of a validated grant, with `extra` conditions (the window) merged in. */
export function grantStatement(g: ValidatedGrant, sid: string, extra: Conditions | undefined): PolicyStatement {
  return new PolicyStatement({ sid, actions: g.actions, resources: g.resources, ...(g.conditions !== undefined ? { conditions: g.conditions } : {}) }).withConditions(extra);
}
