import { parse } from "@cdktf/hcl2json";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check, loadDocument } from "../modules/guard/engine";
import type { Finding, TfModel } from "../modules/guard/model";
import { tempDir } from "./helpers/temp";

const ROOT = join(__dirname, "..");
const BIN = join(ROOT, "dist", "cli", "bin.js");
const NOW = new Date("2026-12-02T00:00:00Z");
const TAGS = { "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example", "zsp:purpose": "deploy", "zsp:access": "jit" };
const TAGS_HCL = `{ "zsp:owner" = "team-payments", "zsp:contact" = "payments-oncall@acme.example", "zsp:purpose" = "deploy", "zsp:access" = "jit" }`;

function zsp(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const brief = (fs: readonly Finding[]): string[] => fs.filter((f) => f.rule !== "ZSP012").map((f) => `${f.rule} ${f.severity} ${f.address}`);
const findings = (model: TfModel): string[] => brief(check(model, { now: NOW }).findings);
/** HCL as hcl2json converts it: the array form of Terraform's JSON syntax. */
const arrayForm = async (hcl: string): Promise<Record<string, unknown>> => (await parse("main.tf", hcl)) as Record<string, unknown>;

/** The object form of the same configuration: every one-element block list unwrapped, as people and cdktf write it. */
function objectForm(json: unknown, depth = 0): unknown {
  if (Array.isArray(json)) return json.length === 1 && depth < 4 && typeof json[0] === "object" ? objectForm(json[0], depth) : json;
  if (typeof json !== "object" || json === null || depth >= 4) return json;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, objectForm(v, depth + 1)]));
}

const GITHUB_ROLE = (sub: string, extra = ""): string => `
${extra}
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  tags           = ${TAGS_HCL}
}
resource "aws_iam_role" "deploy" {
  name = "\${local.prefix}-deploy"
  path = "/zsp/jit/"
  tags = ${TAGS_HCL}
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${replace(aws_iam_openid_connect_provider.github.url, "https://", "")}:aud" = "sts.amazonaws.com"
        }
        StringLike = {
          "\${replace(aws_iam_openid_connect_provider.github.url, "https://", "")}:sub" = ${sub}
        }
      }
    }]
  })
}
locals {
  prefix = "payments"
}
`;

