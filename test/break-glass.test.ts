import { TerraformStack, Testing, Token } from "../provider-shim/core";
import { AlertTopic, BreakGlassRole, BreakGlassRoleProps, PolicyStatement, ZspError } from "../modules";
import { BreakGlassStack } from "../examples/break-glass";
import { TfJson, testApp } from "./helpers/synth";
import { awsStack, cloudTrailFixture, parseJson } from "./helpers/aws";
import { refusalOf } from "./helpers/refusal";
import { resourcesOf } from "./helpers/jit";
import { evaluateTrust } from "./helpers/iam";
import { matchesPattern } from "../modules/core/event-pattern";

const ROLE_ARN = "arn:aws:iam::111122223333:role/zsp/break-glass/break-glass-admin";
const COMMANDER = "arn:aws:iam::444455556666:role/incident-commander";
const GOOD_CONTEXT = {
  "aws:MultiFactorAuthPresent": "true",
  "aws:MultiFactorAuthAge": "120",
  "sts:SourceIdentity": "alice@acme.example",
  "aws:RequestedRegion": "eu-west-1",
  "aws:CurrentTime": "2026-12-03T10:00:00Z",
};

const without = (context: Record<string, string>, key: string): Record<string, string> => Object.fromEntries(Object.entries(context).filter(([k]) => k !== key));

// The example, synthesized once.
// The profile of cdktf.json: only eu-west-1 allowed; us-east-1 is the documented exception for IAM events.
const example = JSON.parse(Testing.synth(new BreakGlassStack(testApp({ allowedRegions: ["eu-west-1"], ticketPattern: "^[A-Z]+-[0-9]+$" }), "break-glass"))) as TfJson;
const role = resourcesOf(example, "aws_iam_role")[0] as Record<string, unknown>;
const trust = parseJson(role.assume_role_policy);

/** Builds a stack with an eu-west-1 provider and a break-glass role with `overrides`. */
function build(overrides: Partial<BreakGlassRoleProps> | ((p: BreakGlassRoleProps) => BreakGlassRoleProps)): TfJson {
  const stack = awsStack();
  const base: BreakGlassRoleProps = {
    roleName: "break-glass-admin",
    account: "111122223333",
    trustedPrincipals: [COMMANDER],
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "emergency admin" },
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
    alert: { emails: ["secops@acme.example"] },
  };
  const props = typeof overrides === "function" ? overrides(base) : { ...base, ...overrides };
  new BreakGlassRole(stack, "bg", props);
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

function refusal(overrides: Partial<BreakGlassRoleProps> | ((p: BreakGlassRoleProps) => BreakGlassRoleProps)): ZspError {
  return refusalOf(() => build(overrides));
}

describe("example break-glass: the role", () => {
  it("is break-glass-admin under /zsp/break-glass/ with 1 h sessions, AdministratorAccess and break-glass ownership tags", () => {
    expect(role).toMatchObject({
      name: "break-glass-admin",
      path: "/zsp/break-glass/",
      max_session_duration: 3600,
      tags: { "zsp:access": "break-glass", "zsp:owner": "team-payments", "zsp:contact": "payments-oncall@acme.example" },
    });
    expect(resourcesOf(example, "aws_iam_role_policy_attachment").map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(resourcesOf(example, "aws_iam_role_policy_attachments_exclusive")[0]).toMatchObject({ policy_arns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
    expect(resourcesOf(example, "aws_iam_role_policies_exclusive")[0]).toMatchObject({ policy_names: [] });
  });

  it("trusts only the incident commander, with MFA, a source identity and the watched regions", () => {
    expect(trust).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ZspBreakGlassTrust",
          Effect: "Allow",
          Principal: { AWS: COMMANDER },
          Action: ["sts:AssumeRole", "sts:SetSourceIdentity"],
          Condition: {
            Bool: { "aws:MultiFactorAuthPresent": "true" },
            NumericLessThanEquals: { "aws:MultiFactorAuthAge": "900" },
            StringLike: { "sts:SourceIdentity": "*" },
            StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] },
          },
        },
      ],
    });
  });
});

