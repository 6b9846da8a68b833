/**
 * Constructs never produce a ZSP016 error: for every path of the catalogue,
 * a JitRole granted the path's permissions on patterns is refused at
 * construction (ZspError naming the grant and the path id), by the same
 * matcher the guard uses; granted them on named resources outside the stack
 * it synthesizes, and the guard shows at most a warning. ZspBoundary denies
 * every IAM and STS permission the paths need (except what a role grants by name).
 */
import { TerraformStack, Testing } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZspError, grant } from "../modules";
import { boundaryDocument } from "../modules/aws/boundary";
import { check, loadDocument } from "../modules/guard/engine";
import { lookupAction } from "../modules/iam/catalogue";
import { ESCALATION_PATHS, EscalationPath } from "../modules/iam/escalation-paths";
import { PolicyStatement } from "../modules/iam/policy-document";
import { jitApp } from "./helpers/jit";

const ACCOUNT = "111122223333";
const GH = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const NOW = new Date("2026-11-25T12:00:00Z");

/** A resource for `action` from its catalogue ARN format: placeholders named (`name`) or wildcarded (`pattern`); `*` for actions without resource-level permissions. */
function resourceFor(action: string, form: "named" | "pattern"): string {
  const known = lookupAction(action);
  const service = action.slice(0, action.indexOf(":"));
  const template = known?.resourceArns.find((a) => a.split(":")[2] === service) ?? known?.resourceArns[0];
  if (known === undefined || known.wildcardOnly || template === undefined) return "*";
  return template
    .replace("${Partition}", "aws").replace("${Region}", "eu-west-1").replace("${Account}", ACCOUNT)
    .replace(/\$\{[A-Za-z]+\}/g, form === "named" ? "worker" : "*");
}

function jitRole(path: EscalationPath, form: "named" | "pattern"): TerraformStack {
  const stack = new TerraformStack(jitApp(), "s");
  new JitRole(stack, "ci", {
    roleName: "ci",
    ownership: { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "escalation property" },
    identities: [WorkloadIdentity.githubActions({ providerArn: GH, repo: "acme/payments", environment: "production" })],
    grants: path.permissions.map((p) => grant([p.action], [resourceFor(p.action, form)])),
  });
  return stack;
}

const refusal = (f: () => unknown): ZspError | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof ZspError) return e;
    throw e;
  }
};

describe.each(ESCALATION_PATHS.map((p) => [p.id, p] as const))("%s through a JitRole", (id, path) => {
  it("on patterns: refused at construction, naming a grant and the path id", () => {
    const e = refusal(() => jitRole(path, "pattern"));
    expect(e).toBeDefined();
    expect(e?.prop).toMatch(/^grants\[\d+\]/);
    expect(e?.message).toContain(id);
  });

  it("on named resources outside the stack: refused, or synthesized with no ZSP016 error (a warning at most)", () => {
    let stack: TerraformStack | undefined;
    const e = refusal(() => (stack = jitRole(path, "named")));
    if (e !== undefined) {
      // Only what the boundary denies outright (IAM policy, trust and credential changes) is refused by name.
      expect(e.message).toMatch(/the ZSP boundary denies them/);
      expect(e.message).toContain(id);
      return;
    }
    const findings = check(loadDocument(JSON.parse(Testing.synth(stack as TerraformStack)) as unknown, "s"), { now: NOW }).findings.filter((f) => f.rule === "ZSP016");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("ZspBoundary keeps denying what makes the paths possible", () => {
  it.each(ESCALATION_PATHS.map((p) => [p.id, p] as const))("%s: a role holding its permissions on * under a ZspBoundary that allows them completes it only through non-IAM resource actions", (id, path) => {
    const actions = path.permissions.map((p) => p.action);
    const allow = [new PolicyStatement({ actions, resources: ["*"] })];
    const boundary = boundaryDocument({ allow }).toJsonString();
    const json = {
      provider: { aws: [{ region: "eu-west-1", allowed_account_ids: [ACCOUNT] }] },
      resource: {
        aws_iam_role: { ci: { name: "ci", assume_role_policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/runner` }, Action: "sts:AssumeRole" }] }), permissions_boundary: "${aws_iam_policy.b.arn}" } },
        aws_iam_role_policy: { ci: { role: "${aws_iam_role.ci.name}", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }) } },
        aws_iam_policy: { b: { name: "b", policy: boundary } },
      },
    };
    const found = check(loadDocument(json, "b"), { now: NOW }).findings.filter((f) => f.rule === "ZSP016" && f.message.includes(`escalation path ${id} `));
    const needsIam = actions.some((a) => /^(iam|sts):/.test(a));
    expect({ id, reported: found.length > 0 }).toEqual({ id, reported: !needsIam });
  });
});
