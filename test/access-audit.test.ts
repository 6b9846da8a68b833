import { TerraformStack, Testing } from "../provider-shim/core";
import { AccessAudit, AccessAuditProps, ZspError } from "../modules";
import { BreakGlassStack } from "../examples/break-glass";
import { TfJson, testApp } from "./helpers/synth";
import { awsStack, cloudTrailFixture, parseJson } from "./helpers/aws";
import { refusalOf } from "./helpers/refusal";
import { resourcesOf } from "./helpers/jit";
import { matchesPattern } from "../modules/core/event-pattern";

type Resources = Record<string, Record<string, Record<string, unknown>>>;

const example = JSON.parse(Testing.synth(new BreakGlassStack(testApp(), "break-glass"))) as TfJson;
const rules = resourcesOf(example, "aws_cloudwatch_event_rule").filter((r) => String(r.name).startsWith("zsp-audit-"));
const rule = (stream: string, region: string): Record<string, unknown> => {
  const found = rules.find((r) => r.name === `zsp-audit-${stream}` && r.region === region);
  if (found === undefined) throw new Error(`no ${stream} rule in ${region}`);
  return found;
};
const pattern = (stream: string, region = "us-east-1"): Record<string, unknown> => parseJson(rule(stream, region).event_pattern);

const events = {
  assume: cloudTrailFixture("assume-role-break-glass.json"),
  use: cloudTrailFixture("stop-instances-by-break-glass-session.json"),
  revoke: cloudTrailFixture("put-role-policy-kill-switch.json"),
  create: cloudTrailFixture("create-role-jit.json"),
  change: cloudTrailFixture("update-assume-role-policy.json"),
};

