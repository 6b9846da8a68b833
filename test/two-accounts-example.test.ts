/**
 * The `two-accounts` example: two aliased AWS providers (a short assume_role
 * into each account) and a JitRole in each, bound with `provider`. Every
 * resource of a role lands on its account's alias, the guard finds nothing,
 * and without the reporting alias's provider block every resource bound to it
 * is reported (ZSP000).
 */
import { Testing } from "../provider-shim/core";
import { TwoAccountsStack, REPORTING_ACCOUNT } from "../examples/two-accounts";
import { check, loadDocument } from "../modules/guard/engine";
import { NOW } from "./helpers/shapes";
import { testApp } from "./helpers/synth";

const app = testApp({ allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" });
app.node.setContext("zsp:now", "2026-11-25T12:00:00Z");
const json = JSON.parse(Testing.synth(new TwoAccountsStack(app, "two-accounts"))) as {
  provider: { aws: Array<Record<string, unknown>> };
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

/** `type.name` → provider of every resource whose name starts with `prefix`. */
function providersOf(prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(json.resource).flatMap(([type, byName]) =>
    Object.entries(byName).filter(([name]) => name.startsWith(prefix)).map(([name, body]) => [`${type}.${name}`, body.provider])));
}

describe("example two-accounts", () => {
  it("declares one hardened provider alias per account, each assuming a role in its own account", () => {
    expect(json.provider.aws.map((p) => ({ alias: p.alias, accounts: p.allowed_account_ids, role: (p.assume_role as Array<{ role_arn: string }>)[0]?.role_arn }))).toEqual([
      { alias: "payments", accounts: ["111122223333"], role: "arn:aws:iam::111122223333:role/terraform-apply" },
      { alias: "reporting", accounts: [REPORTING_ACCOUNT], role: `arn:aws:iam::${REPORTING_ACCOUNT}:role/terraform-apply` },
    ]);
  });

  it.each([
    ["payments-release-verify", "aws.payments"],
    ["payments-report-publisher", "aws.reporting"],
  ])("every resource of %s is bound to %s", (role, provider) => {
    const bound = providersOf(`${role}_`);
    expect(Object.keys(bound).map((k) => k.split(".")[0]).sort()).toEqual([
      "aws_iam_policy", "aws_iam_role", "aws_iam_role_policies_exclusive", "aws_iam_role_policy", "aws_iam_role_policy_attachments_exclusive",
    ]);
    expect(new Set(Object.values(bound))).toEqual(new Set([provider]));
  });

  it("passes the guard with no finding at all", () => {
    expect(check(loadDocument(json, "two-accounts"), { now: NOW }).findings).toEqual([]);
  });

  it("without the reporting provider block, every resource bound to it is ZSP000", () => {
    const broken = { ...json, provider: { aws: json.provider.aws.filter((p) => p.alias !== "reporting") } };
    const found = check(loadDocument(broken, "two-accounts"), { now: NOW }).findings.map((f) => `${f.rule} ${f.address}`);
    expect(found.sort()).toEqual(Object.keys(providersOf("payments-report-publisher_")).map((a) => `ZSP000 ${a}`).sort());
  });
});
