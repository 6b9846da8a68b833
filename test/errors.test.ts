import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZSP_ERROR_CODES, grant, isZspError } from "../modules";
import { jitApp } from "./helpers/jit";
import { refusalOf } from "./helpers/refusal";
import { tempDir } from "./helpers/temp";

const ROOT = join(__dirname, "..");
const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const OWNERSHIP = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "errors test" };

function role(change: (stack: TerraformStack) => Record<string, unknown>): void {
  const stack = new TerraformStack(jitApp(), "s");
  new JitRole(stack, "deploy", {
    roleName: "payments-deploy",
    ownership: OWNERSHIP,
    identities: [WorkloadIdentity.githubActions({ providerArn: PROVIDER, repo: "acme/payments", environment: "production" })],
    grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
    ...change(stack),
  });
}

describe("ZspError codes", () => {
  it("a string where grant expects a list of actions says it expected a list, with code E_SHAPE", () => {
    const e = refusalOf(() => role(() => ({ grants: [grant("s3:GetObject" as never, ["arn:aws:s3:::acme-payments-artifacts/*"])] })));
    expect({ code: e.code, prop: e.prop, problem: e.problem }).toEqual({ code: "E_SHAPE", prop: "grants[0].actions", problem: 'expected a list (array), got the string "s3:GetObject"' });
  });

  it("a string where a JitRole expects a list of grants is E_SHAPE, an empty list is E_INVALID", () => {
    expect(refusalOf(() => role(() => ({ grants: "s3:GetObject" }))).code).toBe("E_SHAPE");
    const empty = refusalOf(() => role(() => ({ grants: [] })));
    expect({ code: empty.code, problem: empty.problem }).toEqual({ code: "E_INVALID", problem: "a JIT role without grants has nothing to do" });
  });

  it("a Terraform variable where a literal is needed says it must be a literal known at synth (E_NOT_LITERAL)", () => {
    const e = refusalOf(() => role((stack) => ({
      identities: [WorkloadIdentity.githubActions({ providerArn: PROVIDER, repo: new TerraformVariable(stack, "repo", { type: "string" }).stringValue, environment: "production" })],
    })));
    expect(e.code).toBe("E_NOT_LITERAL");
    expect(e.message).toMatch(/^s\/deploy: invalid identities\[0\]\.repo: must be a literal known at synth: got a Terraform token/);
    expect(e.message).not.toContain("is not one repository");
  });

  it("a duration above the profile is E_PROFILE", () => {
    expect(refusalOf(() => role(() => ({ maxSession: "2h" }))).code).toBe("E_PROFILE");
  });

  it("every ZspError carries a code, and docs/errors.md lists every code", () => {
    const doc = readFileSync(join(ROOT, "docs", "errors.md"), "utf8");
    const listed = [...doc.matchAll(/^\| `(E_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed).toEqual([...ZSP_ERROR_CODES]);
    const e = refusalOf(() => role(() => ({ roleName: "no spaces allowed" })));
    expect(ZSP_ERROR_CODES).toContain(e.code);
    expect(isZspError(e)).toBe(true);
    expect(isZspError(new Error("x"))).toBe(false);
  });
});

describe("an uncaught ZspError in a cdktf app", () => {
  const dir = tempDir("zsp-errors-");
  const app = join(dir, "main.js");
  writeFileSync(app, `
    const { App, TerraformStack } = require(${JSON.stringify(join(ROOT, "dist", "provider-shim", "core.js"))});
    const { JitRole, WorkloadIdentity, grant } = require(${JSON.stringify(join(ROOT, "dist", "modules"))});
    const app = new App({ outdir: ${JSON.stringify(join(dir, "out"))} });
    const stack = new TerraformStack(app, "main");
    new JitRole(stack, "deploy", {
      roleName: "payments-deploy",
      ownership: ${JSON.stringify(OWNERSHIP)},
      identities: [WorkloadIdentity.githubActions({ providerArn: ${JSON.stringify(PROVIDER)}, repo: "acme/payments", environment: "production" })],
      grants: [grant("s3:GetObject", ["arn:aws:s3:::acme-payments-artifacts/*"])],
    });
    app.synth();`);
  const run = (env: Record<string, string>): { status: number | null; stderr: string } =>
    spawnSync(process.execPath, [app], { encoding: "utf8", env: { ...process.env, ZSP_DEBUG: "", ...env } });

  it("prints one line with its code and exits 1", () => {
    const r = run({});
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 1,
      stderr: 'ZspError [E_SHAPE]: main/deploy: invalid grants[0].actions: expected a list (array), got the string "s3:GetObject". Fix: give a list, e.g. ["s3:GetObject"]\n',
    });
  });

  it("prints Node's stack trace with ZSP_DEBUG=1", () => {
    const r = run({ ZSP_DEBUG: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ZspError: main/deploy: invalid grants[0].actions");
    expect(r.stderr).toMatch(/\n\s+at validateGrant \(/);
  });
});
