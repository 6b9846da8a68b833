import { readFileSync } from "node:fs";
import { join } from "node:path";
import { check, loadDocument } from "../modules/guard/engine";
import { Computed, NOW, allShapes, bothShapes, findings, planOf } from "./helpers/shapes";

// ZSP011 judges the alert by behaviour: the EventBridge rule must be enabled, on the default bus, with a
// target that exists, and its pattern must match a CloudTrail AssumeRole of the break-glass role and miss
// another role's. Each case in both input shapes, next to the clean fixture it changes.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const good = (): Json => JSON.parse(readFileSync(join(__dirname, "fixtures/rules/ZSP011.good.tf.json"), "utf8")) as Json;
const ROLE_ARN = "arn:aws:iam::111122223333:role/zsp/break-glass/break-glass-admin";
const pattern = (roleArn: unknown, eventName: unknown = ["AssumeRole"]): string =>
  JSON.stringify({ source: ["aws.sts"], "detail-type": ["AWS API Call via CloudTrail"], detail: { eventName, requestParameters: { roleArn } } });
const withRule = (change: (rule: Json, config: Json) => void): Json => {
  const config = good();
  change(config.resource.aws_cloudwatch_event_rule["break-glass-assumed"], config);
  return config;
};

const BAD: Array<[string, Json]> = [
  ["a rule with state DISABLED", withRule((r) => { r.state = "DISABLED"; })],
  ["a pattern with anything-but on the break-glass role", withRule((r) => { r.event_pattern = pattern([{ "anything-but": ROLE_ARN }]); })],
  ["a pattern that names another role", withRule((r) => { r.event_pattern = pattern(["arn:aws:iam::111122223333:role/zsp/jit/payments-deploy"]); })],
  ["a pattern on another event (the text still says AssumeRole)", withRule((r) => { r.event_pattern = pattern([ROLE_ARN], ["AssumeRoleWithSAML"]); })],
  ["a pattern that fires on every role (the alert says nothing)", withRule((r) => { r.event_pattern = pattern([{ prefix: "arn:aws:iam::" }]); })],
  ["a rule on a custom bus, where CloudTrail does not deliver", withRule((r) => { r.event_bus_name = "audit"; })],
  // AssumeRole is a read-only management event: EventBridge delivers it only to rules in state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS.
  ["a rule in state ENABLED, which never receives read-only management events", withRule((r) => { r.state = "ENABLED"; })],
  ["a rule with no state (ENABLED by default)", withRule((r) => { delete r.state; })],
  ["a rule with is_enabled = true and no state", withRule((r) => { delete r.state; r.is_enabled = true; })],
  ["a target whose topic does not exist", withRule((_r, c) => { delete c.resource.aws_sns_topic; })],
  ["no target", withRule((_r, c) => { delete c.resource.aws_cloudwatch_event_target; })],
];

const GOOD: Array<[string, Json, Computed?]> = [
  ["the exact role ARN", good()],
  ["a wildcard on the role path", withRule((r) => { r.event_pattern = pattern([{ wildcard: "arn:aws:iam::111122223333:role*/break-glass-admin" }]); })],
  ["a prefix on the break-glass path, and AssumeRole* events", withRule((r) => { r.event_pattern = pattern([{ prefix: "arn:aws:iam::111122223333:role/zsp/break-glass/" }], [{ prefix: "AssumeRole" }]); })],
  // Terraform reads data.aws_caller_identity during the plan, so the plan's pattern is known.
  ["the caller account by reference", withRule((r) => { r.event_pattern = pattern(["arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/zsp/break-glass/break-glass-admin"]); }),
    { "aws_cloudwatch_event_rule.break-glass-assumed": { event_pattern: pattern([ROLE_ARN]) } }],
];

