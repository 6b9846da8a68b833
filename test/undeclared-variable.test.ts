import { check, loadDocument } from "../modules/guard/engine";
import { NOW, allShapes, findings, tf } from "./helpers/shapes";

// A configuration that references a variable it never declares cannot be evaluated (Terraform refuses it):
// unknown is never clean, so the guard says ZSP000 on the block that references it, naming the variable.

const instance = (userData: string): Record<string, unknown> => ({
  aws_instance: { web: { ami: "ami-005e54dee72cc1d00", instance_type: "t3.micro", user_data_base64: userData } },
});

describe("ZSP000: a reference to a variable no block declares", () => {
  const undeclared = tf({ resource: instance("${var.init_script}") });

  it.each(allShapes(undeclared, { plan: false }))("is reported on the resource, naming the variable (%s)", (_shape, model) => {
    expect(findings(model, ["ZSP000"])).toEqual(["ZSP000 aws_instance.web"]);
    const f = check(model, { now: NOW }).findings.find((x) => x.rule === "ZSP000");
    expect(f?.message).toMatch(/references var\.init_script, which no variable block declares/);
    expect(f?.message).toMatch(/Fix: declare the variable/);
  });

  it.each(allShapes(tf({ resource: instance("${var.init_script}"), variable: { init_script: { type: "string" } } }), { plan: false }))(
    "a declared variable (even without a default) is not this finding (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP000"])).toEqual([]);
    });

  it("locals, outputs and module arguments are judged too; names inside other references are not variables", () => {
    const config = tf({
      resource: { aws_s3_bucket: { logs: { bucket: "${local.var.name}-logs" } } },
      locals: { prefix: "${var.prefix}-app" },
      output: { endpoint: { value: "${var.endpoint}" } },
      module: { app: { source: "./app", token: "${var.app_token}" } },
    });
    for (const [, model] of allShapes(config, { plan: false })) {
      const undeclared = check(model, { now: NOW }).findings.filter((f) => f.rule === "ZSP000" && /no variable block declares/.test(f.message));
      expect(undeclared.map((f) => `${f.address}: ${/references ([^,]+),/.exec(f.message)?.[1]}`).sort())
        .toEqual(["local.prefix: var.prefix", "module.app: var.app_token", "output.endpoint: var.endpoint"]);
    }
  });

  it("a plan is not judged: Terraform made it, so every variable was declared", () => {
    const plan = {
      format_version: "1.2", terraform_version: "1.9.8", variables: {},
      planned_values: { root_module: { resources: [{ address: "aws_instance.web", mode: "managed", type: "aws_instance", name: "web", provider_name: "registry.terraform.io/hashicorp/aws", values: { ami: "ami-1", instance_type: "t3.micro" } }] } },
      resource_changes: [],
      configuration: { root_module: { resources: [{ address: "aws_instance.web", mode: "managed", type: "aws_instance", name: "web", provider_config_key: "aws", expressions: { user_data_base64: { references: ["var.init_script"] } } }] } },
    };
    expect(findings(loadDocument(plan, "p"), ["ZSP000"])).toEqual([]);
  });
});