describe("values: expressions are evaluated where their inputs are known", () => {
  it.each([
    ["the array form hcl2json writes", false],
    ["the object form", true],
  ])("jsonencode of literals, replace() of a literal attribute, locals and templates, in %s", async (_name, unwrap) => {
    const json = await arrayForm(GITHUB_ROLE(`"repo:acme/payments:environment:production"`));
    const model = loadDocument(unwrap ? objectForm(json) : json, "github");
    const role = model.resources.find((r) => r.address === "aws_iam_role.deploy");
    expect(role?.values.name).toBe("payments-deploy");
    expect(JSON.parse(role?.values.assume_role_policy as string)).toEqual({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow", Principal: { Federated: "${aws_iam_openid_connect_provider.github.arn}" }, Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" }, StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } },
      }],
    });
    expect(findings(model)).toEqual([]);
  });

  it("a variable is judged by its default, or by --var-file values", async () => {
    const json = await arrayForm(GITHUB_ROLE("var.sub", `variable "sub" {\n  default = "repo:acme/*"\n}`));
    expect(findings(loadDocument(json, "github"))).toEqual(["ZSP003 error aws_iam_role.deploy"]);
    expect(findings(loadDocument(json, "github", { variables: { sub: "repo:acme/payments:environment:production" } }))).toEqual([]);
  });

  it("what stays unknown is never clean: a variable without default inside jsonencode is ZSP000", async () => {
    const json = await arrayForm(`
variable "actions" {}
resource "aws_iam_policy" "p" {
  tags = ${TAGS_HCL}
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })
}`);
    const result = check(loadDocument(json, "x"), { now: NOW }).findings.filter((f) => f.rule !== "ZSP012");
    expect(result.map((f) => `${f.rule} ${f.address}`)).toContain("ZSP000 aws_iam_policy.p");
    expect(result.find((f) => f.rule === "ZSP000")?.message).toMatch(/\$\{var\.actions\}/);
  });

  it("evaluates the common pure functions; unsupported ones and unknown inputs stay unknown", async () => {
    const json = await arrayForm(`
variable "env" {
  default = "Prod"
}
variable "secret" {}
locals {
  base   = { team = "payments" }
  names  = ["b", "a", "b"]
  merged = merge(local.base, { env = lower(var.env) })
  joined = join(",", toset(local.names))
  fmt    = format("%s-%03s-%d", "x", "y", 7)
  list   = concat(tolist(["x"]), [upper("y")], [for n in local.names : "n-\${n}" if n != "a"])
  first  = coalesce("", null, "c")
  dec    = jsondecode("{\\"a\\": [1, 2]}").a[1]
  cond   = var.env == "Prod" ? "yes" : "no"
  str    = tostring(42)
  part   = "arn:aws:s3:::\${var.secret}/\${local.base.team}"
  file   = file("x.json")
  cycle  = local.cycle
}`);
    const model = loadDocument(json, "x");
    const value = (name: string): unknown => model.locals.find((l) => l.name === name)?.value;
    expect(value("merged")).toEqual({ team: "payments", env: "prod" });
    expect(value("joined")).toBe("a,b");
    expect(value("list")).toEqual(["x", "Y", "n-b", "n-b"]);
    expect(value("first")).toBe("c");
    expect(value("dec")).toBe(2);
    expect(value("cond")).toBe("yes");
    expect(value("str")).toBe("42");
    // Unknown parts keep their source as a ${...} string; known parts around them are filled in.
    expect(value("part")).toBe("arn:aws:s3:::${var.secret}/payments");
    expect(value("file")).toBe('${file("x.json")}');
    expect(value("cycle")).toBe("${local.cycle}");
    expect(value("fmt")).toBe("${format(\"%s-%03s-%d\", \"x\", \"y\", 7)}");
  });

  it("model: locals, outputs, module calls with their arguments, backend, variables", async () => {
    const json = await arrayForm(`
locals {
  region = "eu-west-1"
}
variable "token" {
  sensitive = true
}
module "ci" {
  source  = "./ci"
  region  = local.region
  token   = var.token
}
output "region" {
  value = "\${local.region}-x"
}
terraform {
  backend "s3" {
    bucket = "acme-state"
  }
}`);
    const model = loadDocument(json, "x");
    expect(model.locals).toEqual([{ address: "local.region", name: "region", module: "", config: "eu-west-1", value: "eu-west-1", sensitive: false }]);
    expect(model.outputs.map((o) => [o.address, o.value])).toEqual([["output.region", "eu-west-1-x"]]);
    expect(model.moduleCalls).toEqual([{
      address: "module.ci", name: "ci", module: "", source: "./ci", opaque: true,
      config: { region: "${local.region}", token: "${var.token}" }, values: { region: "eu-west-1", token: "${var.token}" },
    }]);
    expect(model.backends).toEqual([{ address: "terraform.backend.s3", type: "s3", config: { bucket: "acme-state" } }]);
    expect(model.variables).toEqual([{ address: "var.token", name: "token", sensitive: true }]);
  });
});

