import { UnsupportedPatternError, matchesPattern } from "../core/event-pattern";
import { ownAccounts } from "./accounts";
import { RoleView } from "./iam";
import { ofType, referencedResource } from "./index-model";
import { TfModel, TfResource, UNKNOWN, isExpression, isRecord, show } from "./model";
import { Statement } from "./policy";
import { ResourceRegion, assumeRoleEventRegions, resourceRegion } from "./region";

/**
 * Whether a break-glass role's use raises an alert, judged by behaviour
 * (ZSP011): an EventBridge rule that is enabled, on the default bus (where
 * CloudTrail delivers), with a target that exists in the rule's region, whose pattern matches a
 * CloudTrail `AssumeRole` event of the role and misses the same event for
 * another role, in each region where those events arrive. Patterns are evaluated, not read as text
 * (`anything-but`, `prefix`, `wildcard`, `exists`, `$or`).
 */
export type AlertVerdict =
  | { readonly kind: "ok" }
  | { readonly kind: "unknown"; readonly rule: string; readonly why: string }
  | { readonly kind: "missing"; readonly why: string };

/** References whose value is known by definition: the account and partition Terraform applies in. */
const CALLER_ACCOUNT = /\$\{(?:module\.[\w-]+\.)*data\.aws_caller_identity\.[\w-]+\.account_id\}/g;
const PARTITION = /\$\{(?:module\.[\w-]+\.)*data\.aws_partition\.[\w-]+\.partition\}/g;
const OTHER_ROLE = "zsp-guard-another-role";

/** A CloudTrail AssumeRole event as EventBridge delivers it (the shape of a captured record). */
export function assumeRoleEvent(account: string, region: string, roleName: string, rolePath: string): Record<string, unknown> {
  const roleArn = `arn:aws:iam::${account}:role${rolePath}${roleName}`;
  return {
    version: "0", id: "00000000-0000-0000-0000-000000000000", "detail-type": "AWS API Call via CloudTrail", source: "aws.sts",
    account, time: "2026-01-01T00:00:00Z", region, resources: [],
    detail: {
      eventVersion: "1.08",
      userIdentity: { type: "AssumedRole", principalId: "AROAEXAMPLE:responder", arn: `arn:aws:sts::${account}:assumed-role/incident-commander/responder`, accountId: account },
      eventTime: "2026-01-01T00:00:00Z", eventSource: "sts.amazonaws.com", eventName: "AssumeRole", awsRegion: region,
      sourceIPAddress: "198.51.100.23", userAgent: "aws-cli/2.22.4",
      requestParameters: { roleArn, roleSessionName: "responder", durationSeconds: 3600, sourceIdentity: "responder@example.com" },
      responseElements: { assumedRoleUser: { assumedRoleId: "AROAEXAMPLE:responder", arn: `arn:aws:sts::${account}:assumed-role/${roleName}/responder` }, sourceIdentity: "responder@example.com" },
      resources: [{ accountId: account, type: "AWS::IAM::Role", ARN: roleArn }],
      eventType: "AwsApiCall", managementEvent: true, recipientAccountId: account, eventCategory: "Management",
    },
  };
}

/** The pattern of a rule as JSON text with the caller account and partition filled in; undefined when unknown. */
function patternText(r: TfResource, account: string): string | undefined {
  for (const raw of [r.values.event_pattern, r.config?.event_pattern]) {
    if (typeof raw !== "string" || raw === UNKNOWN) continue;
    const filled = raw.replace(CALLER_ACCOUNT, account).replace(PARTITION, "aws");
    if (!isExpression(filled)) return filled;
  }
  return undefined;
}

/** The rule state that also delivers read-only management events (AssumeRole is one); `ENABLED` excludes them. */
const ALL_MANAGEMENT_EVENTS = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

/**
 * What the rule's state lets it see of a CloudTrail AssumeRole event: `all`
 * only with `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS` (AssumeRole is a
 * read-only management event, which `ENABLED` — also the default, and what
 * `is_enabled = true` means — never delivers); `unknown` for an expression.
 */
