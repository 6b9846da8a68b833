/**
 * The guard's IAM algebra (action and ARN globs, NotAction / NotResource,
 * Deny, permissions boundary, wildcard expansion against the catalogue)
 * agrees with @cloud-copilot/iam-simulate: for random identity policies and a
 * boundary, read from Terraform JSON (configuration or plan), `decide` on a
 * concrete request is Allowed exactly when the simulator says so, and every
 * action the simulator allows on some resource is among `allowedActions`.
 * Conditions are left out: `decide` does not evaluate them (effective.ts).
 */
import fc from "fast-check";
import { allowedActions, decide, effectivePermissions, principals } from "../modules/guard/effective";
import type { PolicyDocumentJson } from "../modules";
import type { TfModel } from "../modules/guard/model";
import { bothShapes, tf } from "./helpers/shapes";
import { evaluateSession } from "./helpers/iam";

const ACCOUNT = "111122223333";
/** Fixed so that CI is deterministic; explore with `FC_SEED=<n> npx jest test/iam-algebra.property.test.ts`. */
const SEED = Number(process.env.FC_SEED ?? 20261203);
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/target/property`;

/** Requests IAM accepts: each action with resources of a type it takes ("*" for an action without resource-level permissions). */
const REQUESTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["s3:GetObject", ["arn:aws:s3:::bucket-a/key1", "arn:aws:s3:::bucket-b/dir/Key2"]],
  ["s3:GetObjectAcl", ["arn:aws:s3:::bucket-a/key1"]],
  ["s3:PutObject", ["arn:aws:s3:::bucket-a/key1", "arn:aws:s3:::bucket-b/dir/Key2"]],
  ["s3:PutObjectAcl", ["arn:aws:s3:::bucket-b/dir/Key2"]],
  ["s3:DeleteObject", ["arn:aws:s3:::bucket-a/key1"]],
  ["s3:ListBucket", ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-b"]],
  ["s3:ListAllMyBuckets", ["*"]],
  ["iam:PassRole", [`arn:aws:iam::${ACCOUNT}:role/app/deploy`, `arn:aws:iam::${ACCOUNT}:role/admin`]],
  ["iam:PutRolePolicy", [`arn:aws:iam::${ACCOUNT}:role/app/deploy`, `arn:aws:iam::${ACCOUNT}:role/admin`]],
  ["iam:GetRole", [`arn:aws:iam::${ACCOUNT}:role/admin`]],
  ["sqs:SendMessage", [`arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`, `arn:aws:sqs:us-east-1:${ACCOUNT}:orders-dlq`]],
  ["ec2:DescribeInstances", ["*"]],
  ["ec2:StartInstances", [`arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0abc`]],
];
const ACTIONS = REQUESTS.map(([a]) => a);
const ARNS = [...new Set(REQUESTS.flatMap(([, rs]) => rs).filter((r) => r !== "*"))];

/** An action pattern near the request actions: exact, any case, a prefix with `*`, a `?` for one letter, a service or global wildcard. */
const actionPattern: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ACTIONS),
  fc.constantFrom(...ACTIONS).map((a) => a.toLowerCase()),
  fc.tuple(fc.constantFrom(...ACTIONS), fc.nat()).map(([a, n]) => {
    const colon = a.indexOf(":");
    return `${a.slice(0, colon + 1 + (n % (a.length - colon)))}*`;
  }),
  fc.tuple(fc.constantFrom(...ACTIONS), fc.nat()).map(([a, n]) => {
    const colon = a.indexOf(":");
    const i = colon + 1 + (n % (a.length - colon - 1));
    return `${a.slice(0, i)}?${a.slice(i + 1)}`;
  }),
  fc.constantFrom("s3:*", "iam:*", "ec2:*", "sqs:*", "*", "s3:*Object*", "iam:*Role*", "s3:List*"),
);

/** Where an ARN's resource part starts (after its fifth colon). */
const resourcePart = (arn: string): number => arn.split(":").slice(0, 5).join(":").length + 1;

/**
 * Whether index `i` of `arn` falls in the resource type of its resource part (`role` of `role/admin`,
 * `instance` of `instance/i-0abc`; S3 has none). IAM matches `?` there like anywhere else (wildcards may
 * stand in any segment), but the simulator reads the type from the pattern literally and never matches
 * `rol?/admin`: such patterns are left out rather than judged by a quirk.
 */
function inResourceType(arn: string, i: number): boolean {
  const start = resourcePart(arn);
  const slash = arn.indexOf("/", start);
  return !arn.startsWith("arn:aws:s3:") && slash > 0 && i >= start && i < slash;
}

/**
 * A resource pattern near the request ARNs, always of six fields (a shorter one is not in ARN format; the simulator
 * cannot decide it under NotResource): exact, the resource part cut short with `*`, a `?` for one character, `*` in
 * a field, or `*`.
 */
const resourcePattern: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ARNS),
  fc.tuple(fc.constantFrom(...ARNS), fc.nat()).map(([r, n]) => `${r.slice(0, resourcePart(r) + (n % (r.length - resourcePart(r))))}*`),
  fc.tuple(fc.constantFrom(...ARNS), fc.nat()).map(([r, n]) => {
    const i = 4 + (n % (r.length - 4));
    return r[i] === ":" || inResourceType(r, i) ? r : `${r.slice(0, i)}?${r.slice(i + 1)}`;
  }),
  fc.tuple(fc.constantFrom(...ARNS), fc.integer({ min: 1, max: 4 })).map(([r, field]) => r.split(":").map((f, i) => (i === field ? "*" : f)).join(":")),
  fc.constantFrom("*", "arn:aws:s3:::bucket-*/*", "arn:aws:s3:::*", `arn:aws:iam::${ACCOUNT}:role/*`, `arn:aws:iam::*:role/app/*`,
    "arn:aws:sqs:*:*:orders*", `arn:aws:ec2:*:${ACCOUNT}:instance/*`, "arn:aws:s3:::bucket-b/dir/key2", "arn:*:s3:::bucket-a*"),
);

const list = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(arb, { minLength: 1, maxLength: 3 });
type Statement = Record<string, unknown>;
const statement = (effects: ReadonlyArray<"Allow" | "Deny">): fc.Arbitrary<Statement> => fc.record({
  effect: fc.constantFrom(...effects),
  notAction: fc.boolean(),
  actions: list(actionPattern),
  notResource: fc.boolean(),
  resources: list(resourcePattern),
}).map((s) => ({
  Effect: s.effect,
  [s.notAction ? "NotAction" : "Action"]: s.actions.length === 1 ? s.actions[0] : s.actions,
  [s.notResource ? "NotResource" : "Resource"]: s.resources,
}));
const doc = (statements: Statement[]): PolicyDocumentJson => ({ Version: "2012-10-17", Statement: statements } as unknown as PolicyDocumentJson);

const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] });

/** The role `target` with these inline policies (one in `inline_policy`, the rest as aws_iam_role_policy) and boundary. */
function config(policies: readonly PolicyDocumentJson[], boundary: PolicyDocumentJson | undefined): Record<string, unknown> {
  const [first, ...rest] = policies;
  return tf({
    resource: {
      aws_iam_role: {
        target: {
          name: "target", assume_role_policy: TRUST,
          ...(first ? { inline_policy: [{ name: "first", policy: JSON.stringify(first) }] } : {}),
          ...(boundary ? { permissions_boundary: "${aws_iam_policy.boundary.arn}" } : {}),
        },
      },
      ...(rest.length > 0 ? { aws_iam_role_policy: Object.fromEntries(rest.map((p, i) => [`p${i}`, { role: "${aws_iam_role.target.name}", policy: JSON.stringify(p) }])) } : {}),
      ...(boundary ? { aws_iam_policy: { boundary: { name: "boundary", policy: JSON.stringify(boundary) } } } : {}),
    },
  });
}

