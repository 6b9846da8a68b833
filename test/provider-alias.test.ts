/**
 * A resource bound to a provider alias no provider block declares is
 * reported (ZSP000: which account it lands in cannot be evaluated), in the
 * object and array forms of Terraform JSON, across a directory's files, and
 * in `terraform show -json` plans (`provider_config_key`); its clean twin
 * (the alias declared) is clean.
 */
import { check, loadDocument, loadRootModule } from "../modules/guard/engine";
import type { TfModel } from "../modules/guard/model";
import { NOW, bothShapes, findings, planOf } from "./helpers/shapes";

const OWNER = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "test", "zsp:access": "jit" };
const TOPIC = { name: "alerts", tags: OWNER, provider: "aws.prod" };
const PROD = { alias: "prod", region: "eu-west-1" };

/** Object form: a default provider, maybe the `prod` alias, and an SNS topic bound to aws.prod. */
function objectForm(declareProd: boolean): Record<string, unknown> {
  return {
    provider: { aws: [{ region: "eu-west-1" }, ...(declareProd ? [PROD] : [])] },
    resource: { aws_sns_topic: { alerts: TOPIC } },
    data: { aws_caller_identity: { prod: { provider: "aws.prod" } } },
  };
}

/** The same in the array form (what hcl2json writes), with the alias as an interpolation. */
function arrayForm(declareProd: boolean): Record<string, unknown> {
  return {
    provider: [{ aws: [{ region: "eu-west-1" }] }, ...(declareProd ? [{ aws: [PROD] }] : [])],
    resource: [{ aws_sns_topic: [{ alerts: [{ ...TOPIC, provider: "${aws.prod}" }] }] }],
    data: [{ aws_caller_identity: [{ prod: [{ provider: "${aws.prod}" }] }] }],
  };
}

const zsp000 = (model: TfModel): string[] => findings(model, ["ZSP000"]);

describe("ZSP000: a resource bound to an undeclared provider alias", () => {
  it.each(bothShapes(objectForm(false)))("is reported on the resource and the data source (%s)", (_shape, model) => {
    expect(zsp000(model)).toEqual(["ZSP000 aws_sns_topic.alerts", "ZSP000 data.aws_caller_identity.prod"]);
  });

  it.each(bothShapes(objectForm(true)))("is clean when a provider block declares the alias (%s)", (_shape, model) => {
    expect(zsp000(model)).toEqual([]);
  });

  it("reads the array form, with the alias as an interpolation", () => {
    expect(zsp000(loadDocument(arrayForm(false), "a"))).toEqual(["ZSP000 aws_sns_topic.alerts", "ZSP000 data.aws_caller_identity.prod"]);
    expect(zsp000(loadDocument(arrayForm(true), "a"))).toEqual([]);
  });

  it("judges a directory as one module: the alias may be declared in another file", () => {
    const { provider: _p, ...rest } = objectForm(false);
    const providers = { provider: { aws: [{ region: "eu-west-1" }, PROD] } };
    expect(zsp000(loadRootModule([{ json: rest }, { json: providers }], "dir"))).toEqual([]);
    expect(zsp000(loadRootModule([{ json: rest }, { json: { provider: { aws: [{ region: "eu-west-1" }] } } }], "dir"))).toEqual(["ZSP000 aws_sns_topic.alerts", "ZSP000 data.aws_caller_identity.prod"]);
  });

  it("reads a plan's provider_config_key and names the alias and the fix", () => {
    const plan = planOf(objectForm(false));
    expect(plan.configuration.root_module.resources.find((r: { address: string }) => r.address === "aws_sns_topic.alerts").provider_config_key).toBe("aws.prod");
    const result = check(loadDocument(plan, "plan"), { now: NOW }).findings.filter((f) => f.rule === "ZSP000" && f.address === "aws_sns_topic.alerts");
    expect(result.map((f) => f.severity)).toEqual(["warning"]);
    expect(result[0]?.message).toContain('bound to provider aws.prod, but no provider "aws" block declares alias "prod"');
    expect(result[0]?.message).toContain('Fix: declare the provider with alias = "prod"');
  });
});
