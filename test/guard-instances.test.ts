/**
 * A block whose `count` or `for_each` creates no instance (module code with
 * its inputs unset: `count = var.create && length(var.users) > 0 ? 1 : 0`)
 * is not deployed: no rule judges it, except that a literal secret written in
 * it is still in the configuration. With inputs that do create it, it is
 * judged as usual.
 */
import { loadDocument } from "../modules/guard/engine";
import { findings, planOf, tf } from "./helpers/shapes";

const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "ci", "zsp:access": "jit" };

/** A group module's code: the membership and login profiles exist only when users are given. */
const config = tf({
  variable: { create: { default: true }, users: { default: [] } },
  resource: {
    aws_iam_group: { this: { count: "${var.create ? 1 : 0}", name: "deployers" } },
    aws_iam_user: { ci: { count: "${var.create ? 1 : 0}", name: "ci", tags: TAGS } },
    aws_iam_group_membership: { this: { count: "${var.create && length(var.users) > 0 ? 1 : 0}", name: "deployers", group: "${aws_iam_group.this[0].id}", users: "${var.users}" } },
    aws_iam_user_login_profile: { each: { for_each: "${toset(var.users)}", user: "${each.key}" } },
    aws_iam_access_key: { none: { for_each: {}, user: "ci" } },
    aws_db_instance: { legacy: { count: 0, identifier: "legacy", engine: "postgres", instance_class: "db.t3.micro", username: "app", password: "Tr0ub4dor-and-3-horses", tags: TAGS } },
  },
});

/** The array form of the same configuration (what @cdktf/hcl2json writes). */
function arrayForm(json: Record<string, unknown>): Record<string, unknown> {
  const wrap = (v: unknown, depth: number): unknown => (depth === 0 ? [v] : [Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, wrap(x, depth - 1)]))]);
  return { ...json, resource: wrap(json.resource, 2) };
}

const RULES = ["ZSP001", "ZSP010"];

describe("blocks that create no instance", () => {
  it.each([["object form", config], ["array form", arrayForm(config)]])("%s: count = 0 and an empty for_each are not judged, but a literal secret in them is", (_shape, json) => {
    expect(findings(loadDocument(json, "case"), RULES).sort()).toEqual(["ZSP001 aws_iam_user.ci", "ZSP010 aws_db_instance.legacy"]);
  });

  it.each([["object form", config], ["array form", arrayForm(config)]])("%s: the variables that do create them make them judged", (_shape, json) => {
    const model = loadDocument(json, "case", { variables: { users: ["alice"] } });
    expect(findings(model, RULES).sort()).toEqual([
      "ZSP001 aws_iam_group_membership.this", "ZSP001 aws_iam_user.ci", "ZSP001 aws_iam_user_login_profile.each", "ZSP010 aws_db_instance.legacy",
    ]);
  });

  it("a plan of the same configuration holds no change for them: the same findings but the secret, which it does not carry", () => {
    const plan = planOf(config);
    const created = (address: string): boolean => !/membership|login_profile|access_key|db_instance/.test(address);
    plan.resource_changes = (plan.resource_changes as Array<{ address: string }>).filter((c) => created(c.address));
    plan.planned_values.root_module.resources = (plan.planned_values.root_module.resources as Array<{ address: string }>).filter((c) => created(c.address));
    expect(findings(loadDocument(plan, "case"), RULES).sort()).toEqual(["ZSP001 aws_iam_user.ci"]);
  });
});