describe("ZSP011: the break-glass alert, by behaviour", () => {
  describe.each(BAD)("%s", (_name, config) => {
    it.each(bothShapes(config))("is ZSP011 (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP011"])).toEqual(["ZSP011 aws_iam_role.break-glass-admin"]);
    });
  });
  describe.each(GOOD)("%s", (_name, config, computed) => {
    it.each(bothShapes(config, computed))("alerts (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP011", "ZSP000"])).toEqual([]);
    });
  });

  it("a first-apply plan where the pattern is known only after apply is ZSP000, not ZSP011", () => {
    const config = withRule((r) => { r.event_pattern = "${jsonencode({detail = {requestParameters = {roleArn = [aws_iam_role.break-glass-admin.arn]}}})}"; });
    for (const [, model] of bothShapes(config)) {
      expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(["ZSP000 aws_iam_role.break-glass-admin"]);
    }
  });

  it("the same plan once the pattern is known is judged by it", () => {
    const config = withRule((r) => { r.event_pattern = "${jsonencode({detail = {requestParameters = {roleArn = [aws_iam_role.break-glass-admin.arn]}}})}"; });
    const plan = planOf(config);
    const change = plan.resource_changes.find((c: Json) => c.address === "aws_cloudwatch_event_rule.break-glass-assumed");
    change.change.after.event_pattern = JSON.stringify({ detail: { requestParameters: { roleArn: [ROLE_ARN] } } });
    delete change.change.after_unknown.event_pattern;
    expect(findings(loadDocument(plan, "case"), ["ZSP011", "ZSP000"])).toEqual([]);
  });
});