describe("trust policy evaluation (iam-simulate)", () => {
  it("allows the incident commander with fresh MFA and a source identity, for AssumeRole and SetSourceIdentity", async () => {
    expect(await evaluateTrust(trust, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: GOOD_CONTEXT })).toBe("Allowed");
    expect(await evaluateTrust(trust, { principal: COMMANDER, action: "sts:SetSourceIdentity", roleArn: ROLE_ARN, context: GOOD_CONTEXT })).toBe("Allowed");
    expect(await evaluateTrust(trust, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: { ...GOOD_CONTEXT, "aws:RequestedRegion": "us-east-1" } })).toBe("Allowed");
  });

  it.each([
    ["without MFA", without(GOOD_CONTEXT, "aws:MultiFactorAuthPresent")],
    ["with MFA explicitly false", { ...GOOD_CONTEXT, "aws:MultiFactorAuthPresent": "false" }],
    ["with stale MFA (age 901 s)", { ...GOOD_CONTEXT, "aws:MultiFactorAuthAge": "901" }],
    ["without an MFA age", without(GOOD_CONTEXT, "aws:MultiFactorAuthAge")],
    ["without a source identity", without(GOOD_CONTEXT, "sts:SourceIdentity")],
    ["through an STS endpoint in an unwatched region", { ...GOOD_CONTEXT, "aws:RequestedRegion": "ap-southeast-2" }],
  ])("denies the incident commander %s", async (_name, context) => {
    expect(await evaluateTrust(trust, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context })).toBe("ImplicitlyDenied");
  });

  it.each([
    ["another role in the same account", "arn:aws:iam::444455556666:role/developer"],
    ["a user in the same account", "arn:aws:iam::444455556666:user/incident-commander"],
    ["the same role name in another account", "arn:aws:iam::999988887777:role/incident-commander"],
    ["a role in the role's own account", "arn:aws:iam::111122223333:role/admin"],
  ])("denies %s even with MFA and a source identity", async (_name, principal) => {
    expect(await evaluateTrust(trust, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal, context: GOOD_CONTEXT })).toBe("ImplicitlyDenied");
  });

  describe("with an arming window", () => {
    const armed = parseJson(resourcesOf(build({ armed: { notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-03T21:00:00Z" } }), "aws_iam_role")[0]?.assume_role_policy);

    it("writes aws:CurrentTime bounds into the trust", () => {
      expect((armed.Statement as Array<{ Condition: Record<string, unknown> }>)[0]?.Condition).toMatchObject({
        DateGreaterThan: { "aws:CurrentTime": "2026-12-03T09:00:00Z" },
        DateLessThan: { "aws:CurrentTime": "2026-12-03T21:00:00Z" },
      });
    });

    it.each([
      ["inside the window", "2026-12-03T10:00:00Z", "Allowed"],
      ["before the window", "2026-12-03T08:59:59Z", "ImplicitlyDenied"],
      ["after the window (it disarms itself)", "2026-12-03T21:00:01Z", "ImplicitlyDenied"],
    ])("%s → %s", async (_name, now, decision) => {
      expect(await evaluateTrust(armed, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: { ...GOOD_CONTEXT, "aws:CurrentTime": now } })).toBe(decision);
    });
  });

  it("enforces a source identity pattern when given", async () => {
    const pinned = parseJson(resourcesOf(build({ sourceIdentityPattern: "*@acme.example" }), "aws_iam_role")[0]?.assume_role_policy);
    expect(await evaluateTrust(pinned, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: GOOD_CONTEXT })).toBe("Allowed");
    expect(await evaluateTrust(pinned, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: { ...GOOD_CONTEXT, "sts:SourceIdentity": "mallory@evil.example" } })).toBe("ImplicitlyDenied");
  });
});