function stateOf(r: TfResource): "all" | "enabled" | "disabled" | "unknown" {
  const state = r.values.state;
  if (typeof state === "string" && isExpression(state)) return "unknown";
  if (typeof state === "string" && state.toUpperCase() === "DISABLED") return "disabled";
  if (r.values.is_enabled === false || r.values.is_enabled === "false") return "disabled";
  return typeof state === "string" && state.toUpperCase() === ALL_MANAGEMENT_EVENTS ? "all" : "enabled";
}

/**
 * A target of a rule whose destination exists, and the region of that
 * destination; `undefined` for an event bus (EventBridge routes events to a
 * bus in another region, never to an SNS topic, SQS queue or Lambda function
 * in one).
 */
interface LiveTarget {
  readonly target: TfResource;
  readonly region: ResourceRegion | undefined;
}

/** An ARN's service and region (`arn:aws:sns:eu-west-1:...` → `sns`, `eu-west-1`). */
const ARN_PARTS = /^arn:[^:]*:([^:]*):([^:]*):/;

/** Targets of `rule` whose destination exists: a literal ARN, or a resource of the input. */
function liveTargets(model: TfModel, rule: TfResource): LiveTarget[] {
  const live: LiveTarget[] = [];
  for (const t of ofType(model, "aws_cloudwatch_event_target")) {
    const onRule = referencedResource(model, t, t.config?.rule, "aws_cloudwatch_event_rule") === rule || (typeof t.values.rule === "string" && t.values.rule === rule.values.name);
    if (!onRule) continue;
    const arn = t.config?.arn ?? t.values.arn;
    if (typeof arn !== "string" || arn === "" || arn === UNKNOWN) continue;
    if (!isExpression(arn)) {
      const [, service, region] = ARN_PARTS.exec(arn) ?? [];
      if (!arn.startsWith("arn:")) continue;
      live.push({ target: t, region: service === "events" || !region ? undefined : { kind: "known", region } });
      continue;
    }
    const type = /^\$\{(?:module\.[\w-]+\.)*([a-z0-9_]+)\.[\w-]+/.exec(arn)?.[1];
    const destination = type === undefined ? undefined : referencedResource(model, t, arn.replace(/\.[\w]+\}$/, ".arn}"), type);
    if (destination !== undefined) live.push({ target: t, region: type === "aws_cloudwatch_event_bus" ? undefined : resourceRegion(model, destination) });
  }
  return live;
}

/**
 * Whether the live targets of a rule running in `region` receive its events:
 * `ok` when one is in that region (or is an event bus); `elsewhere` when
 * every one is known to be in another region (or none exists); `unknown`
 * when a destination's region is not known.
 */
function targetsIn(model: TfModel, rule: TfResource, region: string, name: string): { readonly kind: "ok" } | { readonly kind: "elsewhere" | "unknown"; readonly why: string } {
  const live = liveTargets(model, rule);
  if (live.some((l) => l.region === undefined || (l.region.kind === "known" && l.region.region === region))) return { kind: "ok" };
  const unknown = live.find((l) => l.region?.kind === "unknown");
  if (unknown?.region?.kind === "unknown") return { kind: "unknown", why: `the region of its target ${unknown.target.address} is not known (${unknown.region.why})` };
  const elsewhere = live.map((l) => `${l.target.address} delivers to ${l.region?.kind === "known" ? l.region.region : "?"}`).join(", ");
  return { kind: "elsewhere", why: `${name} matches in ${region} but its targets are in other regions (${elsewhere}): EventBridge delivers to an SNS topic, SQS queue or Lambda function only in the rule's own region` };
}

/**
 * Whether an enabled rule with a live target alerts on AssumeRole of `role`
 * (and not on another role's) in every region where those events arrive
 * ({@link assumeRoleEventRegions} of the trust's Allow statements `allows`).
 * A rule sees only the events of its own region ({@link resourceRegion}), and
 * delivers them only to a topic, queue or function in that region.
 */
