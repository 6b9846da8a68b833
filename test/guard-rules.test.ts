import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { resolveProfile } from "../modules/core/profile";
import { RULES, RULE_IDS } from "../modules/guard/catalogue";
import { GuardInputError, check, loadDocument } from "../modules/guard/engine";
import type { Finding, TfModel } from "../modules/guard/model";
import { isExpired } from "../modules/guard/suppressions";
import { UsageReport, parseUsage } from "../modules/guard/usage";
import { tempDir } from "./helpers/temp";

const DIR = join(__dirname, "fixtures");
const NOW = new Date("2026-12-02T00:00:00Z");

function load(file: string): TfModel {
  return loadDocument(JSON.parse(readFileSync(join(DIR, file), "utf8")) as unknown, "fixture");
}
/** Opt-in rules read evidence besides the input: their fixtures carry it as rules/<id>.<bad|good>.usage.json. */
function usageOf(rule: string, kind: "bad" | "good"): { usage?: UsageReport } {
  const file = join(DIR, "rules", `${rule}.${kind}.usage.json`);
  return existsSync(file) ? { usage: parseUsage(JSON.parse(readFileSync(file, "utf8")) as unknown) } : {};
}
const brief = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.rule} ${f.severity} ${f.address}${f.suppressed ? " (suppressed)" : ""}`);

/** What each violating fixture must produce, exactly, in both shapes. */
const EXPECTED: Record<string, string[]> = {
  ZSP000: ["ZSP000 warning aws_iam_role_policy.dynamic"],
  ZSP001: [
    "ZSP001 error aws_cloudformation_stack.legacy-json", "ZSP001 error aws_cloudformation_stack.legacy-yaml", "ZSP001 error aws_cloudformation_stack_set.org-users",
    "ZSP001 error aws_iam_access_key.ci", "ZSP001 error aws_iam_group_membership.deployers", "ZSP001 error aws_iam_policy_attachment.ci-readonly",
    "ZSP001 error aws_iam_service_specific_credential.ci", "ZSP001 error aws_iam_signing_certificate.ci", "ZSP001 error aws_iam_user.ci",
    "ZSP001 error aws_iam_user_policy.ci", "ZSP001 error aws_iam_user_ssh_key.ci",
  ],
  ZSP002: [
    "ZSP002 error aws_iam_role.anchor-only", "ZSP002 error aws_iam_role.any-cert", "ZSP002 error aws_iam_role.open", "ZSP002 error aws_iam_role.root",
    "ZSP002 error aws_iam_role.saml", "ZSP002 error aws_iam_role.user-trust",
  ],
  ZSP003: ["ZSP003 error aws_iam_role.no-aud", "ZSP003 error aws_iam_role.sub-from-variable", "ZSP003 error aws_iam_role.sub-if-exists", "ZSP003 error aws_iam_role.wide-sub"],
  ZSP004: ["ZSP004 error aws_iam_role.long"],
  ZSP005: [
    "ZSP005 error aws_iam_group_policy.ops", "ZSP005 error aws_iam_policy.everything", "ZSP005 error aws_iam_policy.everything",
    "ZSP005 error aws_iam_policy.put-anywhere", "ZSP005 error aws_iam_role_policy.partial",
    "ZSP005 error aws_iam_role_policy.wide", "ZSP005 error aws_iam_role_policy.wide", "ZSP005 warning aws_iam_role_policy.wide",
    "ZSP005 error aws_iam_role_policy_attachment.s3-full", "ZSP005 error aws_iam_role_policy_attachment.s3-full",
  ],
  ZSP006: [
    "ZSP006 error aws_iam_group_policy_attachment.ops-admin", "ZSP006 error aws_iam_policy_attachment.iam-full", "ZSP006 error aws_iam_role.iam-admin",
    // IAMFullAccess (iam:* by its document) completes every IAM-only escalation path: one ZSP016 per path.
    ...Array.from({ length: 18 }, () => "ZSP016 error aws_iam_role.iam-admin"),
    "ZSP006 error aws_iam_role_policy_attachment.admin", "ZSP006 error aws_iam_role_policy_attachment.power",
  ],
  ZSP007: [
    "ZSP007 error provider.vault", "ZSP007 error vault_database_secret_backend_role.etl-readonly",
    "ZSP007 error vault_jwt_auth_backend_role.nightly-report", "ZSP007 error vault_jwt_auth_backend_role.nightly-report",
    "ZSP007 error vault_mount.aws-jit", "ZSP007 error vault_mount.aws-jit", "ZSP007 error vault_token.ci",
  ],
  ZSP008: ["ZSP008 error vault_aws_secret_backend_role.legacy"],
  ZSP009: ["ZSP009 error vault_database_secret_backend_role.etl-readonly"],
  ZSP010: ["ZSP010 error provider.vault", "ZSP010 error var.db_password", "ZSP010 error vault_database_secrets_mount.db-jit"],
  ZSP011: ["ZSP011 error aws_iam_role.break-glass-admin", "ZSP011 error aws_iam_role.break-glass-admin", "ZSP011 error aws_iam_role.break-glass-admin"],
  ZSP012: ["ZSP012 error aws_s3_bucket.partial", "ZSP012 error aws_s3_bucket.reports"],
  ZSP013: [
    "ZSP013 error aws_iam_role.payments-db-migration", "ZSP005 error aws_iam_role_policy.legacy",
    "ZSP013 error fixture/legacy", "ZSP013 error fixture/legacy",
  ],
  ZSP014: [
    "ZSP014 error provider.aws.long", "ZSP014 error provider.aws.static",
    "ZSP014 error provider.vault.approle", "ZSP014 error provider.vault.static", "ZSP014 error provider.vault.static",
  ],
  ZSP015: ["ZSP015 error vault_policy.admin", "ZSP015 error vault_policy.admin", "ZSP015 error vault_policy.sys", "ZSP015 error vault_policy.sys"],
  ZSP016: ["ZSP016 error aws_iam_role.ci-deployer", "ZSP016 error aws_iam_role.ci-deployer"],
  ZSP017: [
    "ZSP017 error aws_ecr_repository_policy.api", "ZSP017 error aws_kms_key.shared", "ZSP017 error aws_lambda_permission.invoke",
    "ZSP017 error aws_s3_bucket_policy.reports", "ZSP017 error aws_secretsmanager_secret_policy.db", "ZSP017 error aws_sns_topic_policy.events",
    "ZSP017 error aws_sqs_queue_policy.jobs",
  ],
  ZSP018: [
    "ZSP018 error vault_approle_auth_backend_role.forever", "ZSP018 error vault_aws_auth_backend_role.account",
    "ZSP018 error vault_jwt_auth_backend_role.any-sa", "ZSP018 error vault_jwt_auth_backend_role.no-aud", "ZSP018 error vault_kubernetes_auth_backend_role.any",
  ],
  ZSP019: ["ZSP019 warning aws_iam_role.payments-deploy"],
};

/**
 * The fixtures' payments-deploy (the github-deploy example's role) may update the code of the
 * function payments-api, which they do not define: ZSP016 warns that the role the code runs as is
 * unknown (docs/rules.md, ZSP016). Every fixture with that role shows this one warning, and the
 * corpus asserts it there rather than repeating it in each entry.
 */
const OUTSIDE_FUNCTION = "ZSP016 warning aws_iam_role.payments-deploy";
/**
 * Fixtures without it: ZSP005.bad and ZSP006.bad (payments-deploy is admin there, so it escalates to nothing),
 * ZSP019.good (its payments-deploy no longer holds lambda:UpdateFunctionCode) and those without payments-deploy.
 */
const WITHOUT_OUTSIDE_FUNCTION = new Set(["ZSP005.bad", "ZSP006.bad", "ZSP016.bad", "ZSP016.good", "ZSP017.bad", "ZSP017.good", "ZSP018.bad", "ZSP018.good", "ZSP019.good"]);
const updatesOutsideFunction = (file: string): boolean => !WITHOUT_OUTSIDE_FUNCTION.has(file.replace(/^rules\//, "").replace(/\.(tf|plan)\.json$/, ""));
const withoutOutsideFunction = (fs: readonly Finding[]): Finding[] => fs.filter((f) => `${f.rule} ${f.severity} ${f.address}` !== OUTSIDE_FUNCTION);
const apartFromOutsideFunction = (file: string, lines: string[]): string[] => {
  expect(lines.includes(OUTSIDE_FUNCTION)).toBe(updatesOutsideFunction(file));
  return lines.filter((l) => l !== OUTSIDE_FUNCTION);
};

describe("rule corpus: every rule, violating and clean, in both input shapes", () => {
  it("covers every rule id", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...RULE_IDS]);
  });

  describe.each(Object.keys(EXPECTED))("%s", (rule) => {
    const config = load(`rules/${rule}.bad.tf.json`);
    it.each(["tf.json", "plan.json"])("violating %s finds exactly the expected rules at the expected addresses", (ext) => {
      const model = ext === "tf.json" ? config : load(`rules/${rule}.bad.${ext}`);
      // Suppressions travel in the synth output; a plan of the same stack honours them with --suppressions.
      const result = check(model, { now: NOW, suppressionsFrom: ext === "plan.json" ? [config] : [], ...usageOf(rule, "bad") });
      expect(apartFromOutsideFunction(`rules/${rule}.bad.${ext}`, brief(result.findings))).toEqual(EXPECTED[rule]);
      expect(model.shape).toBe(ext === "tf.json" ? "config" : "plan");
    });
    it.each(["tf.json", "plan.json"])("clean %s has no unsuppressed finding", (ext) => {
      const goodConfig = load(`rules/${rule}.good.tf.json`);
      const model = ext === "tf.json" ? goodConfig : load(`rules/${rule}.good.${ext}`);
      const result = check(model, { now: NOW, suppressionsFrom: ext === "plan.json" ? [goodConfig] : [], ...usageOf(rule, "good") });
      expect(apartFromOutsideFunction(`rules/${rule}.good.${ext}`, brief(result.findings.filter((f) => !f.suppressed)))).toEqual([]);
    });
  });

  it("messages say what is wrong and how to fix it", () => {
    const [f] = check(load("rules/ZSP003.bad.tf.json"), { now: NOW }).findings;
    expect(f?.message).toBe(
      'OIDC trust for token.actions.githubusercontent.com has no exact aud condition: tokens minted for any audience are accepted. Fix: add StringEquals { "token.actions.githubusercontent.com:aud": "<audience>" } (sts.amazonaws.com for GitHub Actions).',
    );
    const wide = check(load("rules/ZSP003.bad.tf.json"), { now: NOW }).findings.find((x) => x.address === "aws_iam_role.wide-sub");
    expect(wide?.message).toMatch(/matches sub repo:acme\/\*, wider than one repository/);
  });

  it("a suppression marks its finding as suppressed, with reason, owner and expiry", () => {
    const result = check(load("rules/ZSP013.good.tf.json"), { now: NOW });
    expect(withoutOutsideFunction(result.findings)).toEqual([expect.objectContaining({
      rule: "ZSP005", address: "aws_iam_role_policy.legacy", constructPath: "fixture/legacy/policy",
      suppressed: { reason: "legacy bucket, migrating in CHG-4900", owner: "team-payments", expires: "2026-12-02" },
    })]);
  });

  it("the expiry day is inclusive, in UTC; the day after, the suppression is an error and stops suppressing", () => {
    const model = load("rules/ZSP013.good.tf.json");
    const lastMoment = check(model, { now: new Date("2026-12-02T23:59:59.999Z") });
    expect(brief(withoutOutsideFunction(lastMoment.findings))).toEqual(["ZSP005 error aws_iam_role_policy.legacy (suppressed)"]);
    const after = check(model, { now: new Date("2026-12-03T00:00:00Z") });
    expect(brief(withoutOutsideFunction(after.findings))).toEqual(["ZSP005 error aws_iam_role_policy.legacy", "ZSP013 error fixture/legacy"]);
    expect(withoutOutsideFunction(after.findings)[1]?.message).toMatch(/^suppression of ZSP005 on fixture\/legacy \(owner team-payments\) expired on 2026-12-02; it covers nothing/);
  });

  it("fails closed on expiry dates that are not real dates", () => {
    const early = new Date("2000-01-01T00:00:00Z");
    for (const bad of ["2026-02-30", "2026-13-01", "tomorrow", "2026-1-1", "", undefined, 20261201]) expect(isExpired(bad, early)).toBe(true);
    expect(isExpired("2026-02-28", early)).toBe(false);
    const message = check(load("rules/ZSP013.bad.tf.json"), { now: early }).findings.find((f) => f.message.includes("2026-02-30"))?.message;
    expect(message).toMatch(/has an expiry that is not a real YYYY-MM-DD date \("2026-02-30"\), so it counts as expired/);
  });

  it("the window rule follows the clock it is given", () => {
    const model = load("rules/ZSP013.bad.tf.json");
    const before = check(model, { now: new Date("2026-12-01T05:59:59Z") });
    expect(before.findings.filter((f) => f.address === "aws_iam_role.payments-db-migration")).toEqual([]);
    const warning = check(model, { now: NOW, profile: resolveProfile({ expiredWindow: "warning" }, "test") });
    expect(warning.findings.find((f) => f.address === "aws_iam_role.payments-db-migration")?.severity).toBe("warning");
  });

  it("ZSP013 severity is exactly as docs/rules.md says: windows follow expiredWindow (error by default), suppressions are always errors", () => {
    const model = load("rules/ZSP013.bad.tf.json");
    const severities = (expiredWindow?: "error" | "warning"): string[] =>
      brief(check(model, { now: NOW, ...(expiredWindow ? { profile: resolveProfile({ expiredWindow }, "test") } : {}) }).findings).filter((f) => f.startsWith("ZSP013"));
    expect(severities()).toEqual(["ZSP013 error aws_iam_role.payments-db-migration", "ZSP013 error fixture/legacy", "ZSP013 error fixture/legacy"]);
    expect(severities("warning")).toEqual(["ZSP013 warning aws_iam_role.payments-db-migration", "ZSP013 error fixture/legacy", "ZSP013 error fixture/legacy"]);
    expect(RULES.ZSP013.severity).toBe("error");
  });

  it("a DateLessThanEquals window still grants at its end instant; a DateLessThan window does not", () => {
    const raw = readFileSync(join(DIR, "rules/ZSP013.bad.tf.json"), "utf8");
    const window = (text: string, at: string): string[] =>
      check(loadDocument(JSON.parse(text) as unknown, "w"), { now: new Date(at) }).findings.filter((f) => f.address === "aws_iam_role.payments-db-migration").map((f) => f.rule);
    const equals = raw.replace(/DateLessThan\\"/g, 'DateLessThanEquals\\"');
    expect(equals).not.toBe(raw);
    expect(window(raw, "2026-12-01T06:00:00Z")).toEqual(["ZSP013"]);
    expect(window(equals, "2026-12-01T06:00:00Z")).toEqual([]);
    expect(window(equals, "2026-12-01T06:00:00.001Z")).toEqual(["ZSP013"]);
  });

  it("thresholds come from the profile: the embedded one, or the one given", () => {
    const model = load("rules/ZSP004.bad.tf.json");
    expect(brief(withoutOutsideFunction(check(model, { now: NOW, profile: resolveProfile({ maxSession: "2h" }, "test") }).findings))).toEqual([]);
    const raw = JSON.parse(readFileSync(join(DIR, "rules/ZSP007.bad.tf.json"), "utf8")) as { "//": Record<string, unknown> };
    raw["//"].zsp = { profile: { maxLease: "4h" } };
    const embedded = check(loadDocument(raw, "x"), { now: NOW });
    expect(brief(embedded.findings)).not.toContain("ZSP007 error vault_database_secret_backend_role.etl-readonly");
  });
});

describe("plan fixtures", () => {
  it("are exactly what test/fixtures/to-plan.js writes for their configurations (regenerate them after editing a *.tf.json)", () => {
    const out = tempDir("zsp-to-plan-");
    const r = spawnSync(process.execPath, [join(DIR, "to-plan.js"), out], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const written = readdirSync(out).sort();
    expect(written).toEqual(readdirSync(join(DIR, "rules")).filter((f) => f.endsWith(".plan.json")).sort());
    for (const f of written) expect([f, readFileSync(join(out, f), "utf8")]).toEqual([f, readFileSync(join(DIR, "rules", f), "utf8")]);
  });
});

describe("plan input", () => {
  it("addresses resources and providers in nested modules as the plan does", () => {
    const result = check(load("plans/modules.plan.json"), { now: NOW });
    expect(brief(result.findings)).toEqual([
      "ZSP000 warning aws_iam_role_policy.app",
      "ZSP001 error module.ci.aws_iam_user.deployer",
      "ZSP012 error module.ci.aws_iam_user.deployer",
      "ZSP002 error module.ci.module.roles.aws_iam_role.worker[0]",
      "ZSP014 error module.ci.provider.aws",
      "ZSP014 error provider.aws",
    ]);
    // a deleted access key is going away, and the trust deferred to apply is read from the configuration
    expect(result.resources).toBe(4);
  });

  it("finds a resource's provider configuration by provider_config_key (Terraform) or provider_config_keys (OpenTofu)", () => {
    const plan = (keyField: Record<string, unknown>, tags: Record<string, string>): unknown => ({
      format_version: "1.2",
      resource_changes: [{ address: "module.ci.aws_s3_bucket.b", module_address: "module.ci", mode: "managed", type: "aws_s3_bucket", name: "b",
        change: { actions: ["create"], before: null, after: { bucket: "b" }, after_unknown: { tags_all: true } } }],
      configuration: {
        provider_config: { "module.ci:aws": { name: "aws", module_address: "module.ci", expressions: { default_tags: [{ tags: { constant_value: tags } }] } } },
        root_module: { module_calls: { ci: { module: { resources: [{ address: "aws_s3_bucket.b", mode: "managed", type: "aws_s3_bucket", name: "b", ...keyField, expressions: {} }] } } } },
      },
    });
    const owned = { "zsp:owner": "o", "zsp:contact": "c", "zsp:purpose": "p", "zsp:access": "jit" };
    for (const keyField of [{ provider_config_key: "module.ci:aws" }, { provider_config_keys: ["module.ci:aws"] }]) {
      expect(brief(check(loadDocument(plan(keyField, owned), "p"), { now: NOW }).findings)).toEqual([]);
      expect(brief(check(loadDocument(plan(keyField, {}), "p"), { now: NOW }).findings)).toEqual(["ZSP012 error module.ci.aws_s3_bucket.b"]);
    }
  });

  it("checks resources whose planning Terraform deferred (deferred_changes) too", () => {
    const plan = {
      format_version: "1.2", planned_values: { root_module: {} }, resource_changes: [],
      deferred_changes: [{ reason: "instance_count_unknown", resource_change: { address: "aws_iam_user.later[\"a\"]", mode: "managed", type: "aws_iam_user", name: "later",
        change: { actions: ["create"], before: null, after: { name: "a" }, after_unknown: { arn: true, tags_all: true } } } }],
      configuration: { root_module: {} },
    };
    expect(brief(check(loadDocument(plan, "p"), { now: NOW }).findings)).toContain('ZSP001 error aws_iam_user.later["a"]');
  });

  it("values unknown until apply never crash a rule and never count as clean", () => {
    const plan = {
      format_version: "1.2",
      resource_changes: [
        "aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_iam_role_policy_attachment", "vault_policy",
        "vault_aws_secret_backend_role", "vault_database_secret_backend_role", "vault_jwt_auth_backend_role", "vault_mount", "aws_s3_bucket",
      ].map((type) => ({ address: `${type}.x`, mode: "managed", type, name: "x", change: { actions: ["create"], before: null, after: {}, after_unknown: { assume_role_policy: true, policy: true, role: true, tags: true, tags_all: true, max_session_duration: true, revocation_statements: true, token_ttl: true, token_max_ttl: true, default_ttl: true, max_ttl: true, default_sts_ttl: true, max_sts_ttl: true, default_lease_ttl_seconds: true, max_lease_ttl_seconds: true, policy_arn: true } } })),
    };
    const result = check(loadDocument(plan, "unknowns"), { now: NOW });
    const rules = new Set(result.findings.map((f) => `${f.rule} ${f.address}`));
    for (const address of ["aws_iam_role.x", "aws_iam_role_policy.x", "aws_iam_policy.x", "vault_policy.x", "aws_s3_bucket.x", "vault_mount.x"]) {
      expect([...rules].some((r) => r.startsWith("ZSP000") && r.endsWith(` ${address}`))).toBe(true);
    }
    expect(rules.has("ZSP000 (plan)")).toBe(true);
  });
});

describe("policy documents as Terraform state writes them", () => {
  it("empty not_actions / not_resources lists (unset set arguments) negate nothing", () => {
    const tags = { "zsp:owner": "o", "zsp:contact": "c", "zsp:purpose": "p", "zsp:access": "jit" };
    const doc = (statement: Record<string, unknown>): unknown => ({
      data: { aws_iam_policy_document: { d: { statement: [{ effect: "Allow", resources: ["arn:aws:s3:::b/*"], ...statement }] } } },
      resource: { aws_iam_policy: { p: { name: "p", policy: "${data.aws_iam_policy_document.d.json}", tags } } },
    });
    expect(brief(check(loadDocument(doc({ actions: ["s3:GetObject"], not_actions: [], not_resources: [] }), "x"), { now: NOW }).findings)).toEqual([]);
    expect(brief(check(loadDocument(doc({ not_actions: ["s3:DeleteObject"] }), "x"), { now: NOW }).findings)).toEqual(["ZSP005 error aws_iam_policy.p"]);
  });
});

describe("shape detection is by content", () => {
  it.each([
    [{ format_version: "1.2", planned_values: {} }, "plan"],
    [{ format_version: "1.2", resource_changes: [] }, "plan"],
    [{ resource: {} }, "config"],
    [{ variable: { x: {} } }, "config"],
    [{ terraform: {} }, "config"],
  ])("%j is %s", (json, shape) => {
    expect(loadDocument(json, "x").shape).toBe(shape);
  });

  it.each([[{}], [[]], [{ format_version: "1.2" }], [{ resources: [] }], ["text"], [null]])("%j is refused", (json) => {
    expect(() => loadDocument(json, "x")).toThrow(GuardInputError);
  });
});