describe("plans: after is authoritative, after_unknown parts are unknown", () => {
  const FIXTURE = join(__dirname, "fixtures", "plans", "github-oidc-first-apply.plan.json");
  const plan = (): Record<string, any> => JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, any>;

  it("a first-apply plan of a GitHub OIDC provider and its role: the trust's condition keys come from after, not the replace(...url...) reference", () => {
    const model = loadDocument(plan(), "plan");
    expect(findings(model)).toEqual([]);
    // The principal ARN is unknown until apply: the configuration's reference stands for it (still an expression).
    const doc = model.resources.find((r) => r.address === "data.aws_iam_policy_document.github_trust");
    expect((doc?.values.statement as Array<{ principals: Array<{ identifiers: unknown }> }>)[0]?.principals[0]?.identifiers).toBe("${aws_iam_openid_connect_provider.github.arn}");
  });

  it("the same plan with a subject wider than one repository in after is still caught", () => {
    const json = plan();
    json.resource_changes[0].change.after.statement[0].condition[1] = { test: "StringLike", values: ["repo:acme/*"], variable: "token.actions.githubusercontent.com:sub" };
    expect(findings(loadDocument(json, "plan"))).toEqual(["ZSP003 error aws_iam_role.deploy"]);
  });

  it("variables take the plan's values; module calls keep their arguments", () => {
    const json = plan();
    json.variables = { sub: { value: "repo:acme/payments:environment:production" } };
    json.configuration.root_module.variables = { sub: { default: "repo:acme/*", description: "subject" } };
    json.configuration.root_module.module_calls = { ci: { source: "./ci", expressions: { password: { constant_value: "hunter2" }, region: { references: ["var.region"] } }, module: {} } };
    const model = loadDocument(json, "plan");
    expect(model.variables).toEqual([{ address: "var.sub", name: "sub", sensitive: false, default: "repo:acme/*", value: "repo:acme/payments:environment:production" }]);
    expect(model.moduleCalls).toEqual([{ address: "module.ci", name: "ci", module: "", source: "./ci", opaque: false, config: { password: "hunter2", region: "${var.region}" }, values: { password: "hunter2", region: "${var.region}" } }]);
  });
});