describe("example break-glass: the use alert", () => {
  const rules = resourcesOf(example, "aws_cloudwatch_event_rule");
  const assumeRules = rules.filter((r) => r.name === "break-glass-admin-assumed");
  const assumeEvent = cloudTrailFixture("assume-role-break-glass.json");

  it("watches AssumeRole in eu-west-1 and in us-east-1 (STS global endpoint), including read-only management events", () => {
    expect(assumeRules.map((r) => r.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
    for (const rule of assumeRules) expect(rule.state).toBe("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  });

  it("matches the captured CloudTrail AssumeRole event for the role", () => {
    for (const rule of assumeRules) expect(matchesPattern(parseJson(rule.event_pattern), assumeEvent)).toBe(true);
  });

  it("matches a refused attempt and a role ARN given without its path", () => {
    const detail = assumeEvent.detail as Record<string, unknown>;
    const refused = { ...assumeEvent, detail: { ...detail, errorCode: "AccessDenied", responseElements: null } };
    const pathless = { ...assumeEvent, detail: { ...detail, requestParameters: { ...(detail.requestParameters as object), roleArn: "arn:aws:iam::111122223333:role/break-glass-admin" } } };
    const pattern = parseJson(assumeRules[0]?.event_pattern);
    expect(matchesPattern(pattern, refused)).toBe(true);
    expect(matchesPattern(pattern, pathless)).toBe(true);
  });

  it("does not match the same event for another role", () => {
    const detail = assumeEvent.detail as Record<string, unknown>;
    const other = {
      ...assumeEvent,
      detail: {
        ...detail,
        requestParameters: { ...(detail.requestParameters as object), roleArn: "arn:aws:iam::111122223333:role/zsp/jit/payments-deploy" },
        responseElements: { assumedRoleUser: { assumedRoleId: "AROAX:alice", arn: "arn:aws:sts::111122223333:assumed-role/payments-deploy/alice" } },
      },
    };
    const lookalike = {
      ...assumeEvent,
      detail: { ...detail, requestParameters: { ...(detail.requestParameters as object), roleArn: "arn:aws:iam::111122223333:role/not-break-glass-admin" }, responseElements: null },
    };
    for (const rule of assumeRules) {
      expect(matchesPattern(parseJson(rule.event_pattern), other)).toBe(false);
      expect(matchesPattern(parseJson(rule.event_pattern), lookalike)).toBe(false);
    }
  });

  it("alerts on changes to the role in us-east-1, where IAM events are delivered", () => {
    const change = rules.filter((r) => r.name === "break-glass-admin-changed");
    expect(change.map((r) => r.region)).toEqual(["us-east-1"]);
    const event = cloudTrailFixture("update-assume-role-policy.json");
    expect(matchesPattern(parseJson(change[0]?.event_pattern), event)).toBe(true);
    const detail = event.detail as Record<string, unknown>;
    expect(matchesPattern(parseJson(change[0]?.event_pattern), { ...event, detail: { ...detail, requestParameters: { roleName: "payments-deploy" } } })).toBe(false);
    expect(matchesPattern(parseJson(assumeRules[0]?.event_pattern), event)).toBe(false);
  });

  it("sends every rule to an SNS topic break-glass-alerts in its region, encrypted with a rotating CMK EventBridge may use", () => {
    const topics = resourcesOf(example, "aws_sns_topic").filter((t) => t.name === "break-glass-alerts");
    expect(topics.map((t) => [t.name, t.region]).sort()).toEqual([["break-glass-alerts", "eu-west-1"], ["break-glass-alerts", "us-east-1"]]);
    for (const topic of topics) {
      expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
      expect(String(topic.kms_master_key_id)).not.toContain("alias/aws/sns");
    }
    for (const key of resourcesOf(example, "aws_kms_key")) {
      // every alert key in the stack (break-glass and audit) must admit EventBridge
      expect(key.enable_key_rotation).toBe(true);
      const statements = parseJson(key.policy).Statement as Array<Record<string, unknown>>;
      expect(statements).toContainEqual(expect.objectContaining({ Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"] }));
    }
    const targets = resourcesOf(example, "aws_cloudwatch_event_target").filter((t) => String(t.rule).startsWith("${aws_cloudwatch_event_rule.break-glass-admin_"));
    expect(targets).toHaveLength(3);
    for (const target of targets) expect(target.arn).toMatch(/^\$\{aws_sns_topic\..+\.arn\}$/);
  });

  it("lets only its own rules publish to each topic", () => {
    for (const policy of resourcesOf(example, "aws_sns_topic_policy")) {
      const statements = parseJson(policy.policy).Statement as Array<Record<string, unknown>>;
      const publish = statements.find((s) => s.Sid === "EventBridgeRulesPublish");
      expect(publish).toMatchObject({ Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish" });
      const sources = (publish?.Condition as Record<string, Record<string, unknown>>).ArnEquals?.["aws:SourceArn"];
      const list = Array.isArray(sources) ? sources : [sources];
      expect(list.length).toBeGreaterThan(0);
      for (const arn of list) expect(arn).toMatch(/^\$\{aws_cloudwatch_event_rule\..+\.arn\}$/);
    }
  });

  it("subscribes secops@acme.example by email in every region", () => {
    const subscriptions = resourcesOf(example, "aws_sns_topic_subscription").filter((s) => String(s.topic_arn).startsWith("${aws_sns_topic.break-glass-admin_"));
    expect(subscriptions.map((s) => [s.protocol, s.endpoint, s.region]).sort()).toEqual([
      ["email", "secops@acme.example", "eu-west-1"],
      ["email", "secops@acme.example", "us-east-1"],
    ]);
  });
});

describe("disarmed", () => {
  const stack = awsStack();
  const bg = new BreakGlassRole(stack, "bg", {
    roleName: "break-glass-admin", account: "111122223333", trustedPrincipals: [COMMANDER],
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "emergency admin" },
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] }, armed: false,
  });
  const disarmed = parseJson(resourcesOf(JSON.parse(Testing.synth(stack)) as TfJson, "aws_iam_role")[0]?.assume_role_policy);

  it("keeps the MFA/source-identity Allow and adds an explicit Deny for the same principals", () => {
    expect(bg.disarmed).toBe(true);
    const statements = disarmed.Statement as Array<Record<string, unknown>>;
    expect(statements.map((s) => [s.Sid, s.Effect])).toEqual([["ZspBreakGlassTrust", "Allow"], ["ZspBreakGlassDisarmed", "Deny"]]);
    expect(statements[1]).toEqual({ Sid: "ZspBreakGlassDisarmed", Effect: "Deny", Principal: { AWS: COMMANDER }, Action: ["sts:AssumeRole", "sts:SetSourceIdentity"] });
  });

  it("denies even the incident commander with fresh MFA and a source identity", async () => {
    expect(await evaluateTrust(disarmed, { action: "sts:AssumeRole", roleArn: ROLE_ARN, principal: COMMANDER, context: GOOD_CONTEXT })).toBe("ExplicitlyDenied");
  });

  it("counts an arming window that is over as disarmed (zsp:now fixes the clock)", () => {
    const app = Testing.app({ context: { "zsp:now": "2026-12-04T00:00:00Z" } });
    const later = awsStack("later", app);
    const role = new BreakGlassRole(later, "bg", {
      roleName: "break-glass-admin", account: "111122223333", trustedPrincipals: [COMMANDER],
      ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "emergency admin" },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] },
      armed: { notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-03T21:00:00Z" },
    });
    expect(role.armedWindow).toEqual({ notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-03T21:00:00Z", expired: true });
    expect(role.disarmed).toBe(true);
  });
});

describe("shared alert topics", () => {
  const stack = awsStack("shared");
  const ownership = { owner: "team-sec", contact: "secops@acme.example", purpose: "break-glass alerts" };
  const topics = ["eu-west-1", "us-east-1"].map((region) => new AlertTopic(stack, `alerts-${region}`, { topicName: "break-glass-alerts", region, ownership, account: "111122223333", emails: ["secops@acme.example"] }));
  const base: BreakGlassRoleProps = {
    roleName: "bg-a", account: "111122223333", trustedPrincipals: [COMMANDER], ownership,
    managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { topics },
  };
  new BreakGlassRole(stack, "a", base);
  new BreakGlassRole(stack, "b", { ...base, roleName: "bg-b" });
  const json = JSON.parse(Testing.synth(stack)) as TfJson;

  it("lets several roles alert through one encrypted topic per region, each topic admitting every role's rules", () => {
    expect(resourcesOf(json, "aws_sns_topic")).toHaveLength(2);
    for (const policy of resourcesOf(json, "aws_sns_topic_policy")) {
      const publish = (parseJson(policy.policy).Statement as Array<Record<string, unknown>>).find((st) => st.Sid === "EventBridgeRulesPublish");
      const sources = (publish?.Condition as Record<string, Record<string, string[]>>).ArnEquals?.["aws:SourceArn"] ?? [];
      // eu-west-1: two assume rules; us-east-1: two assume + two change rules.
      expect({ region: policy.region, rules: sources.length }).toEqual({ region: policy.region, rules: policy.region === "us-east-1" ? 4 : 2 });
    }
  });

  it("an AlertTopic refuses a missing or bad topic name and missing props", () => {
    const s3 = awsStack("s3");
    expect(() => new AlertTopic(s3, "t1", { region: "eu-west-1", ownership, emails: ["secops@acme.example"] } as never)).toThrow("s3/t1: invalid props.topicName: undefined is not a valid SNS topic name");
    expect(() => new AlertTopic(s3, "t2", { topicName: "break glass", region: "eu-west-1", ownership, emails: ["secops@acme.example"] })).toThrow('s3/t2: invalid props.topicName: "break glass" is not a valid SNS topic name');
    expect(() => new AlertTopic(s3, "t3", undefined as never)).toThrow("s3/t3: invalid props: expected an object, got nothing (undefined)");
  });

  it("refuses topics that miss a watched region, or topics together with subscribers", () => {
    const s2 = awsStack("s2");
    const only = new AlertTopic(s2, "t", { topicName: "x", region: "eu-west-1", ownership, account: "111122223333", emails: ["secops@acme.example"] });
    expect(() => new BreakGlassRole(s2, "c", { ...base, alert: { topics: [only] } })).toThrow("s2/c: invalid props.alert.topics: no alert topic for watched region us-east-1");
    expect(() => new BreakGlassRole(s2, "d", { ...base, alert: { topics: [only], emails: ["x@acme.example"] } })).toThrow("topics are given together with subscribers or a topic name");
  });
});

describe("kill switch", () => {
  it("writes the revoke-older-sessions Deny as an inline policy, kept by the exclusive list", () => {
    const json = build({ revokeSessionsIssuedBefore: "2026-12-03T12:00:00Z" });
    const revoke = resourcesOf(json, "aws_iam_role_policy").find((p) => p.name === "zsp-revoke-older-sessions");
    expect(parseJson(revoke?.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "ZspRevokeOlderSessions", Effect: "Deny", Action: "*", Resource: "*", Condition: { DateLessThan: { "aws:TokenIssueTime": "2026-12-03T12:00:00Z" } } }],
    });
    expect(resourcesOf(json, "aws_iam_role_policies_exclusive")[0]?.policy_names).toEqual([expect.stringMatching(/^\$\{aws_iam_role_policy\.bg_revoke_[0-9A-F]+\.name\}$/)]);
  });
});

describe("inline permissions", () => {
  const json = build({
    managedPolicyArns: [],
    statements: [new PolicyStatement({ sid: "StopInstances", actions: ["ec2:StopInstances"], resources: ["arn:aws:ec2:eu-west-1:111122223333:instance/*"] })],
    revokeSessionsIssuedBefore: "2026-12-03T12:00:00Z",
  });

  it("writes statements as the inline policy zsp-grants, kept with the kill switch by the exclusive list", () => {
    const grants = resourcesOf(json, "aws_iam_role_policy").find((p) => p.name === "zsp-grants");
    expect(parseJson(grants?.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "StopInstances", Effect: "Allow", Action: "ec2:StopInstances", Resource: "arn:aws:ec2:eu-west-1:111122223333:instance/*" }],
    });
    expect(resourcesOf(json, "aws_iam_role_policies_exclusive")[0]?.policy_names).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role_policy\.bg_grants_[0-9A-F]+\.name\}$/),
      expect.stringMatching(/^\$\{aws_iam_role_policy\.bg_revoke_[0-9A-F]+\.name\}$/),
    ]);
    expect(resourcesOf(json, "aws_iam_role_policy_attachment")).toEqual([]);
    expect(resourcesOf(json, "aws_iam_role_policy_attachments_exclusive")[0]).toMatchObject({ policy_arns: [] });
  });
});

