import { toSarif } from "../cli/sarif";
import { accessMap } from "../modules/guard/access-map";
import { accessMapMarkdown } from "../modules/guard/access-map-markdown";
import { check, loadDocument } from "../modules/guard/engine";
import type { Finding } from "../modules/guard/model";
import { ESCALATION_PATHS } from "../modules/iam/escalation-paths";
import { evaluateSessionWithResourcePolicy } from "./helpers/iam";

const { toPlan } = require("./fixtures/to-plan.js") as { toPlan: (config: unknown) => unknown };

const NOW = new Date("2026-12-02T00:00:00Z");
const ACCOUNT = "111122223333";
const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: OIDC }, Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/payments:environment:production" } } }],
});
type Stmt = Record<string, unknown>;
const doc = (...statements: Stmt[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (actions: readonly string[], resource: string | string[] = "*", extra: Stmt = {}): Stmt => ({ Effect: "Allow", Action: actions, Resource: resource, ...extra });

/** A configuration with role `ci` holding `inline` (and `managed`, attached as a customer-managed policy), optionally under `boundary`. */
function config(p: { inline: string; managed?: string; boundary?: string; more?: Record<string, Record<string, unknown>> }): Record<string, unknown> {
  const resource: Record<string, Record<string, unknown>> = {
    aws_iam_role: { ci: { name: "ci", path: "/zsp/jit/", assume_role_policy: TRUST, max_session_duration: 3600, ...(p.boundary ? { permissions_boundary: "${aws_iam_policy.boundary.arn}" } : {}) } },
    aws_iam_role_policy: { ci: { name: "ci", role: "${aws_iam_role.ci.name}", policy: p.inline } },
  };
  const policies: Record<string, unknown> = {};
  if (p.managed) {
    policies.extra = { name: "ci-extra", policy: p.managed };
    resource.aws_iam_role_policy_attachment = { extra: { role: "${aws_iam_role.ci.name}", policy_arn: "${aws_iam_policy.extra.arn}" } };
  }
  if (p.boundary) policies.boundary = { name: "ci-boundary", policy: p.boundary };
  if (Object.keys(policies).length > 0) resource.aws_iam_policy = policies;
  for (const [type, byName] of Object.entries(p.more ?? {})) resource[type] = { ...(resource[type] ?? {}), ...byName };
  return { provider: { aws: [{ region: "eu-west-1", allowed_account_ids: [ACCOUNT] }] }, resource };
}

const zsp016 = (json: unknown): Finding[] => check(loadDocument(json, "t"), { now: NOW }).findings.filter((f) => f.rule === "ZSP016");
const forPath = (fs: readonly Finding[], id: string): Finding[] => fs.filter((f) => f.message.includes(`escalation path ${id} `));

describe("ZSP016: every catalogue path, generated from the catalogue", () => {
  describe.each(ESCALATION_PATHS.map((p) => [p.id, p] as const))("%s", (id, path) => {
    const actions = path.permissions.map((p) => p.action);
    const [first = "", ...rest] = actions;
    const inline = doc(allow(actions));
    const split = { inline: doc(allow([first])), managed: doc(allow(rest.length > 0 ? rest : ["s3:GetObject"])) };

    it("a role holding exactly its permissions on * gets an error naming the path, its permissions and target", () => {
      const found = forPath(zsp016(config({ inline })), id);
      expect(found.map((f) => `${f.severity} ${f.address}`)).toEqual(["error aws_iam_role.ci"]);
      expect(found[0]?.message).toContain(actions.join(" + "));
      expect(found[0]?.message).toMatch(/on \*: "\*" covers whatever exists/);
      expect(found[0]?.message).toContain(path.url);
    });

    it("the same when the permissions are split between an inline and an attached customer-managed policy", () => {
      expect(forPath(zsp016(config(split)), id).map((f) => f.severity)).toEqual(["error"]);
    });

    it("the same in a terraform show -json plan", () => {
      const plan = toPlan(config(split));
      expect(forPath(zsp016(plan), id).map((f) => `${f.severity} ${f.address}`)).toEqual(["error aws_iam_role.ci"]);
    });

    it("none under a permissions boundary that excludes them, nor with an explicit Deny of them", () => {
      expect(zsp016(config({ inline, boundary: doc(allow(["s3:GetObject"], "arn:aws:s3:::acme-reports/*")) }))).toEqual([]);
      expect(zsp016(config({ inline: doc(allow(actions), { Effect: "Deny", Action: actions, Resource: "*" }) }))).toEqual([]);
      expect(zsp016(config({ ...split, boundary: doc(allow(["s3:GetObject"], "*"), { Effect: "Deny", Action: [first], Resource: "*" }) }))).toEqual([]);
    });
  });
});

/** A role `name` trusting `service` (or role `ci`), holding `statements`. */
function role(name: string, trusted: Stmt, statements: Stmt[], extra: Record<string, unknown> = {}): Record<string, Record<string, unknown>> {
  return {
    aws_iam_role: { [name]: { name, path: "/", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: trusted, Action: "sts:AssumeRole" }] }), ...extra } },
    aws_iam_role_policy: { [name]: { name, role: `\${aws_iam_role.${name}.name}`, policy: doc(...statements) } },
  };
}
const merge = (...parts: Array<Record<string, Record<string, unknown>>>): Record<string, Record<string, unknown>> => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of parts) for (const [t, byName] of Object.entries(p)) out[t] = { ...(out[t] ?? {}), ...byName };
  return out;
};
const LAMBDA = { Service: "lambda.amazonaws.com" };
const passedTo = (service: string): Stmt => ({ Condition: { StringEquals: { "iam:PassedToService": service } } });
const createAndInvoke = allow(["lambda:CreateFunction", "lambda:InvokeFunction"], `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:ci-*`);
const logs = allow(["logs:PutLogEvents"], `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/ci:*`);

