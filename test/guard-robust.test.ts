import fc from "fast-check";
import { accessMap } from "../modules/guard/access-map";
import { accessMapMarkdown } from "../modules/guard/access-map-markdown";
import { check, loadDocument } from "../modules/guard/engine";

const TYPES = [
  "aws_iam_role", "aws_iam_role_policy", "aws_iam_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user",
  "aws_s3_bucket", "aws_cloudwatch_event_rule", "aws_cloudwatch_event_target", "vault_policy", "vault_mount", "vault_aws_secret_backend_role",
  "vault_database_secret_backend_role", "vault_jwt_auth_backend_role", "vault_pki_secret_backend_role", "aws_iam_openid_connect_provider", "vault_jwt_auth_backend", "vault_aws_secret_backend",
];
const ATTRS = [
  "name", "path", "assume_role_policy", "policy", "role", "policy_arn", "roles", "tags", "tags_all", "inline_policy", "managed_policy_arns",
  "max_session_duration", "event_pattern", "rule", "credential_type", "revocation_statements", "token_ttl", "default_lease_ttl_seconds",
  "statement", "permissions_boundary", "url", "type", "backend", "role_arns", "password", "provider",
  "bound_claims", "bound_claims_type", "bound_audiences", "token_policies", "token_max_ttl", "max_sts_ttl", "max_ttl", "description", "role_name",
];
const NOW = new Date("2026-12-02T00:00:00Z");

/** Values that look like what Terraform JSON holds, and what it should not. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }),
  fc.constantFrom(
    "${aws_iam_role.r0.name}", "${data.aws_iam_policy_document.d0.json}", "${jsonencode(var.x)}", "${(known after apply)}", "*",
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}]}',
    '{"Statement":{"Effect":"Allow","Action":["s3:*"],"NotPrincipal":{"AWS":"x"}}}', 'path "*" { capabilities = ["sudo"] }', '{"path":{"*":{"capabilities":"sudo"}}}',
  ),
  fc.array(fc.record({ effect: fc.constantFrom("Allow", "Deny", 3), actions: fc.constantFrom("*", ["s3:*"], 1, null), principals: fc.constantFrom([{ type: "*", identifiers: ["*"] }], "x", null), condition: fc.constantFrom([{ test: "Bool", variable: "aws:MultiFactorAuthPresent", values: [true] }], {}, null) }, { requiredKeys: [] }), { maxLength: 3 }),
);
const body = fc.dictionary(fc.constantFrom(...ATTRS), value, { maxKeys: 8 });
const resources = fc.dictionary(fc.constantFrom(...TYPES), fc.dictionary(fc.constantFrom("r0", "r1", "d0"), body, { maxKeys: 3 }), { maxKeys: 6 });

describe("the engine and the access map never crash on odd input", () => {
  it("Terraform JSON configuration of any content", () => {
    fc.assert(fc.property(resources, fc.dictionary(fc.constantFrom("aws_iam_policy_document", "vault_policy_document"), fc.dictionary(fc.constantFrom("d0"), body)), fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }),
      (resource, data, provider, meta) => {
        const model = loadDocument({ resource, data, provider, variable: { x: { default: meta } }, "//": { zsp: { suppressions: [meta], profile: undefined } } }, "fuzz");
        const result = check(model, { now: NOW });
        for (const f of result.findings) if (typeof f.message !== "string") throw new Error("finding without message");
        accessMapMarkdown(accessMap(model)); // zsp report reads the same input
      }), { numRuns: 150 });
  });

  it("plans of any content", () => {
    const change = fc.record({
      address: fc.constantFrom("aws_iam_role.r0", "module.m.aws_iam_role.r1[0]", "data.aws_iam_policy_document.d0", "vault_policy.r0"),
      mode: fc.constantFrom("managed", "data", 7),
      type: fc.constantFrom(...TYPES, "aws_iam_policy_document"),
      name: fc.constantFrom("r0", "r1", "d0"),
      change: fc.record({ actions: fc.constantFrom(["create"], ["delete"], ["read"], "x"), after: fc.oneof(body, fc.jsonValue({ maxDepth: 1 })), after_unknown: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] }),
    }, { requiredKeys: ["address", "change"] });
    fc.assert(fc.property(fc.array(change, { maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 1 }), (changes, configuration, planned) => {
      const model = loadDocument({ format_version: "1.2", resource_changes: changes, configuration, planned_values: planned }, "fuzz");
      check(model, { now: NOW });
      accessMapMarkdown(accessMap(model));
    }), { numRuns: 150 });
  });
});