describe("ZSP011: the alert runs where the role's AssumeRole events arrive", () => {
  // STS logs an AssumeRole in the region of the endpoint called; the global endpoint's events reach us-east-1.
  // A rule sees only its own region's events: its `region` argument, else its provider's (alias → region).
  const trustRegions = (config: Json, regions: string[] | undefined): Json => {
    const role = config.resource.aws_iam_role["break-glass-admin"];
    const trust = JSON.parse(role.assume_role_policy);
    for (const st of trust.Statement) {
      delete st.Condition.StringEquals;
      if (regions) st.Condition.StringEquals = { "aws:RequestedRegion": regions.length === 1 ? regions[0] : regions };
    }
    role.assume_role_policy = JSON.stringify(trust);
    return config;
  };
  const onProvider = (config: Json, alias: string, region: string): Json => {
    config.provider.aws.push({ alias, region });
    config.resource.aws_cloudwatch_event_rule["break-glass-assumed"].provider = `aws.${alias}`;
    config.resource.aws_cloudwatch_event_target["break-glass-assumed_sns"].provider = `aws.${alias}`;
    config.resource.aws_sns_topic["break-glass-alerts"].provider = `aws.${alias}`;
    return config;
  };
  const secondRule = (config: Json, region: string): Json => {
    const rule = config.resource.aws_cloudwatch_event_rule["break-glass-assumed"];
    config.resource.aws_cloudwatch_event_rule[`assumed-${region}`] = { ...rule, region };
    config.resource.aws_sns_topic[`alerts-${region}`] = { name: "break-glass-alerts", region };
    config.resource.aws_cloudwatch_event_target[`assumed-${region}`] = { region, rule: `\${aws_cloudwatch_event_rule.assumed-${region}.name}`, arn: `\${aws_sns_topic.alerts-${region}.arn}` };
    return config;
  };
  // EventBridge delivers to an SNS topic, SQS queue or Lambda function only in the rule's own region.
  const topicOn = (alias: string | undefined, region: string | undefined, ownRegion?: string): Json => {
    const config = good();
    if (alias !== undefined) {
      config.provider.aws.push({ alias, ...(region === undefined ? {} : { region }) });
      config.resource.aws_sns_topic["break-glass-alerts"].provider = `aws.${alias}`;
    }
    if (ownRegion !== undefined) config.resource.aws_sns_topic["break-glass-alerts"].region = ownRegion;
    return config;
  };
  const targetArn = (arn: string): Json => {
    const config = good();
    config.resource.aws_cloudwatch_event_target["break-glass-assumed_sns"].arn = arn;
    return config;
  };
  const message = (config: Json): string => check(loadDocument(config, "case"), { now: NOW }).findings.filter((f) => f.rule === "ZSP011").map((f) => f.message).join("\n");

  const BAD_REGION: Array<[string, Json, RegExp]> = [
    ["a trust open to every region, the alert only in the provider's eu-west-1", trustRegions(good(), undefined), /runs in eu-west-1, which never sees .*global endpoint.*us-east-1/],
    ["a trust fenced to eu-west-1, the alert on a provider alias in us-west-2", onProvider(good(), "west", "us-west-2"), /runs in us-west-2, which never sees .*only through eu-west-1/],
    ["a trust fenced to eu-west-1, the rule's own region argument ap-south-1", withRule((r) => { r.region = "ap-south-1"; }), /runs in ap-south-1/],
    ["a trust fenced to eu-west-1 and us-east-1, an alert in eu-west-1 only", trustRegions(good(), ["eu-west-1", "us-east-1"]), /no alert runs in us-east-1/],
    ["the rule in eu-west-1, its topic on a provider alias in us-west-2", topicOn("west", "us-west-2"), /matches in eu-west-1 but its targets are in other regions \(aws_cloudwatch_event_target\.break-glass-assumed_sns delivers to us-west-2\)/],
    ["the rule in eu-west-1, its topic's own region argument us-east-1", topicOn(undefined, undefined, "us-east-1"), /targets are in other regions .*delivers to us-east-1/],
    ["the rule in eu-west-1, its target a literal topic ARN in us-east-1", targetArn("arn:aws:sns:us-east-1:111122223333:break-glass-alerts"), /delivers to us-east-1/],
  ];
  const GOOD_REGION: Array<[string, Json]> = [
    ["a trust open to every region, the alert on a provider alias in us-east-1", onProvider(trustRegions(good(), undefined), "use1", "us-east-1")],
    ["a trust fenced to eu-west-1 and us-east-1, an alert in each (region argument)", secondRule(trustRegions(good(), ["eu-west-1", "us-east-1"]), "us-east-1")],
    ["a trust fenced to eu-west-1, the alert in eu-west-1", good()],
    ["the rule in eu-west-1, its topic on a provider alias in eu-west-1", topicOn("primary", "eu-west-1")],
    ["the rule in eu-west-1, its target a literal topic ARN in eu-west-1", targetArn("arn:aws:sns:eu-west-1:111122223333:break-glass-alerts")],
    ["the rule in eu-west-1, its target an event bus in another region (EventBridge routes across regions to a bus)", targetArn("arn:aws:events:us-east-1:111122223333:event-bus/default")],
  ];

  describe.each(BAD_REGION)("%s", (_name, config, why) => {
    it.each(allShapes(config))("is ZSP011 (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(["ZSP011 aws_iam_role.break-glass-admin"]);
    });
    it("says which region the alert misses", () => {
      expect(message(config)).toMatch(why);
    });
  });
  describe.each(GOOD_REGION)("%s", (_name, config) => {
    it.each(allShapes(config))("alerts (%s)", (_shape, model) => {
      expect(findings(model, ["ZSP011", "ZSP000"])).toEqual([]);
    });
  });

  it("a target whose region is not known is ZSP000, not ZSP011; a --var-file region decides", () => {
    const config = topicOn("alerts", "${var.alert_region}");
    config.variable = { alert_region: { type: "string" } };
    for (const [, model] of allShapes(config)) expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(["ZSP000 aws_iam_role.break-glass-admin"]);
    expect(check(loadDocument(config, "case"), { now: NOW }).findings.find((f) => f.rule === "ZSP000")?.message).toMatch(/region of its target aws_cloudwatch_event_target\.break-glass-assumed_sns is not known/);
    for (const [region, expected] of [["eu-west-1", []], ["us-west-2", ["ZSP011 aws_iam_role.break-glass-admin"]]] as const) {
      for (const [, model] of allShapes(config, { variables: { alert_region: region }, plan: false })) expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(expected);
    }
  });

  it("a rule whose provider region is not known is ZSP000, not ZSP011; a --var-file region decides", () => {
    const config = good();
    config.variable = { region: { type: "string" } };
    config.provider.aws[0].region = "${var.region}";
    for (const [, model] of allShapes(config)) expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(["ZSP000 aws_iam_role.break-glass-admin"]);
    for (const [region, expected] of [["eu-west-1", []], ["us-west-2", ["ZSP011 aws_iam_role.break-glass-admin"]]] as const) {
      for (const [, model] of allShapes(config, { variables: { region }, plan: false })) expect(findings(model, ["ZSP011", "ZSP000"])).toEqual(expected);
    }
  });
});
