/**
 * Property: whatever the current policy and the observed calls, a proposal
 * `zsp tighten` offers (proved) lets no request through that the current
 * policy denies, and still allows every observed call the current policy
 * allows. Both sides are judged by the IAM evaluator (iam-simulate), not by
 * the proof's own pattern logic.
 */
import fc from "fast-check";
import { denyUnlessStatements } from "../modules/aws/deny-unless";
import type { PolicyDocumentJson, PolicyStatementJson } from "../modules";
import { readPolicy } from "../modules/guard/policy";
import type { TfModel } from "../modules/guard/model";
import type { RolePermissions } from "../cli/tighten/grants";
import type { Observation } from "../cli/tighten/observation";
import { propose } from "../cli/tighten/propose";
import { prove } from "../cli/tighten/proof";
import { UsageCollector } from "../cli/tighten/usage";
import { evaluateSession } from "./helpers/iam";

const ROLE = "arn:aws:iam::111122223333:role/zsp/jit/prop";
const SESSION = "arn:aws:sts::111122223333:assumed-role/prop/s";
const FN = "arn:aws:lambda:eu-west-1:111122223333:function:";
const OBJECTS = ["arn:aws:s3:::acme-a/releases/v1/a.zip", "arn:aws:s3:::acme-a/releases/v2/b.zip", "arn:aws:s3:::acme-a/x.txt", "arn:aws:s3:::acme-b/y/z.csv", "arn:aws:s3:::acme-a/releases/secret/k"];
const BUCKETS = ["arn:aws:s3:::acme-a", "arn:aws:s3:::acme-b"];
const FUNCTIONS = [`${FN}payments-api`, `${FN}payments-worker`, `${FN}other`];
/** Every (action, resource) the probes and observed calls use: type-correct pairs. */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ...["s3:GetObject", "s3:PutObject"].flatMap((a) => OBJECTS.map((r) => [a, r] as const)),
  ...BUCKETS.map((r) => ["s3:ListBucket", r] as const),
  ...["lambda:UpdateFunctionCode", "lambda:GetFunction"].flatMap((a) => FUNCTIONS.map((r) => [a, r] as const)),
];
const EVENT: Readonly<Record<string, [string, string, boolean]>> = {
  "s3:GetObject": ["s3.amazonaws.com", "GetObject", true],
  "s3:PutObject": ["s3.amazonaws.com", "PutObject", true],
  "s3:ListBucket": ["s3.amazonaws.com", "ListObjects", true],
  "lambda:UpdateFunctionCode": ["lambda.amazonaws.com", "UpdateFunctionCode20150331v2", false],
  "lambda:GetFunction": ["lambda.amazonaws.com", "GetFunction20150331v2", false],
};

const action = fc.constantFrom<string>("s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:Get*", "s3:*", "s3:Put*", "lambda:UpdateFunctionCode", "lambda:GetFunction", "lambda:*", "lambda:Get*");
const resource = fc.constantFrom<string>("*", "arn:aws:s3:::acme-a/*", "arn:aws:s3:::acme-a/releases/*", "arn:aws:s3:::acme-*", "arn:aws:s3:::acme-a", "arn:aws:s3:::acme-b/*", `${FN}payments-*`, `${FN}payments-api`, "arn:aws:s3:::acme-?/*");
type Condition = Record<string, Record<string, string>> | undefined;
const condition = fc.constantFrom<Condition>(undefined, { DateLessThan: { "aws:CurrentTime": "2027-01-01T00:00:00Z" } }, { DateGreaterThan: { "aws:CurrentTime": "2026-11-10T00:00:00Z" } });
const allow = fc.record({ actions: fc.uniqueArray(action, { minLength: 1, maxLength: 3 }), resources: fc.uniqueArray(resource, { minLength: 1, maxLength: 3 }), condition });
const deny = fc.option(fc.record({ actions: fc.uniqueArray(action, { minLength: 1, maxLength: 2 }), resources: fc.uniqueArray(resource, { minLength: 1, maxLength: 2 }) }), { nil: undefined });
const call = fc.record({ pair: fc.constantFrom(...PAIRS), day: fc.constantFrom("2026-11-02", "2026-11-12"), ip: fc.constantFrom("203.0.113.5", "198.51.100.7") });

function policy(allows: ReadonlyArray<{ actions: string[]; resources: string[]; condition: Condition }>, d: { actions: string[]; resources: string[] } | undefined): PolicyDocumentJson {
  const statements: PolicyStatementJson[] = allows.map((a) => ({ Effect: "Allow", Action: a.actions, Resource: a.resources, ...(a.condition ? { Condition: a.condition } : {}) }));
  if (d) statements.push({ Effect: "Deny", Action: d.actions, Resource: d.resources });
  return { Version: "2012-10-17", Statement: statements };
}

