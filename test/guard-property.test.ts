import { Testing } from "../provider-shim/core";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GithubDeployStack } from "../examples/github-deploy";
import { check, loadDocument } from "../modules/guard/engine";

const NOW = new Date("2026-11-25T12:00:00Z");
const GH = "token.actions.githubusercontent.com";

type Json = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: { aws_iam_policy_document?: Record<string, { statement: Array<Record<string, unknown>> }> };
};
interface Trust { Statement: Array<{ Condition?: Record<string, Record<string, unknown>> }> }

/** A stack holding the payments-deploy role: its JSON and where the role and its permission policy sit. */
interface Base {
  readonly name: string;
  readonly text: string;
  /** Key of the role under resource.aws_iam_role. */
  readonly role: string;
  /** Key of its permission policy under resource.aws_iam_role_policy. */
  readonly policy: string;
}

/** An IAM statement in policy JSON form, added to the role's permission policy whatever form that policy takes. */
type IamStatement = { Effect: "Allow"; Action?: string[]; NotAction?: string[]; Resource: string | string[] };

function addStatement(json: Json, base: Base, s: IamStatement): void {
  const policy = json.resource.aws_iam_role_policy?.[base.policy] as Record<string, unknown>;
  const ref = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(String(policy.policy));
  if (ref) {
    json.data?.aws_iam_policy_document?.[ref[1] as string]?.statement.push({
      effect: s.Effect, ...(s.Action ? { actions: s.Action } : {}), ...(s.NotAction ? { not_actions: s.NotAction } : {}), resources: [s.Resource].flat(),
    });
  } else {
    const doc = JSON.parse(String(policy.policy)) as { Statement: IamStatement[] };
    doc.Statement.push(s);
    policy.policy = JSON.stringify(doc);
  }
}

const roleOf = (json: Json, base: Base): Record<string, unknown> => json.resource.aws_iam_role?.[base.role] as Record<string, unknown>;
const trustOf = (json: Json, base: Base): Trust => JSON.parse(String(roleOf(json, base).assume_role_policy)) as Trust;
const setTrust = (json: Json, base: Base, t: Trust): void => {
  roleOf(json, base).assume_role_policy = JSON.stringify(t);
};

/** A mutation that widens the role, and the finding (rule, address) it must cause. */
interface Mutation { name: string; apply(json: Json, base: Base): void; expect(base: Base): [string, string] }