const scenario = fc.record({
  policies: fc.array(fc.array(statement(["Allow", "Allow", "Deny"]), { minLength: 1, maxLength: 3 }).map(doc), { minLength: 1, maxLength: 2 }),
  boundary: fc.option(fc.array(statement(["Allow", "Allow", "Deny"]), { minLength: 1, maxLength: 2 }).map(doc), { nil: undefined }),
  plan: fc.boolean(),
  requests: fc.array(fc.tuple(fc.constantFrom(...REQUESTS), fc.nat()).map(([[action, resources], n]) => [action, resources[n % resources.length] as string] as const), { minLength: 1, maxLength: 4 }),
});

describe("IAM algebra agrees with @cloud-copilot/iam-simulate", () => {
  it("decide and allowedActions, on random policies with wildcards, NotAction, NotResource, Deny and a boundary", async () => {
    await fc.assert(fc.asyncProperty(scenario, async ({ policies, boundary, plan, requests }) => {
      const [, model] = bothShapes(config(policies, boundary))[plan ? 1 : 0] as [string, TfModel];
      const role = principals(model).find((p) => p.kind === "role");
      if (role === undefined) throw new Error("the role was not read");
      const eff = effectivePermissions(model, role);
      expect(eff.unknown).toEqual([]);
      const allowed = new Set(allowedActions(eff).map((a) => a.action.name));
      for (const [action, resource] of requests) {
        const simulated = await evaluateSession(policies, boundary, { principal: SESSION, action, resource, context: {} });
        expect({ action, resource, allowed: decide(eff, action, resource).allowed }).toEqual({ action, resource, allowed: simulated === "Allowed" });
        // allowedActions answers "on some resource": whatever is allowed on this one must be listed.
        if (simulated === "Allowed") expect(allowed).toContain(action);
      }
    }), { numRuns: 100, seed: SEED });
  }, 60_000);
});