function permissionsOf(doc: PolicyDocumentJson): RolePermissions {
  const model = { shape: "config", stack: "p", resources: [], providers: [], variables: [], opaqueModules: [], suppressions: [], hasConfiguration: true } as unknown as TfModel;
  const read = readPolicy(model, { address: "aws_iam_role_policy.p", mode: "managed", type: "aws_iam_role_policy", name: "p", module: "", values: { policy: JSON.stringify(doc) }, provider: "provider.aws" }, "policy");
  if (read.kind !== "ok") throw new Error("unreadable generated policy");
  return { address: "aws_iam_role.p", stack: "p", name: "prop", path: "/zsp/jit/", roleArn: ROLE, allows: read.statements.filter((s) => s.effect === "Allow"), denies: read.statements.filter((s) => s.effect === "Deny"), unknown: [] };
}

function observation(actionName: string, arn: string, day: string, ip: string): Observation {
  const [eventSource, eventName, data] = EVENT[actionName] as [string, string, boolean];
  const resources = arn.startsWith("arn:aws:s3:::") && arn.includes("/") ? [arn, arn.slice(0, arn.indexOf("/"))] : [arn];
  return {
    kind: "call", role: ROLE, eventSource, eventName, time: `${day}T09:00:00Z`, region: "eu-west-1", sourceIp: ip, vpce: "", userAgent: "ua",
    errorCode: "", resources, data, accessKeyId: "ASIAEXAMPLE", subject: "", provider: "", sourceIdentity: "", count: 1,
  };
}

const context = (day: string, ip: string): Record<string, string> => ({ "aws:CurrentTime": `${day}T09:00:00Z`, "aws:RequestedRegion": "eu-west-1", "aws:SourceIp": ip, "aws:ViaAWSService": "false" });

describe("zsp tighten proposals (property, judged by iam-simulate)", () => {
  it("never allow a request the current policy denies, and keep every observed call allowed", async () => {
    let proved = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(allow, { minLength: 1, maxLength: 3 }), deny, fc.array(call, { maxLength: 6 }), async (allows, d, calls) => {
        const current = policy(allows, d);
        const perms = permissionsOf(current);
        // Only calls the current policy allows appear in the logs as allowed (others would be AccessDenied).
        const allowedCalls: typeof calls = [];
        for (const c of calls) {
          if ((await evaluateSession([current], undefined, { principal: SESSION, action: c.pair[0], resource: c.pair[1], context: context(c.day, c.ip) })) === "Allowed") allowedCalls.push(c);
        }
        const collector = new UsageCollector([perms]);
        for (const c of allowedCalls) collector.add(observation(c.pair[0], c.pair[1], c.day, c.ip));
        collector.finish();
        const usage = collector.byArn.get(ROLE);
        if (usage === undefined) throw new Error("role lost");
        const proposal = propose(usage, collector.coverage);
        if ("refused" in proposal) return;
        if (!prove(perms, proposal, usage).proved) return;
        proved++;
        const proposedDoc: PolicyDocumentJson = {
          Version: "2012-10-17",
          Statement: [
            ...proposal.grants.map((g): PolicyStatementJson => {
              const cond: Record<string, Record<string, string[]>> = {};
              for (const t of g.conditions) (cond[t.operator] ??= {})[t.key] = [...t.values];
              return { Effect: "Allow", Action: [...g.actions], Resource: [...g.resources], ...(g.conditions.length > 0 ? { Condition: cond } : {}) };
            }),
            ...(current.Statement as PolicyStatementJson[]).filter((s) => s.Effect === "Deny"),
            ...(Object.keys(proposal.denyUnless).length > 0 ? denyUnlessStatements(proposal.denyUnless, undefined, { path: "prop", prop: "denyUnless" }).map((s) => s.toJSON()) : []),
          ],
        };
        for (const [a, r] of PAIRS) {
          for (const [day, ip] of [["2026-11-02", "203.0.113.5"], ["2026-11-12", "198.51.100.7"], ["2026-12-20", "192.0.2.1"]] as const) {
            const req = { principal: SESSION, action: a, resource: r, context: context(day, ip) };
            if ((await evaluateSession([proposedDoc], undefined, req)) === "Allowed") {
              expect({ a, r, day, ip, current: await evaluateSession([current], undefined, req) }).toEqual({ a, r, day, ip, current: "Allowed" });
            }
          }
        }
        for (const c of allowedCalls) {
          const req = { principal: SESSION, action: c.pair[0], resource: c.pair[1], context: context(c.day, c.ip) };
          expect({ call: c, proposed: await evaluateSession([proposedDoc], undefined, req) }).toEqual({ call: c, proposed: "Allowed" });
        }
      }),
      { numRuns: 40, seed: 1717 },
    );
    // The property must not pass vacuously: most generated cases get a proved proposal.
    expect(proved).toBeGreaterThan(20);
  }, 120_000);
});