export function useAlert(model: TfModel, role: RoleView, allows: readonly Statement[]): AlertVerdict {
  if (role.name === undefined || isExpression(role.name)) return { kind: "unknown", rule: role.resource.address, why: "the role's name is not known, so no event can be matched" };
  const arrive = assumeRoleEventRegions(allows);
  const covered = new Set<string>();
  const reasons: string[] = [];
  let unknown: AlertVerdict | undefined;
  const own = [...ownAccounts(model).ids][0];
  for (const rule of ofType(model, "aws_cloudwatch_event_rule")) {
    const text = patternText(rule, own ?? "123456789012");
    if (text === undefined) {
      if (rule.values.event_pattern !== undefined || rule.config?.event_pattern !== undefined) unknown ??= { kind: "unknown", rule: rule.address, why: "its event_pattern is not known (an expression, or known only after apply)" };
      continue;
    }
    let pattern: unknown;
    try {
      pattern = JSON.parse(text) as unknown;
    } catch {
      unknown ??= { kind: "unknown", rule: rule.address, why: "its event_pattern is not JSON" };
      continue;
    }
    if (!isRecord(pattern)) {
      unknown ??= { kind: "unknown", rule: rule.address, why: "its event_pattern is not a JSON object" };
      continue;
    }
    // The account the event carries: the applying account, else the one the pattern names.
    const named = [...new Set([...text.matchAll(/\b(\d{12})\b/g)].map((m) => m[1] as string))];
    const account = own ?? (named.length === 1 ? (named[0] as string) : "123456789012");
    const where = resourceRegion(model, rule);
    const state = stateOf(rule);
    const name = show(rule.values.name ?? rule.address);
    // A rule sees the events of its own region; where that is unknown, judge it in each region events arrive in.
    for (const region of where.kind === "known" ? [where.region] : arrive.regions) {
      let hit: boolean;
      let other: boolean;
      try {
        hit = matchesPattern(pattern, assumeRoleEvent(account, region, role.name, role.path));
        other = matchesPattern(pattern, assumeRoleEvent(account, region, OTHER_ROLE, "/"));
      } catch (e) {
        if (!(e instanceof UnsupportedPatternError)) throw e;
        unknown ??= { kind: "unknown", rule: rule.address, why: e.message };
        break;
      }
      if (!hit) continue;
      const problem = other ? `${name} also fires on every other role's AssumeRole, so it does not say this role was used`
        : state === "disabled" ? `${name} matches but is DISABLED`
          : state === "enabled" ? `${name} matches but its state is ENABLED (the default), which never delivers read-only management events such as AssumeRole: set state = "${ALL_MANAGEMENT_EVENTS}"`
          : offDefaultBus(rule) ? `${name} matches but sits on event bus ${show(rule.values.event_bus_name)}, where CloudTrail does not deliver`
            : liveTargets(model, rule).length === 0 ? `${name} matches but has no target that exists`
              : undefined;
      if (problem === undefined && state === "unknown") {
        unknown ??= { kind: "unknown", rule: rule.address, why: "its state is not known, and only ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS delivers AssumeRole" };
        continue;
      }
      if (problem !== undefined) {
        if (!reasons.includes(problem)) reasons.push(problem);
      } else if (where.kind === "unknown") {
        unknown ??= { kind: "unknown", rule: rule.address, why: `its region is not known (${where.why}), and the role's AssumeRole events arrive in ${arrive.regions.join(", ")}` };
      } else if (arrive.regions.includes(region)) {
        const targets = targetsIn(model, rule, region, name);
        if (targets.kind === "ok") covered.add(region);
        else if (targets.kind === "unknown") unknown ??= { kind: "unknown", rule: rule.address, why: targets.why };
        else if (!reasons.includes(targets.why)) reasons.push(targets.why);
      } else {
        reasons.push(`${name} matches but runs in ${region}, which never sees the role's AssumeRole events: ${arrive.why}`);
      }
    }
  }
  const missing = arrive.regions.filter((r) => !covered.has(r));
  if (missing.length === 0) return { kind: "ok" };
  if (unknown) return unknown;
  if (covered.size > 0 || reasons.some((r) => r.includes(" runs in "))) reasons.push(`no alert runs in ${missing.join(", ")}: ${arrive.why}`);
  return { kind: "missing", why: reasons.length > 0 ? reasons.join("; ") : "no aws_cloudwatch_event_rule pattern matches a CloudTrail AssumeRole event of the role" };
}

function offDefaultBus(rule: TfResource): boolean {
  const bus = rule.values.event_bus_name;
  return typeof bus === "string" && !["default", ""].includes(bus) && !bus.endsWith(":event-bus/default");
}
