import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installConsumer, type Consumer } from "./helpers/consumer";

/**
 * A project laid out as `cdktf init --template=typescript` lays it out today: its tsconfig (module
 * CommonJS, so Node10 module resolution, which does not read `exports`), `constructs` 10.8 as it
 * installs it, `main.ts` importing both documented entry points. It compiles with that tsconfig
 * against the packed tarball and synthesizes.
 */
const ROOT = join(__dirname, "..");

/** The tsconfig.json `cdktf init --template=typescript` writes (cdktf-cli 0.21). */
const CDKTF_INIT_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true, declaration: true, experimentalDecorators: true, inlineSourceMap: true, inlineSources: true,
    lib: ["es2018"], module: "CommonJS", noEmitOnError: true, noFallthroughCasesInSwitch: true, noImplicitAny: true,
    noImplicitReturns: true, noImplicitThis: true, noUnusedLocals: true, noUnusedParameters: true, resolveJsonModule: true,
    strict: true, strictNullChecks: true, strictPropertyInitialization: true, stripInternal: true, target: "ES2018",
    incremental: true, skipLibCheck: true,
  },
  include: ["**/*.ts"],
  exclude: ["node_modules", "cdktf.out"],
};

const MAIN = `import { Construct } from "constructs";
import { App, TerraformStack } from "cdktf";
import { JitRole, WorkloadIdentity, ZspGuard, ZspProfile, grant } from "cdktf-zsp";
import { awsProvider } from "cdktf-zsp/provider-shim";

class MyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    ZspProfile.apply(this, { allowedRegions: ["eu-west-1"] });
    const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "first stack" };
    awsProvider(this, {
      region: "eu-west-1",
      allowedAccountIds: ["111122223333"],
      assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "first-stack", sourceIdentity: "first-stack" },
      ownership,
    });
    new JitRole(this, "deploy", {
      roleName: "payments-deploy",
      ownership,
      identities: [WorkloadIdentity.githubActions({
        providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        repo: "acme/payments",
        environment: "production",
      })],
      grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
    });
  }
}

const app = new App();
new MyStack(app, "first-stack");
ZspGuard.apply(app);
app.synth();
`;

describe("a project made by cdktf init --template=typescript", () => {
  let consumer: Consumer;

  beforeAll(() => {
    consumer = installConsumer({
      dependencies: ["cdktf", { name: "constructs", from: "constructs-10-8" }, "@cdktf/provider-aws", "@cdktf/provider-vault", "@types/node"],
      files: {
        "tsconfig.json": JSON.stringify(CDKTF_INIT_TSCONFIG, null, 2),
        "main.ts": MAIN,
        "cdktf.json": JSON.stringify({ language: "typescript", app: "npx ts-node main.ts", terraformProviders: [], terraformModules: [], context: {} }),
      },
    });
  }, 120000);

  it("installs constructs 10.8 next to cdktf-zsp", () => {
    expect(consumer.versions["constructs"]).toMatch(/^10\.8\./);
  });

  it("compiles main.ts under that tsconfig (Node10 resolution) and synthesizes", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const compiled = (() => {
      try {
        return { code: 0, out: execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: consumer.dir, encoding: "utf8" }) };
      } catch (e) {
        return { code: 1, out: String((e as { stdout?: string }).stdout) };
      }
    })();
    expect(compiled).toEqual({ code: 0, out: "" });
    execFileSync(process.execPath, ["main.js"], { cwd: consumer.dir, encoding: "utf8" });
    const json = JSON.parse(readFileSync(join(consumer.dir, "cdktf.out", "stacks", "first-stack", "cdk.tf.json"), "utf8")) as {
      resource: { aws_iam_role: Record<string, { name: string; path: string }> };
    };
    expect(Object.values(json.resource.aws_iam_role).map((r) => [r.name, r.path])).toEqual([["payments-deploy", "/zsp/jit/"]]);
  });
});
