import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, loadDocument } from "../modules/guard/engine";

/** The github-deploy example's payments-deploy role (DESIGN.md values), as synthesized Terraform JSON. */
const BASE = readFileSync(join(__dirname, "fixtures", "rules", "ZSP001.good.tf.json"), "utf8");
const NOW = new Date("2026-12-02T00:00:00Z");
const ROLE = "aws_iam_role.payments-deploy";

type Json = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: Array<Record<string, unknown>> }> };
};
interface Trust { Statement: Array<{ Condition?: Record<string, Record<string, unknown>> }> }

/** A mutation that widens the role, and the finding it must cause. */
interface Mutation { name: string; apply(json: Json): void; expect: [string, string] }

const trustOf = (json: Json): Trust => JSON.parse(String(json.resource.aws_iam_role?.["payments-deploy"]?.assume_role_policy)) as Trust;
const setTrust = (json: Json, t: Trust): void => {
  (json.resource.aws_iam_role?.["payments-deploy"] as Record<string, unknown>).assume_role_policy = JSON.stringify(t);
};
const GH = "token.actions.githubusercontent.com";

const mutations: Array<fc.Arbitrary<Mutation>> = [
  fc.constantFrom("*", "s3:*", "iam:*", "lambda:*", "sts:*").map((action) => ({
    name: `wildcard action ${action}`, expect: ["ZSP005", "aws_iam_role_policy.payments-deploy_policy"],
    apply: (json: Json) => { json.data.aws_iam_policy_document.deploy?.statement.push({ effect: "Allow", actions: [action], resources: ["arn:aws:s3:::acme-payments-artifacts/*"] }); },
  }) as Mutation),
  fc.constant({
    name: "NotAction allow", expect: ["ZSP005", "aws_iam_role_policy.payments-deploy_policy"],
    apply: (json: Json) => { json.data.aws_iam_policy_document.deploy?.statement.push({ effect: "Allow", not_actions: ["iam:*"], resources: ["*"] }); },
  } as Mutation),
  fc.constantFrom("aud", "sub").map((claim) => ({
    name: `drop ${claim} condition`, expect: ["ZSP003", ROLE],
    apply: (json: Json) => { const t = trustOf(json); delete t.Statement[0]?.Condition?.StringEquals?.[`${GH}:${claim}`]; setTrust(json, t); },
  }) as Mutation),
  fc.constant({
    // ZSP002 too while nothing adds a condition back; the lost aud is always ZSP003
    name: "drop every condition", expect: ["ZSP003", ROLE],
    apply: (json: Json) => { const t = trustOf(json); (t.Statement[0] as { Condition?: unknown }).Condition = undefined; setTrust(json, t); },
  } as Mutation),
  fc.constantFrom("repo:acme/*", "repo:*", "*", "repo:acme/pay*").map((sub) => ({
    name: `widen sub to ${sub}`, expect: ["ZSP003", ROLE],
    apply: (json: Json) => {
      const t = trustOf(json);
      const s = t.Statement[0];
      if (s) {
        const c = (s.Condition ??= {});
        delete c.StringEquals?.[`${GH}:sub`];
        c.StringLike = { ...(c.StringLike ?? {}), [`${GH}:sub`]: sub };
      }
      setTrust(json, t);
    },
  }) as Mutation),
  fc.integer({ min: 3601, max: 43200 }).map((seconds) => ({
    name: `max session ${seconds}`, expect: ["ZSP004", ROLE],
    apply: (json: Json) => { (json.resource.aws_iam_role?.["payments-deploy"] as Record<string, unknown>).max_session_duration = seconds; },
  }) as Mutation),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/).map((name) => ({
    name: `add user ${name}`, expect: ["ZSP001", `aws_iam_user.${name}`],
    apply: (json: Json) => { (json.resource.aws_iam_user ??= {})[name] = { name }; },
  }) as Mutation),
  fc.constantFrom("AdministratorAccess", "PowerUserAccess", "IAMFullAccess").map((policy) => ({
    name: `attach ${policy}`, expect: ["ZSP006", "aws_iam_role_policy_attachment.widen"],
    apply: (json: Json) => {
      (json.resource.aws_iam_role_policy_attachment ??= {}).widen = { role: "${aws_iam_role.payments-deploy.name}", policy_arn: `arn:aws:iam::aws:policy/${policy}` };
    },
  }) as Mutation),
];

describe("widening an example's role is always caught", () => {
  it("the unmutated role is clean", () => {
    expect(check(loadDocument(JSON.parse(BASE), "github-deploy"), { now: NOW }).findings).toEqual([]);
  });

  it("any combination of widening mutations produces each mutation's finding at its address", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...mutations), { minLength: 1, maxLength: 5 }), (chosen) => {
        const json = JSON.parse(BASE) as Json;
        for (const m of chosen) m.apply(json);
        const found = new Set(check(loadDocument(json, "github-deploy"), { now: NOW }).findings
          .filter((f) => f.severity === "error" && !f.suppressed).map((f) => `${f.rule} ${f.address}`));
        for (const m of chosen) {
          if (!found.has(m.expect.join(" "))) throw new Error(`${m.name}: expected ${m.expect.join(" ")}, found ${[...found].join(", ")}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