describe("zsp check reads one root module from a directory of *.tf.json files, and --var-file", () => {
  const dir = tempDir("zsp-root-");
  const write = (name: string, json: unknown): string => {
    writeFileSync(join(dir, name), typeof json === "string" ? json : JSON.stringify(json));
    return join(dir, name);
  };
  write("variables.tf.json", { variable: { sub: [{ default: "repo:acme/*" }] } });
  write("trust.tf.json", { data: { aws_iam_policy_document: { trust: [{ statement: [{ actions: ["sts:AssumeRoleWithWebIdentity"], principals: [{ type: "Federated", identifiers: ["arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"] }],
    condition: [{ test: "StringEquals", variable: "token.actions.githubusercontent.com:aud", values: ["sts.amazonaws.com"] }, { test: "StringLike", variable: "token.actions.githubusercontent.com:sub", values: ["${var.sub}"] }] }] }] } } });
  write("main.tf.json", { resource: { aws_iam_role: { deploy: { name: "deploy", path: "/zsp/jit/", tags: TAGS, assume_role_policy: "${data.aws_iam_policy_document.trust.json}" } } } });
  write("locals.tf.json", { locals: [{ team: "payments" }] });
  write("notes.json", { not: "terraform" });
  const exact = write("exact.tfvars.json", { sub: "repo:acme/payments:environment:production" });

  it("merges the files: the trust document in one file judges the role in another", () => {
    const r = zsp("check", dir, "--format", "json");
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { findings: Finding[] }).findings.map((f) => `${f.rule} ${f.address} ${f.stack}`)).toEqual([
      `ZSP003 aws_iam_role.deploy ${require("node:path").basename(dir)}`,
    ]);
    expect(r.code).toBe(1);
  });

  it("--var-file gives the variable the value terraform plan would get", () => {
    const r = zsp("check", dir, "--var-file", exact);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: "zsp check passed: 0 error(s), 0 warning(s), 0 suppressed in 1 input (1 resources)\n", stderr: "" });
  });

  it("an override file replaces the arguments it names", () => {
    const sub = tempDir("zsp-override-");
    for (const f of ["variables.tf.json", "trust.tf.json", "main.tf.json"]) writeFileSync(join(sub, f), readFileSync(join(dir, f), "utf8"));
    writeFileSync(join(sub, "override.tf.json"), JSON.stringify({ variable: { sub: { default: "repo:acme/payments:ref:refs/heads/main" } } }));
    expect(zsp("check", sub).code).toBe(0);
  });

  it("SARIF points each finding at the file that declares its block, and the line, in both forms of the JSON syntax", () => {
    const split = tempDir("zsp-sarif-");
    const pretty = (name: string, json: unknown): void => writeFileSync(join(split, name), `${JSON.stringify(json, null, 2)}\n`);
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }] });
    pretty("providers.tf.json", { provider: { aws: [{ region: "eu-west-1" }] } });
    // The array form @cdktf/hcl2json writes; the role is also named by an override file, which is not where it is declared.
    pretty("roles.tf.json", { resource: [{ aws_iam_role: [{ other: [{ name: "other", path: "/zsp/jit/", tags: TAGS, assume_role_policy: trust.replace("444455556666:root", "111122223333:role/ci") }] }, { deploy: [{ name: "deploy", path: "/zsp/jit/", tags: TAGS, assume_role_policy: trust }] }] }] });
    pretty("users.tf.json", { resource: { aws_iam_user: { ci: { name: "ci", tags: TAGS } } } });
    pretty("roles_override.tf.json", { resource: { aws_iam_role: { deploy: { max_session_duration: 3600 } } } });
    const r = zsp("check", split, "--format", "sarif");
    expect(r.stderr).toBe("");
    const results = (JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: Array<{ fullyQualifiedName: string }> }> }> }> }).runs[0]?.results ?? [];
    const where = (rule: string, address: string): string => {
      const at = results.find((x) => x.ruleId === rule && x.locations[0]?.logicalLocations[0]?.fullyQualifiedName === address)?.locations[0]?.physicalLocation;
      if (at === undefined) return `no ${rule} on ${address}`;
      const file = at.artifactLocation.uri.split("/").pop() as string;
      return `${file}: ${readFileSync(join(split, file), "utf8").split("\n")[at.region.startLine - 1]?.trim()}`;
    };
    expect(where("ZSP002", "aws_iam_role.deploy")).toBe('roles.tf.json: "deploy": [');
    expect(where("ZSP001", "aws_iam_user.ci")).toBe('users.tf.json: "ci": {');
  });

  const other = tempDir("zsp-bad-");
  const put = (name: string, text: string): string => {
    writeFileSync(join(other, name), text);
    return join(other, name);
  };
  it("a file with only locals is valid configuration", () => {
    const f = put("only-locals.tf.json", JSON.stringify({ locals: { a: "b" } }));
    expect(zsp("check", f).code).toBe(0);
    expect(zsp("report", f).code).toBe(0);
  });

  const deep = put("deep.json", `{"resource":${"[".repeat(2000)}${"]".repeat(2000)}}`);
  const notJson = put("bad.tfvars.json", "{ nope");
  const list = put("list.tfvars.json", "[1]");
  const undeclared = put("undeclared.tfvars.json", JSON.stringify({ region: "eu-west-1" }));
  const empty = tempDir("zsp-nojson-");
  writeFileSync(join(empty, "main.tf"), 'resource "aws_iam_user" "x" {}\n');
  it.each([
    [[empty], `zsp check: no Terraform JSON found in ${empty}: expected a cdktf.out directory (manifest.json or stacks/<name>/cdk.tf.json), *.tf.json configuration files or a plan JSON file (native *.tf files are not read: convert them with hcl2json)\n`],
    [[deep], `zsp check: ${deep} nests arrays/objects deeper than 256 levels (input); the guard does not read it\n`],
    [[dir, "--var-file", notJson], new RegExp(`^zsp check: --var-file ${notJson.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not JSON \\(.*\\)\\n$`)],
    [[dir, "--var-file", list], `zsp check: --var-file ${list} is not a JSON object of variable values\n`],
    [[dir, "--var-file", undeclared], `zsp check: --var-file sets variable "region", which no configuration in ${dir} declares (declared: sub)\n`],
    [[dir, "--var-file"], "zsp check: --var-file needs a value (run zsp --help)\n"],
  ] as Array<[string[], string | RegExp]>)("bad input exits 2 with one line: %j", (args, stderr) => {
    const r = zsp("check", ...args);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 2, stderr: typeof stderr === "string" ? stderr : expect.stringMatching(stderr) });
  });
});
