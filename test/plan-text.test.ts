// Plans are read without building what they repeat (modules/guard/plan-text.ts): planned_values' resources are
// set aside when resource_changes holds every one of them. The model must be the one a whole parse gives.
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../cli/main";
import { check, loadDocument } from "../modules/guard/engine";
import { parsePlanText } from "../modules/guard/plan-text";
import { tempDir } from "./helpers/temp";

const NOW = new Date("2026-06-01T00:00:00Z");
const FIXTURES = [join(__dirname, "fixtures", "plans"), join(__dirname, "fixtures", "rules")];
const planFiles = FIXTURES.flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".plan.json")).map((f) => join(d, f)));

/** What `terraform show -json` writes: compact JSON. */
const compact = (file: string): string => JSON.stringify(JSON.parse(readFileSync(file, "utf8")));

function sameModel(text: string): void {
  const whole = loadDocument(JSON.parse(text), "p");
  const read = loadDocument(parsePlanText(text), "p");
  expect(read).toEqual(whole);
  expect(check(read, { now: NOW }).findings).toEqual(check(whole, { now: NOW }).findings);
}

const role = (address: string, tags: Record<string, string> = {}): Record<string, unknown> => ({
  address, mode: "managed", type: "aws_iam_role", name: address.split(".").pop(), provider_name: "registry.terraform.io/hashicorp/aws",
  values: { name: "r", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }), tags },
});
const change = (r: Record<string, unknown>): Record<string, unknown> => ({
  address: r.address, mode: r.mode, type: r.type, name: r.name, provider_name: r.provider_name,
  change: { actions: ["create"], before: null, after: r.values, after_unknown: {} },
});

/** A plan in Terraform's key order, compact. */
function plan(parts: { variables?: unknown; planned: Record<string, unknown>; changes: unknown[]; configuration?: unknown }): string {
  return JSON.stringify({
    format_version: "1.2", terraform_version: "1.9.8", variables: parts.variables ?? {}, planned_values: parts.planned,
    resource_changes: parts.changes, configuration: parts.configuration ?? { root_module: {} },
  });
}

describe("reading a plan without what it repeats", () => {
  it.each(planFiles.map((f) => [f.slice(f.indexOf("fixtures")), f]))("%s gives the model a whole parse gives", (_name, file) => {
    sameModel(compact(file));
  });

  it("sets aside planned_values' resources when every one has a change record, and keeps its outputs", () => {
    const r = role("aws_iam_role.open");
    const text = plan({ planned: { outputs: { arn: { sensitive: false, value: "arn:aws:iam::111122223333:role/r" } }, root_module: { resources: [r] } }, changes: [change(r)] });
    const read = parsePlanText(text) as { planned_values: Record<string, unknown> };
    expect(read.planned_values).toEqual({ outputs: { arn: { sensitive: false, value: "arn:aws:iam::111122223333:role/r" } } });
    sameModel(text);
    expect(check(loadDocument(read, "p"), { now: NOW }).findings.map((f) => `${f.rule} ${f.address}`)).toContain("ZSP002 aws_iam_role.open");
  });

  it("reads a resource that only planned_values lists (a data source read while planning)", () => {
    const r = role("aws_iam_role.open");
    const data = { address: "data.aws_caller_identity.me", mode: "data", type: "aws_caller_identity", name: "me", provider_name: "registry.terraform.io/hashicorp/aws", values: { account_id: "111122223333" } };
    const text = plan({ planned: { root_module: { resources: [r, data] } }, changes: [change(r)] });
    sameModel(text);
    expect(loadDocument(parsePlanText(text), "p").resources.map((x) => x.address)).toContain("data.aws_caller_identity.me");
  });

  it("is not misled by member names a plan's values may use (planned_values, resource_changes, root_module, address)", () => {
    const tags = { planned_values: "x", resource_changes: "y", root_module: "z", address: "aws_iam_role.ghost" };
    const r = role("module.a.aws_iam_role.open", tags);
    const text = plan({
      variables: { v: { value: { planned_values: { root_module: 1 }, resource_changes: [] } } },
      planned: {
        outputs: { o: { sensitive: false, value: { root_module: { resources: [] }, resource_changes: "," } } },
        root_module: { child_modules: [{ address: "module.a", resources: [r] }] },
      },
      changes: [{ ...change(r), module_address: "module.a" }],
    });
    sameModel(text);
    // The tag named "address" names no resource with a change record: the whole of planned_values is read.
    expect(loadDocument(parsePlanText(text), "p").resources.map((x) => x.address)).toEqual(["module.a.aws_iam_role.open"]);
  });

  it("reads the last of duplicate planned_values members, as JSON.parse does", () => {
    const r = role("aws_iam_role.open");
    const other = role("aws_iam_role.other");
    const text = plan({ planned: { root_module: { resources: [r] } }, changes: [change(r)] });
    const duplicated = `${text.slice(0, -1)},"planned_values":${JSON.stringify({ root_module: { resources: [other] } })}}`;
    sameModel(duplicated);
    expect(loadDocument(parsePlanText(duplicated), "p").resources.map((x) => x.address)).toEqual(["aws_iam_role.open", "aws_iam_role.other"]);
  });

  it("reads escaped addresses (for_each keys) as the addresses they are", () => {
    const r = role('aws_iam_role.each["a\\"b"]');
    const text = plan({ planned: { root_module: { resources: [r] } }, changes: [change(r)] });
    expect((parsePlanText(text) as { planned_values: unknown }).planned_values).toEqual({});
    sameModel(text);
  });

  it("parses pretty-printed plans and other JSON whole, and refuses what is not JSON as JSON.parse does", () => {
    const r = role("aws_iam_role.open");
    const text = plan({ planned: { root_module: { resources: [r] } }, changes: [change(r)] });
    const pretty = JSON.stringify(JSON.parse(text), null, 2);
    expect(parsePlanText(pretty)).toEqual(JSON.parse(pretty));
    expect(parsePlanText('{"resource": {}}')).toEqual({ resource: {} });
    const truncated = text.slice(0, text.indexOf(',"resource_changes":') + 30);
    expect(() => parsePlanText(truncated)).toThrow(SyntaxError);
    const dir = tempDir("zsp-plan-text-");
    writeFileSync(join(dir, "plan.json"), truncated);
    const err: string[] = [];
    const code = main(["check", join(dir, "plan.json")], { stdout: { write: () => undefined }, stderr: { write: (s: string) => { err.push(s); } } });
    expect(code).toBe(2);
    expect(err.join("")).toMatch(/^zsp check: .*plan\.json is not JSON \(.+\)\n$/);
  });
});