function build(props: Partial<AccessAuditProps>): TfJson {
  const stack = awsStack();
  new AccessAudit(stack, "audit", { ownership: { owner: "team-sec", contact: "secops@acme.example", purpose: "audit" }, account: "111122223333", ...props });
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

function refusal(props: Partial<AccessAuditProps>): ZspError {
  return refusalOf(() => build(props));
}

describe("AccessAudit in the break-glass example", () => {
  it("writes each stream to its own log group with retention, IAM streams only in us-east-1", () => {
    const groups = resourcesOf(example, "aws_cloudwatch_log_group").map((g) => `${String(g.region)} ${String(g.name)} ${String(g.retention_in_days)}`).sort();
    expect(groups).toEqual([
      "eu-west-1 /zsp/audit/issuance 365",
      "eu-west-1 /zsp/audit/use 365",
      "us-east-1 /zsp/audit/approval 365",
      "us-east-1 /zsp/audit/issuance 365",
      "us-east-1 /zsp/audit/revocation 365",
      "us-east-1 /zsp/audit/use 365",
    ]);
    for (const g of resourcesOf(example, "aws_cloudwatch_log_group")) expect(g.tags).toMatchObject({ "zsp:access": "audit", "zsp:owner": "team-payments" });
  });

  it("targets each rule at its stream's log group (and revocation also at the alert topic)", () => {
    const targets = resourcesOf(example, "aws_cloudwatch_event_target");
    for (const r of rules) {
      const stream = String(r.name).replace("zsp-audit-", "");
      const own = targets.filter((t) => t.region === r.region && String(t.rule).startsWith(`\${aws_cloudwatch_event_rule.audit_${String(r.region)}_${stream}-rule_`));
      expect(own.length).toBeGreaterThan(0);
      const kinds = own.map((t) => (String(t.arn).startsWith("${aws_cloudwatch_log_group.") ? "logs" : String(t.arn).startsWith("${aws_sns_topic.") ? "sns" : "other")).sort();
      expect({ rule: `${String(r.region)} ${String(r.name)}`, kinds }).toEqual({ rule: `${String(r.region)} ${String(r.name)}`, kinds: r.name === "zsp-audit-revocation" ? ["logs", "sns"] : ["logs"] });
    }
  });

  it("reads read-only management events for issuance and use (AssumeRole is read-only)", () => {
    for (const r of rules) {
      const readOnly = r.name === "zsp-audit-issuance" || r.name === "zsp-audit-use";
      expect({ name: r.name, state: r.state }).toEqual({ name: r.name, state: readOnly ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED" });
    }
  });

  it("lets EventBridge write to the audit log groups only", () => {
    const policies = resourcesOf(example, "aws_cloudwatch_log_resource_policy");
    expect(policies.map((p) => p.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    for (const p of policies) {
      const [statement] = parseJson(p.policy_document).Statement as Array<Record<string, unknown>>;
      expect(statement).toMatchObject({
        Principal: { Service: ["events.amazonaws.com", "delivery.logs.amazonaws.com"] },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      });
      const resources = statement?.Resource as string[];
      expect(resources.length).toBeGreaterThanOrEqual(2);
      for (const arn of resources) expect(arn).toMatch(/^\$\{aws_cloudwatch_log_group\.audit_.+\.arn\}:\*$/);
    }
  });

  describe("each stream's pattern selects its own events and not the others'", () => {
    const expected: Record<string, Array<keyof typeof events>> = {
      approval: ["create"],
      issuance: ["assume"],
      use: ["use"],
      revocation: ["revoke"],
    };
    it.each(Object.entries(expected))("%s", (stream, matching) => {
      for (const [name, event] of Object.entries(events)) {
        const shouldMatch = (matching as string[]).includes(name);
        expect({ stream, event: name, matches: matchesPattern(pattern(stream), event) }).toEqual({ stream, event: name, matches: shouldMatch });
      }
    });

    it("issuance also catches the break-glass role named without its path, and GetFederationToken", () => {
      const p = pattern("issuance", "eu-west-1");
      const pathless = { ...events.assume, detail: { ...events.assume.detail, requestParameters: { roleArn: "arn:aws:iam::111122223333:role/break-glass-admin", roleSessionName: "x" } } };
      expect(matchesPattern(p, pathless)).toBe(true);
      const outside = { ...events.assume, detail: { ...events.assume.detail, requestParameters: { roleArn: "arn:aws:iam::111122223333:role/ops/other", roleSessionName: "x" }, responseElements: null } };
      expect(matchesPattern(p, outside)).toBe(false);
      const federation = { ...events.assume, detail: { ...events.assume.detail, eventName: "GetFederationToken", requestParameters: { name: "bob" } } };
      expect(matchesPattern(p, federation)).toBe(true);
    });

    it("use ignores sessions of roles outside /zsp/", () => {
      const identity = events.use.detail.userIdentity as Record<string, Record<string, unknown>>;
      const outsider = {
        ...events.use,
        detail: { ...events.use.detail, userIdentity: { ...identity, sessionContext: { ...identity.sessionContext, sessionIssuer: { arn: "arn:aws:iam::111122223333:role/ops/admin" } } } },
      };
      expect(matchesPattern(pattern("use", "eu-west-1"), outsider)).toBe(false);
    });

    it("approval records zsp:ticket re-tagging, revocation records role deletion", () => {
      const retag = { ...events.create, detail: { ...events.create.detail, eventName: "TagRole", requestParameters: { roleName: "payments-db-migration", tags: [{ key: "zsp:ticket", value: "CHG-4900" }] } } };
      expect(matchesPattern(pattern("approval"), retag)).toBe(true);
      const otherTag = { ...retag, detail: { ...retag.detail, requestParameters: { roleName: "x", tags: [{ key: "team", value: "x" }] } } };
      expect(matchesPattern(pattern("approval"), otherTag)).toBe(false);
      const deletion = { ...events.change, detail: { ...events.change.detail, eventName: "DeleteRole", requestParameters: { roleName: "payments-deploy" } } };
      expect(matchesPattern(pattern("revocation"), deletion)).toBe(true);
    });
  });
});

describe("AccessAudit options and refusals", () => {
  it("creates a multi-region trail with log file validation when asked", () => {
    const json = build({ trail: { name: "zsp-audit", s3BucketName: "acme-cloudtrail-111122223333" } });
    expect(resourcesOf(json, "aws_cloudtrail")[0]).toMatchObject({
      name: "zsp-audit",
      s3_bucket_name: "acme-cloudtrail-111122223333",
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
    });
  });

  it("honours per-stream retention and refuses values CloudWatch Logs does not accept", () => {
    const json = build({ streamRetentionDays: { use: 90 } });
    const use = resourcesOf(json, "aws_cloudwatch_log_group").filter((g) => g.name === "/zsp/audit/use");
    expect(use.map((g) => g.retention_in_days)).toEqual([90, 90]);
    expect(refusal({ retentionDays: 0 }).message).toContain("test/audit: invalid props.retentionDays: 0 is not a CloudWatch Logs retention");
    expect(refusal({ streamRetentionDays: { approval: 100 } }).prop).toBe("props.streamRetentionDays.approval");
  });

  it("refuses an alert without streams, a bad path prefix and a bad bucket", () => {
    expect(refusal({ alert: { streams: [], emails: ["secops@acme.example"] } }).problem).toBe("alert is set but names no stream");
    expect(refusal({ alert: { streams: ["use"] } }).problem).toContain("no alert target");
    expect(refusal({ pathPrefix: "zsp" }).problem).toBe('"zsp" is not an IAM path prefix');
    expect(refusal({ trail: { name: "zsp-audit", s3BucketName: "Not_A_Bucket" } }).prop).toBe("props.trail.s3BucketName");
    expect(refusal({ trail: { name: "a", s3BucketName: "acme-cloudtrail" } }).message).toBe('test/audit: invalid props.trail.name: "a" is not a CloudTrail trail name. Fix: use 3-128 letters, digits, . _ -');
    expect(refusal({ alert: { streams: ["usage" as never], emails: ["secops@acme.example"] } }).message).toBe('test/audit: invalid props.alert.streams: "usage" is not an audit stream. Fix: use approval, issuance, use, revocation');
  });

  it("refuses props of the wrong shape with a ZspError naming the prop (never a TypeError)", () => {
    expect(refusal({ roles: "break-glass-admin" as never }).message).toBe(
      'test/audit: invalid props.roles: expected a list (array), got the string "break-glass-admin". Fix: give a list, e.g. [breakGlass], or leave it out',
    );
    expect(refusal({ roles: [null as never] }).message).toBe("test/audit: invalid props.roles[0]: is not a role of this library (no roleName). Fix: pass JitRole or BreakGlassRole constructs");
    expect(refusal({ alert: { streams: "revocation" as never, emails: ["secops@acme.example"] } }).prop).toBe("props.alert.streams");
    expect(refusal({ alert: { streams: ["revocation"], emails: "secops@acme.example" as never } }).problem).toBe('expected a list (array), got the string "secops@acme.example"');
    expect(refusal({ alert: null as never }).message).toContain("test/audit: invalid props.alert: expected an object, got null");
    expect(refusal({ trail: null as never }).message).toContain("test/audit: invalid props.trail: expected an object, got null");
    expect(() => new AccessAudit(new TerraformStack(testApp(), "s"), "audit", undefined as never)).toThrow("s/audit: invalid props: expected an object, got nothing (undefined). Fix: give at least { ownership }");
  });

  it("reads the account from data.aws_caller_identity when not given", () => {
    const json = build({ account: undefined });
    expect(Object.keys((json.data as Resources).aws_caller_identity ?? {})).toHaveLength(1);
    const use = resourcesOf(json, "aws_cloudwatch_event_rule").find((r) => r.name === "zsp-audit-use");
    expect(String(use?.event_pattern)).toContain("${data.aws_caller_identity.zsp-caller-identity.account_id}");
  });
});
