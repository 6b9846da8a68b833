import { parse } from "@cdktf/hcl2json";
import { check, loadDocument } from "../modules/guard/engine";
import { NOW, allShapes, arrayForm, findings } from "./helpers/shapes";

// ZSP010 over what a module writes besides resources: locals, module call arguments, outputs and the
// state backend. Each case in the object form, the array form hcl2json writes, and (where a plan carries
// it: module calls and outputs) as a plan; each with a clean twin written the right way. A value from
// --var-file is not something the author wrote, and an expression that references a variable is no literal.

const PASSWORD = "Tr0ub4dor-and-3";
/** The AWS documentation's example secret access key: 40 characters of the key alphabet. */
const SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const PROVIDER = { aws: [{ region: "eu-west-1" }] };
const SENSITIVE = { db_password: { type: "string", sensitive: true }, api_token: { type: "string", sensitive: true } };
/** What a --var-file gives the sensitive variables. */
const VAR_FILE = { db_password: PASSWORD, api_token: "tok-8f2a9c7e1b55d0" };

interface Case {
  readonly name: string;
  readonly bad: Record<string, unknown>;
  readonly good: Record<string, unknown>;
  /** Where the finding sits, and what its message names. */
  readonly at: string;
  readonly names: RegExp;
  /** Whether a plan carries it (plans carry module calls and outputs, not locals or backends). */
  readonly plan: boolean;
}