describe("refusals", () => {
  it("refuses a role without an alert target", () => {
    expect(refusal({ alert: {} }).message).toBe(
      "test/bg: invalid props.alert: no alert target: nobody would be told when the role is used. Fix: give at least one of emails (e.g. [\"secops@acme.example\"]) or httpsEndpoints",
    );
    expect(refusal((p) => ({ ...p, alert: undefined as unknown as BreakGlassRoleProps["alert"] })).problem).toBe("no alert target: a break-glass role must alert on every use");
    expect(refusal({ alert: { httpsEndpoints: ["http://hooks.acme.example/secops"] } }).problem).toMatch(/is not an https:\/\/ URL/);
  });

  it.each([
    ["an account root", "arn:aws:iam::444455556666:root"],
    ["a bare account id", "444455556666"],
    ["everyone", "*"],
  ])("refuses %s as principal", (_name, principal) => {
    const e = refusal({ trustedPrincipals: [principal] });
    expect(e.prop).toBe("props.trustedPrincipals[0]");
    expect(e.problem).toContain("trusts a whole account (or everyone), not a named principal");
  });

  it("refuses wildcard principals and assumed-role session ARNs", () => {
    expect(refusal({ trustedPrincipals: ["arn:aws:iam::444455556666:role/*"] }).problem).toContain("is not an IAM role or user ARN");
    expect(refusal({ trustedPrincipals: ["arn:aws:sts::444455556666:assumed-role/incident-commander/alice"] }).problem).toContain("is not an IAM role or user ARN");
    expect(refusal({ trustedPrincipals: [] }).problem).toBe("at least one named principal is required");
    expect(refusal({ trustedPrincipals: [Token.asString({ Ref: "commander" })] }).message).toBe(
      "test/bg: invalid props.trustedPrincipals[0]: is a Terraform reference, so who may break the glass is not visible in the code or the plan review. Fix: name the principal as a literal role or user ARN, e.g. arn:aws:iam::444455556666:role/incident-commander",
    );
  });

  it("refuses a session over 1 h (and below IAM's minimum)", () => {
    const over = refusal({ maxSession: "2h" });
    expect(over.message).toBe("test/bg: invalid props.maxSession: 2h is over the break-glass maximum session of 1h. Fix: use 1h; an incident that needs longer assumes the role again (and alerts again)");
    expect(refusal({ maxSession: "30m" }).problem).toBe("30m is below IAM's minimum max_session_duration of 1h");
  });

  it("refuses MFA turned off without a documented override, and accepts it with one", () => {
    const e = refusal({ requireMfa: false });
    expect(e.prop).toBe("props.requireMfa");
    expect(e.problem).toBe("MFA is turned off without a documented override");
    expect(refusal({ requireMfa: false, mfaOverrideReason: "sso" }).problem).toBe("MFA is turned off without a documented override");
    const json = build({ requireMfa: false, mfaOverrideReason: "principals are Identity Center sessions; the IdP enforces phishing-resistant MFA" });
    const condition = (parseJson(resourcesOf(json, "aws_iam_role")[0]?.assume_role_policy).Statement as Array<{ Condition: Record<string, unknown> }>)[0]?.Condition;
    expect(condition).not.toHaveProperty("Bool");
    expect(condition).toHaveProperty("StringLike", { "sts:SourceIdentity": "*" });
  });

  it("refuses an MFA age over 1 h, a bad or over-long arming window, and a role without permissions", () => {
    expect(refusal({ mfaMaxAge: "2h" }).problem).toBe("2h is longer than 1h");
    expect(refusal({ armed: { notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-03T08:00:00Z" } }).problem).toBe("2026-12-03T08:00:00Z is not after notBefore 2026-12-03T09:00:00Z");
    expect(refusal({ armed: { notBefore: "2026-12-03T09:00:00Z", notAfter: "2026-12-11T09:00:00Z" } }).problem).toContain("over the 7d an incident may arm the role");
    expect(refusal({ armed: { notBefore: "tomorrow", notAfter: "2026-12-03T08:00:00Z" } }).prop).toBe("props.armed.notBefore");
    expect(refusal({ managedPolicyArns: [], statements: [] }).problem).toBe("the role has no permissions");
    expect(refusal({ statements: [new PolicyStatement({ principal: { AWS: COMMANDER }, actions: ["s3:GetObject"], resources: ["*"] })], managedPolicyArns: [] }).problem).toContain("cannot name a principal");
  });

  it("refuses a role name IAM would reject, with the same message as JitRole", () => {
    expect(refusal({ roleName: "break glass" }).message).toBe(
      'test/bg: invalid props.roleName: "break glass" is not an IAM role name. Fix: use 1-64 characters of letters, digits and +=,.@_-',
    );
  });

  it("refuses a malformed managed policy ARN, a statement that is not a PolicyStatement, and no props", () => {
    expect(refusal({ managedPolicyArns: ["AdministratorAccess"] }).message).toBe(
      'test/bg: invalid props.managedPolicyArns[0]: "AdministratorAccess" is not an IAM policy ARN. Fix: use e.g. arn:aws:iam::aws:policy/AdministratorAccess',
    );
    expect(refusal({ statements: [{ Effect: "Allow", Action: "*", Resource: "*" } as never] }).message).toBe(
      "test/bg: invalid props.statements[0]: not a PolicyStatement. Fix: build statements with new PolicyStatement({...})",
    );
    expect(refusalOf(() => new BreakGlassRole(awsStack("s"), "bg", undefined as never)).message).toBe(
      "s/bg: invalid props: expected an object, got nothing (undefined). Fix: give BreakGlassRole its props: roleName, trustedPrincipals, ownership and alert",
    );
  });

  it("refuses props of the wrong shape with a ZspError naming the prop (never a TypeError)", () => {
    expect(refusal({ managedPolicyArns: "arn:aws:iam::aws:policy/AdministratorAccess" as never }).message).toBe(
      'test/bg: invalid props.managedPolicyArns: expected a list (array), got the string "arn:aws:iam::aws:policy/AdministratorAccess". Fix: give a list, e.g. ["arn:aws:iam::aws:policy/AdministratorAccess"], or leave it out',
    );
    expect(refusal({ statements: {} as never }).prop).toBe("props.statements");
    expect(refusal({ alert: { emails: "secops@acme.example" as never } }).prop).toBe("props.alert.emails");
    expect(refusal({ alert: { httpsEndpoints: 5 as never } }).problem).toBe("expected a list (array), got a number (5)");
    expect(refusal({ alert: { topics: 5 as never } }).prop).toBe("props.alert.topics");
    expect(refusal({ alert: "secops@acme.example" as never }).problem).toBe('expected an object, got the string "secops@acme.example"');
  });

  it("refuses watched regions outside the profile's allowedRegions (us-east-1 excepted)", () => {
    const stack = new TerraformStack(testApp({ allowedRegions: ["eu-west-1"] }), "test");
    const props: BreakGlassRoleProps = {
      roleName: "bg", trustedPrincipals: [COMMANDER], ownership: { owner: "o", contact: "a@b.example", purpose: "p" },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"], regions: ["eu-central-1"] },
    };
    expect(() => new BreakGlassRole(stack, "bg", props)).toThrow(
      "test/bg: invalid props.alert.regions: region eu-central-1 is not in the profile's allowedRegions (eu-west-1)",
    );
    const ok = new BreakGlassRole(stack, "bg2", { ...props, alert: { emails: ["secops@acme.example"], regions: ["eu-west-1", "us-east-1"] } });
    expect(ok.alertRegions).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("refuses to guess the watched regions when the stack has no provider region", () => {
    const stack = new TerraformStack(testApp(), "test");
    expect(() =>
      new BreakGlassRole(stack, "bg", {
        roleName: "bg", trustedPrincipals: [COMMANDER], ownership: { owner: "o", contact: "a@b.example", purpose: "p" },
        managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], alert: { emails: ["secops@acme.example"] },
      }),
    ).toThrow("test/bg: invalid props.alert.regions: the stack has no AWS provider with a literal region");
  });
});

describe("IZspRole contract", () => {
  it("exposes path, literal ARN, trusted roles, 1 h ceiling and the admin grant", () => {
    const stack = new BreakGlassStack(testApp(), "bg2");
    expect(stack.role).toMatchObject({
      roleName: "break-glass-admin",
      rolePath: "/zsp/break-glass/",
      literalArn: ROLE_ARN,
      trustedAwsRoleArns: [COMMANDER],
      maxSessionSeconds: 3600,
      alertRegions: ["eu-west-1", "us-east-1"],
    });
    expect(stack.role.grantStatements.map((s) => s.toJSON())).toEqual([{ Sid: "AdministratorAccess", Effect: "Allow", Action: "*", Resource: "*" }]);
  });
});