describe("ZSP016 is target-aware", () => {
  it("PassRole of a named, less privileged role of the input, with iam:PassedToService: clean", () => {
    const json = config({
      inline: doc(allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/worker`, passedTo("lambda.amazonaws.com")), createAndInvoke, logs),
      more: role("worker", LAMBDA, [logs]),
    });
    expect(zsp016(json)).toEqual([]);
  });

  it("the same by reference (${aws_iam_role.worker.arn}); in a plan, where the ARN is known only after apply, the policy is ZSP000, never silently clean", () => {
    const json = config({ inline: doc(allow(["iam:PassRole"], "${aws_iam_role.worker.arn}", passedTo("lambda.amazonaws.com")), createAndInvoke, logs), more: role("worker", LAMBDA, [logs]) });
    expect(zsp016(json)).toEqual([]);
    const planFindings = check(loadDocument(toPlan(json), "p"), { now: NOW }).findings;
    expect(planFindings.filter((f) => f.rule === "ZSP000").map((f) => f.address)).toContain("aws_iam_role_policy.ci");
  });

  it("PassRole of a more privileged role, or an admin one: error naming the role", () => {
    for (const worker of [[logs, allow(["s3:DeleteObject"], "arn:aws:s3:::acme-payments-artifacts/*")], [allow(["*"])]]) {
      const json = config({ inline: doc(allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/worker`, passedTo("lambda.amazonaws.com")), createAndInvoke, logs), more: role("worker", LAMBDA, worker) });
      const found = zsp016(json);
      expect(found.map((f) => `${f.severity} ${/escalation path ([\w-]+)/.exec(f.message)?.[1]}`)).toEqual(["error lambda-001"]);
      expect(found[0]?.message).toMatch(/role worker holds permissions ci does not/);
    }
  });

  it("privilege is compared with conditions: a principal allowed s3 only in eu-west-1 is less privileged than a worker allowed s3 everywhere", () => {
    const inRegion = (region: string): Stmt => ({ Condition: { StringEquals: { "aws:RequestedRegion": [region] } } });
    const pass = allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/worker`, passedTo("lambda.amazonaws.com"));
    const json = (workerS3: Stmt): Record<string, unknown> => config({
      inline: doc(pass, createAndInvoke, logs, allow(["s3:*"], "*", inRegion("eu-west-1"))),
      more: role("worker", LAMBDA, [logs, workerS3]),
    });
    // The worker's s3 is unconditioned: passing it escapes the region fence.
    const found = zsp016(json(allow(["s3:*"])));
    expect(found.map((f) => `${f.severity} ${/escalation path ([\w-]+)/.exec(f.message)?.[1]}`)).toEqual(["error lambda-001"]);
    // The worker carries the same condition, or a narrower one (fewer regions): no more privileged.
    expect(zsp016(json(allow(["s3:*"], "*", inRegion("eu-west-1"))))).toEqual([]);
    // Another region is not within the principal's grant.
    expect(zsp016(json(allow(["s3:*"], "*", inRegion("us-east-1")))).map((f) => f.severity)).toEqual(["error"]);
  });

  it("a same-account trust naming the principal's role ARN needs no sts:AssumeRole grant (as IAM evaluates it): error when the trusting role holds more; a boundary without sts:AssumeRole, a Deny, or a trust naming only the account closes it", async () => {
    const ciArn = `arn:aws:iam::${ACCOUNT}:role/ci`;
    const trusting = (principal: string): Record<string, Record<string, unknown>> => role("admin", { AWS: principal }, [allow(["*"])]);
    // IAM itself: the session of ci may assume admin with no identity policy at all when admin's trust names ci's ARN.
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: ciArn }, Action: "sts:AssumeRole" }] };
    const session = { principal: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/s`, action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin`, context: {} };
    expect(await evaluateSessionWithResourcePolicy([], undefined, trust, session)).toBe("Allowed");
    expect(await evaluateSessionWithResourcePolicy([], JSON.parse(doc(allow(["s3:GetObject"]))), trust, session)).not.toBe("Allowed");

    for (const principal of [ciArn, "${aws_iam_role.ci.arn}"]) {
      const found = zsp016(config({ inline: doc(logs), more: trusting(principal) }));
      expect(found.map((f) => f.severity)).toEqual(["error"]);
      expect(found[0]?.message).toMatch(/role ci can assume role admin without any grant of its own: that role's trust policy names ci.*role admin holds permissions ci does not/);
    }
    // The same trust in a plan.
    expect(zsp016(toPlan(config({ inline: doc(logs), more: trusting(ciArn) }))).map((f) => f.severity)).toEqual(["error"]);
    // Closed: a boundary that does not allow sts:AssumeRole, an explicit Deny, a trust naming only the account root (that needs a grant).
    expect(zsp016(config({ inline: doc(logs), boundary: doc(allow(["logs:PutLogEvents"])), more: trusting(ciArn) }))).toEqual([]);
    expect(zsp016(config({ inline: doc(logs, { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" }), more: trusting(ciArn) }))).toEqual([]);
    expect(zsp016(config({ inline: doc(logs), more: trusting(`arn:aws:iam::${ACCOUNT}:root`) }))).toEqual([]);
    // A trusting role that holds no more than ci: clean, but the access map still shows ci can become it.
    const peer = role("peer", { AWS: ciArn }, [logs]);
    const json = config({ inline: doc(logs), more: peer });
    expect(zsp016(json)).toEqual([]);
    const ci = accessMap(loadDocument(json, "t")).find((e) => e.address === "aws_iam_role.ci");
    expect(ci?.canBecome).toEqual([{ role: "peer", address: "aws_iam_role.peer", via: ["sts-001"], morePrivileged: false }]);
  });

  it("PassRole of a role outside the input: warning (its privilege is unknown)", () => {
    const json = config({ inline: doc(allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/elsewhere`, passedTo("lambda.amazonaws.com")), createAndInvoke) });
    const found = zsp016(json);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0]?.message).toMatch(/not in this input, so its privilege is unknown/);
  });

  it("a role that does not trust the service it would be passed to is no target; iam:PassedToService for another service completes no Lambda path", () => {
    const admin = role("worker", { Service: "ec2.amazonaws.com" }, [allow(["*"])]);
    expect(zsp016(config({ inline: doc(allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/worker`), createAndInvoke), more: admin }))).toEqual([]);
    expect(zsp016(config({ inline: doc(allow(["iam:PassRole"], "*", passedTo("ecs-tasks.amazonaws.com")), createAndInvoke) }))).toEqual([]);
  });

  it("sts:AssumeRole of a more privileged role that trusts the principal: error; one that does not trust it: clean", () => {
    const assume = doc(allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/admin`), logs);
    const trusting = role("admin", { AWS: "${aws_iam_role.ci.arn}" }, [allow(["*"])]);
    expect(zsp016(config({ inline: assume, more: trusting })).map((f) => f.severity)).toEqual(["error"]);
    const other = role("admin", { AWS: `arn:aws:iam::${ACCOUNT}:role/someone-else` }, [allow(["*"])]);
    expect(zsp016(config({ inline: assume, more: other }))).toEqual([]);
  });

  it("chains: ci may assume hop (no more privileged), hop may pass admin to Lambda: both hop and ci are reported", () => {
    const hopGrants = [allow(["iam:PassRole"], `arn:aws:iam::${ACCOUNT}:role/admin`, passedTo("lambda.amazonaws.com")), createAndInvoke, logs];
    const json = config({
      inline: doc(allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/hop`), ...hopGrants),
      more: merge(role("hop", { AWS: `arn:aws:iam::${ACCOUNT}:role/zsp/jit/ci` }, hopGrants), role("admin", LAMBDA, [allow(["*"])])),
    });
    const found = zsp016(json);
    const onCi = found.filter((f) => f.address === "aws_iam_role.ci");
    // ci holds hop's grants itself, so it completes lambda-001 onto admin directly (the direct finding names admin; no separate chain finding).
    expect(onCi.map((f) => /escalation path ([\w-]+)/.exec(f.message)?.[1])).toEqual(["lambda-001"]);
    expect(onCi[0]?.message).toMatch(/role admin holds permissions ci does not/);
    expect(found.filter((f) => f.address === "aws_iam_role.hop").map((f) => f.severity)).toContain("error");
  });

  it("a chain through a role only it can use: ci cannot pass admin itself, but hop (trusting only ci) can", () => {
    const json = config({
      inline: doc(allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/hop`), logs),
      more: merge(
        role("hop", { AWS: `arn:aws:iam::${ACCOUNT}:role/zsp/jit/ci` }, [allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/admin`)]),
        role("admin", { AWS: "${aws_iam_role.hop.arn}" }, [allow(["*"])]),
      ),
    });
    const onCi = zsp016(json).filter((f) => f.address === "aws_iam_role.ci");
    // hop itself holds what ci does not (sts:AssumeRole on admin): a direct finding; admin, two hops away, a chain finding.
    expect(onCi.map((f) => f.severity)).toEqual(["error", "error"]);
    expect(onCi.map((f) => f.message).join("\n")).toMatch(/escalation path sts-001 .*role hop holds permissions ci does not/);
    expect(onCi.map((f) => f.message).join("\n")).toMatch(/can become role admin through a chain: ci -\[sts-001\]-> hop -\[sts-001\]-> admin/);
  });

  it("existing-passrole: lambda:UpdateFunctionCode on a function of the input runs as its role: judged by that role", () => {
    const fn = (roleRef: string): Record<string, Record<string, unknown>> => ({ aws_lambda_function: { api: { function_name: "payments-api", role: roleRef, handler: "index.handler", runtime: "nodejs20.x" } } });
    const update = doc(allow(["lambda:UpdateFunctionCode"], `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:payments-api`), logs);
    expect(zsp016(config({ inline: update, more: merge(fn("${aws_iam_role.worker.arn}"), role("worker", LAMBDA, [logs])) }))).toEqual([]);
    expect(zsp016(config({ inline: update, more: merge(fn("${aws_iam_role.worker.arn}"), role("worker", LAMBDA, [allow(["*"])])) })).map((f) => f.severity)).toEqual(["error"]);
    expect(zsp016(config({ inline: update })).map((f) => f.severity)).toEqual(["warning"]);
  });

  it("modifying a named role of the input: error unless its boundary keeps it within the principal's permissions", () => {
    const put = doc(allow(["iam:PutRolePolicy"], `arn:aws:iam::${ACCOUNT}:role/worker`), logs);
    expect(zsp016(config({ inline: put, more: role("worker", LAMBDA, [logs]) })).map((f) => f.severity)).toContain("error");
    const bounded = merge(role("worker", LAMBDA, [logs], { permissions_boundary: "${aws_iam_policy.worker-boundary.arn}" }), { aws_iam_policy: { "worker-boundary": { name: "wb", policy: doc(logs) } } });
    expect(zsp016(config({ inline: put, more: bounded }))).toEqual([]);
  });

  it("an admin principal escalates to nothing (it holds everything already)", () => {
    expect(zsp016(config({ inline: doc(allow(["*"])) }))).toEqual([]);
  });
});

describe("ZSP016 in SARIF", () => {
  it("the rule's help lists every path with its page; each result names its path and that page, and is fingerprinted per path", () => {
    const json = config({ inline: doc(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction", "sts:AssumeRole"])) });
    const model = loadDocument(json, "t");
    const findings = check(model, { now: NOW }).findings.filter((f) => f.rule === "ZSP016");
    const log = toSarif([{ input: { file: "t.tf.json", text: JSON.stringify(json), model }, findings }], "0.0.0");
    const rule = log.runs[0]?.tool.driver.rules?.find((r) => r.id === "ZSP016");
    expect(rule?.helpUri).toBe("https://pathfinding.cloud/");
    for (const p of ESCALATION_PATHS) expect(rule?.help?.markdown).toContain(`[${p.id}](${p.url})`);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.properties?.escalationPath).sort()).toEqual(["lambda-001", "lambda-002", "sts-001"].filter((id) => findings.some((f) => f.message.includes(`path ${id} `))).sort());
    for (const r of results) expect(r.properties?.helpUri).toBe(`https://pathfinding.cloud/paths/${String(r.properties?.escalationPath)}`);
    expect(new Set(results.map((r) => r.partialFingerprints?.["zspFinding/v1"])).size).toBe(results.length);
  });
});

describe("the access map answers what a role may do and what it can become", () => {
  const json = config({
    inline: doc(allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/hop`), logs, { Effect: "Deny", Action: ["logs:PutLogEvents"], Resource: "*" }),
    more: merge(
      role("hop", { AWS: `arn:aws:iam::${ACCOUNT}:role/zsp/jit/ci` }, [allow(["sts:AssumeRole"], `arn:aws:iam::${ACCOUNT}:role/admin`), allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::acme-reports/*")]),
      role("admin", { AWS: "${aws_iam_role.hop.arn}" }, [allow(["*"])]),
    ),
  });
  const model = loadDocument(json, "t");
  const entries = accessMap(model);
  const ci = entries.find((e) => e.address === "aws_iam_role.ci");

  it("JSON: every effective action with its access level and resources, after Denies", () => {
    expect(ci?.may).toEqual([{ action: "sts:AssumeRole", accessLevel: "Write", resources: [`arn:aws:iam::${ACCOUNT}:role/hop`] }]);
    expect(entries.find((e) => e.address === "aws_iam_role.hop")?.may?.map((p) => `${p.action} ${p.accessLevel}`)).toEqual(["s3:GetObject Read", "s3:PutObject Write", "sts:AssumeRole Write"]);
  });

  it("JSON: the roles it can become through AssumeRole chains, with the path ids and whether they hold more", () => {
    expect(ci?.canBecome).toEqual([
      { role: "hop", address: "aws_iam_role.hop", via: ["sts-001"], morePrivileged: true },
      { role: "admin", address: "aws_iam_role.admin", via: ["sts-001", "sts-001"], morePrivileged: true },
    ]);
  });

  it("Markdown: summarised by service and access level, with the chains", () => {
    const md = accessMapMarkdown(entries);
    expect(md).toContain("| t | `role/zsp/jit/ci` | sts: Write 1 | hop via sts-001 (more privileged)<br>admin via sts-001 → sts-001 (more privileged) | — |");
    expect(md).toContain("| t | `role/hop` | s3: Read 1, Write 1; sts: Write 1 | admin via sts-001 (more privileged) | — |");
  });
});