const CASES: Case[] = [
  {
    name: "a password in locals",
    bad: { provider: PROVIDER, locals: { db_host: "db.internal", db_password: PASSWORD } },
    good: { provider: PROVIDER, variable: SENSITIVE, locals: { db_host: "db.internal", db_password: "${var.db_password}" } },
    at: "locals", names: /local\.db_password is a literal db password/, plan: false,
  },
  {
    name: "a client secret nested in a local object",
    bad: { provider: PROVIDER, locals: { oauth: { client_id: "payments", clientSecret: "C98D9F6O-1273-4E8A-B8D9" } } },
    good: { provider: PROVIDER, locals: { oauth: { client_id: "payments", client_secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:oauth" } } },
    at: "locals", names: /local\.oauth\.clientSecret/, plan: false,
  },
  {
    name: "a token passed to a module",
    bad: { provider: PROVIDER, module: { app: { source: "./app", name: "payments", api_token: "tok-8f2a9c7e1b55d0" } } },
    good: { provider: PROVIDER, variable: SENSITIVE, module: { app: { source: "./app", name: "payments", api_token: "${var.api_token}" } } },
    at: "module.app", names: /argument api_token is a literal api token/, plan: true,
  },
  {
    name: "a password in a script passed to a module through base64encode",
    bad: { provider: PROVIDER, module: { web: { source: "./web", user_data_base64: `\${base64encode("#!/bin/bash\\nexport DB_PASSWORD=${PASSWORD}\\n")}` } } },
    good: { provider: PROVIDER, module: { web: { source: "./web", user_data_base64: '${base64encode("#!/bin/bash\\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\\n")}' } } },
    at: "module.web", names: /argument user_data_base64 .*DB_PASSWORD/, plan: false,
  },
  {
    name: "a bare secret access key on a line of a module's user data",
    bad: { provider: PROVIDER, module: { web: { source: "./web", user_data: `#!/bin/bash\ncat > /etc/app/key <<EOF\n${SECRET_KEY}\nEOF\n` } } },
    good: { provider: PROVIDER, module: { web: { source: "./web", user_data: "#!/bin/bash\ngit -C /opt/app checkout 3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a\n" } } },
    at: "module.web", names: /bare 40-character key/, plan: true,
  },
  {
    name: "a literal password as an output",
    bad: { provider: PROVIDER, output: { db_password: { value: PASSWORD, sensitive: true } } },
    good: { provider: PROVIDER, variable: SENSITIVE, output: { db_password: { value: "${var.db_password}", sensitive: true } } },
    at: "output.db_password", names: /value is a literal db password/, plan: true,
  },
  {
    name: "an access key pair in the S3 backend",
    bad: { provider: PROVIDER, terraform: { backend: { s3: { bucket: "acme-state", key: "app.tfstate", region: "eu-west-1", access_key: "AKIAIOSFODNN7EXAMPLE", secret_key: SECRET_KEY } } } },
    good: { provider: PROVIDER, terraform: { backend: { s3: { bucket: "acme-state", key: "app.tfstate", region: "eu-west-1", use_lockfile: true, assume_role: { role_arn: "arn:aws:iam::111122223333:role/state-writer" } } } } },
    at: "terraform.backend.s3", names: /secret_key is a literal secret key/, plan: false,
  },
  {
    name: "a token in the HCP Terraform cloud block",
    bad: { provider: PROVIDER, terraform: { cloud: { organization: "acme", token: "kX9vQ2mR7tL4.atlasv1.p3Nw8sYd6Fh1Jc5Bz0Gq" } } },
    good: { provider: PROVIDER, terraform: { cloud: { organization: "acme", workspaces: { name: "payments" } } } },
    at: "terraform.cloud", names: /token is a literal token/, plan: false,
  },
];

describe("ZSP010 over locals, module call arguments, outputs and the backend", () => {
  describe.each(CASES)("$name", (c) => {
    it.each(allShapes(c.bad, { plan: c.plan }))("is found, naming where (%s)", (_shape, model) => {
      expect([...new Set(findings(model, ["ZSP010"]))]).toEqual([`ZSP010 ${c.at}`]);
      const messages = check(model, { now: NOW }).findings.filter((f) => f.rule === "ZSP010").map((f) => f.message);
      expect(messages.some((m) => c.names.test(m) && /Fix: /.test(m))).toBe(true);
    });
    it.each(allShapes(c.good, { variables: "variable" in c.good ? VAR_FILE : undefined }))("its clean twin passes, --var-file values included (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP010"])).toEqual([]);
    });
  });

  it("reads the array form exactly as hcl2json writes it from HCL", async () => {
    const hcl = `
terraform {
  backend "s3" {
    bucket     = "acme-state"
    key        = "app.tfstate"
    secret_key = "${SECRET_KEY}"
  }
}
locals {
  db_password = "${PASSWORD}"
}
module "app" {
  source    = "./app"
  api_token = "tok-8f2a9c7e1b55d0"
}
output "db_password" {
  value = "${PASSWORD}"
}
`;
    const json = (await parse("main.tf", hcl)) as Record<string, unknown>;
    const object = {
      terraform: { backend: { s3: { bucket: "acme-state", key: "app.tfstate", secret_key: SECRET_KEY } } },
      locals: { db_password: PASSWORD },
      module: { app: { source: "./app", api_token: "tok-8f2a9c7e1b55d0" } },
      output: { db_password: { value: PASSWORD } },
    };
    expect(arrayForm(object)).toEqual(json);
    expect(findings(loadDocument(json, "hcl"), ["ZSP010"]).sort()).toEqual(["ZSP010 locals", "ZSP010 module.app", "ZSP010 output.db_password", "ZSP010 terraform.backend.s3"]);
  });

  it("a --var-file value is never a literal secret, wherever the variable is used", () => {
    const config = {
      provider: PROVIDER,
      variable: { db_password: { type: "string" }, api_token: { type: "string" } },
      locals: { db_password: "${var.db_password}" },
      module: { app: { source: "./app", api_token: "${var.api_token}", db_password: "${local.db_password}" } },
      output: { api_token: { value: "${var.api_token}", sensitive: true } },
      resource: { aws_ssm_parameter: { db: { name: "/app/db", type: "SecureString", value: "${local.db_password}" } } },
    };
    for (const [, model] of allShapes(config, { variables: VAR_FILE })) expect(findings(model, ["ZSP010"])).toEqual([]);
  });

  it("several locals blocks are read as one: the finding sits on locals", () => {
    // A plan carries no locals; the configuration of the root module is what zsp reads for them.
    const model = loadDocument({ provider: PROVIDER, locals: [{ api_key: "k-8f2a9c7e1b" }, { region: "eu-west-1" }] }, "case");
    expect(findings(model, ["ZSP010"])).toEqual(["ZSP010 locals"]);
  });
});