const mutations: Array<fc.Arbitrary<Mutation>> = [
  // Wildcards that reach past the JitRole boundary's ceiling (s3:PutObject, lambda:UpdateFunctionCode). ZSP005 judges
  // effective permissions: iam:* or sts:* under that boundary grant nothing (test/effective-permissions.test.ts).
  fc.constantFrom("*", "s3:*", "s3:Put*", "lambda:*", "lambda:Update*").map((action) => ({
    name: `wildcard action ${action}`, expect: (b) => ["ZSP005", `aws_iam_role_policy.${b.policy}`],
    apply: (json, b) => addStatement(json, b, { Effect: "Allow", Action: [action], Resource: "arn:aws:s3:::acme-payments-artifacts/*" }),
  }) as Mutation),
  fc.constant({
    name: "NotAction allow", expect: (b) => ["ZSP005", `aws_iam_role_policy.${b.policy}`],
    apply: (json, b) => addStatement(json, b, { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }),
  } as Mutation),
  fc.constantFrom("aud", "sub").map((claim) => ({
    name: `drop ${claim} condition`, expect: (b) => ["ZSP003", `aws_iam_role.${b.role}`],
    apply: (json, b) => { const t = trustOf(json, b); delete t.Statement[0]?.Condition?.StringEquals?.[`${GH}:${claim}`]; setTrust(json, b, t); },
  }) as Mutation),
  fc.constant({
    // ZSP002 too while nothing adds a condition back; the lost aud is always ZSP003
    name: "drop every condition", expect: (b) => ["ZSP003", `aws_iam_role.${b.role}`],
    apply: (json, b) => { const t = trustOf(json, b); (t.Statement[0] as { Condition?: unknown }).Condition = undefined; setTrust(json, b, t); },
  } as Mutation),
  fc.constantFrom("repo:acme/*", "repo:*", "*", "repo:acme/pay*").map((sub) => ({
    name: `widen sub to ${sub}`, expect: (b) => ["ZSP003", `aws_iam_role.${b.role}`],
    apply: (json, b) => {
      const t = trustOf(json, b);
      const s = t.Statement[0];
      if (s) {
        const c = (s.Condition ??= {});
        delete c.StringEquals?.[`${GH}:sub`];
        c.StringLike = { ...(c.StringLike ?? {}), [`${GH}:sub`]: sub };
      }
      setTrust(json, b, t);
    },
  }) as Mutation),
  fc.integer({ min: 3601, max: 43200 }).map((seconds) => ({
    name: `max session ${seconds}`, expect: (b) => ["ZSP004", `aws_iam_role.${b.role}`],
    apply: (json, b) => { roleOf(json, b).max_session_duration = seconds; },
  }) as Mutation),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).map((name) => ({
    name: `add user ${name}`, expect: () => ["ZSP001", `aws_iam_user.${name}`],
    apply: (json) => { (json.resource.aws_iam_user ??= {})[name] = { name }; },
  }) as Mutation),
  fc.constantFrom("AdministratorAccess", "PowerUserAccess", "IAMFullAccess").map((policy) => ({
    name: `attach ${policy}`, expect: () => ["ZSP006", "aws_iam_role_policy_attachment.widen"],
    apply: (json, b) => {
      (json.resource.aws_iam_role_policy_attachment ??= {}).widen = { role: `\${aws_iam_role.${b.role}.name}`, policy_arn: `arn:aws:iam::aws:policy/${policy}` };
    },
  }) as Mutation),
];

/** The role as the example app synthesizes it (JitRole: literal JSON policies, boundary, exclusive attachments). */
function synthesizedExample(): Base {
  const stack = new GithubDeployStack(Testing.app(), "github-deploy");
  const text = Testing.synth(stack);
  const json = JSON.parse(text) as Json;
  const key = (type: string, prefix: string): string => Object.keys(json.resource[type] ?? {}).find((k) => k.startsWith(prefix)) as string;
  return { name: "the github-deploy example as synthesized", text, role: key("aws_iam_role", "payments-deploy_"), policy: key("aws_iam_role_policy", "payments-deploy_") };
}

const BASES: Base[] = [
  synthesizedExample(),
  // The same role written by hand with a data.aws_iam_policy_document (DESIGN.md values).
  { name: "the hand-written fixture", text: readFileSync(join(__dirname, "fixtures", "rules", "ZSP001.good.tf.json"), "utf8"), role: "payments-deploy", policy: "payments-deploy_policy" },
];

describe.each(BASES)("widening the payments-deploy role of $name is always caught", (base) => {
  it("the unmutated role is clean", () => {
    expect(base.role).toBeDefined();
    expect(base.policy).toBeDefined();
    expect(check(loadDocument(JSON.parse(base.text), "github-deploy"), { now: NOW }).findings).toEqual([]);
  });

  it("any combination of widening mutations produces each mutation's finding at its address", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 5 }), (chosen) => {
        const json = JSON.parse(base.text) as Json;
        for (const m of chosen) m.apply(json, base);
        const found = new Set(check(loadDocument(json, "github-deploy"), { now: NOW }).findings
          .filter((f) => f.severity === "error" && !f.suppressed).map((f) => `${f.rule} ${f.address}`));
        for (const m of chosen) {
          const expected = m.expect(base).join(" ");
          if (!found.has(expected)) throw new Error(`${m.name}: expected ${expected}, found ${[...found].join(", ")}`);
        }
      }),
      { numRuns: 200 },
    );
  });
});
