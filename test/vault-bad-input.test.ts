/**
 * Odd input from JavaScript callers (undefined props, wrong types, empty
 * lists): every Vault and agent construct answers with a ZspError naming the
 * construct path, the prop and a fix, never with a TypeError.
 */
import { TerraformStack, TerraformVariable } from "../provider-shim/core";
import {
  AgentIdentity, VaultAuditDevice, VaultAwsSecretsEngine, VaultDatabaseSecretsEngine, VaultPkiEngine, VaultPolicy, VaultWorkloadAuth, ZspError,
} from "../modules";
import type { AgentIdentityProps, IZspRole } from "../modules";
import { testApp } from "./helpers/synth";
import { OWNER } from "./helpers/vault";

const SERVER = "arn:aws:iam::111122223333:role/vault-server";
/** The smallest IZspRole that trusts the Vault server role. */
const TRUSTING = { roleArn: "arn:aws:iam::111122223333:role/zsp/jit/r", roleName: "r", rolePath: "/zsp/jit/", literalArn: "arn:aws:iam::111122223333:role/zsp/jit/r", trustedAwsRoleArns: [SERVER], maxSessionSeconds: 3600, grantStatements: [], node: { path: "r" } } as unknown as IZspRole;
/** A string only known at apply. */
const ref = (s: TerraformStack): string => new TerraformVariable(s, "ref", { type: "string" }).stringValue;
const PG_URL = "postgresql://{{username}}:{{password}}@h/d";
const aws = (s: TerraformStack, id = "a"): VaultAwsSecretsEngine => new VaultAwsSecretsEngine(s, id, { path: "aws", serverRoleArn: SERVER, region: "eu-west-1", ownership: OWNER });
const db = (s: TerraformStack): VaultDatabaseSecretsEngine => new VaultDatabaseSecretsEngine(s, "a", { path: "db", ownership: OWNER });
const pki = (s: TerraformStack): VaultPkiEngine => new VaultPkiEngine(s, "a", { path: "pki", ownership: OWNER, ca: { type: "external-intermediate", commonName: "x" } });
const jwt = (s: TerraformStack, extra: object = {}, id = "a"): VaultWorkloadAuth => new VaultWorkloadAuth(s, id, { path: "jwt", issuer: "https://i.example", verification: { jwksUrl: "https://i.example/k" }, ownership: OWNER, ...extra });
const policy = (s: TerraformStack): VaultPolicy => new VaultPolicy(s, "p", { name: "p", ownership: OWNER, rules: [{ path: "a/b", capabilities: ["read"] }] });
const jwtRole = (s: TerraformStack, extra: object): unknown => jwt(s).addRole("r", { audiences: ["vault"], subject: "s", policies: [policy(s)], ...extra });

function agent(s: TerraformStack, over: (p: AgentIdentityProps) => object): AgentIdentity {
  const props: AgentIdentityProps = {
    agentName: "x",
    ownership: OWNER,
    account: "111122223333",
    login: { auth: jwt(s, {}, "jwt"), subject: "spiffe://acme.example/agent/x", audiences: ["vault"] },
    engine: aws(s, "aws"),
    intents: [{ name: "r", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
  };
  return new AgentIdentity(s, "agent", over(props) as AgentIdentityProps);
}
const intent = (extra: object) => (p: AgentIdentityProps): object => ({ ...p, intents: [{ name: "r", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], ...extra }] });

it.each<[string, (s: TerraformStack) => unknown, string]>([
  ["AWS engine without props", (s) => new VaultAwsSecretsEngine(s, "a", undefined as never), "s/a: invalid props: expected an object, got nothing (undefined)"],
  ["AWS role without props", (s) => aws(s).addRole("r", undefined as never), "s/a/r: invalid props: expected an object, got nothing (undefined)"],
  ["AWS role into undefined", (s) => aws(s).addRole("r", { credentialType: "assumed_role", roles: [undefined as never] }), "s/a/r: invalid props.roles[0]: undefined is not a role"],
  ["AWS role with a numeric external id", (s) => aws(s).addRole("r", { credentialType: "assumed_role", roles: [TRUSTING], externalId: 5 as never }), "s/a/r: invalid props.externalId: 5 is not an external id"],
  ["AWS session tags that are not strings", (s) => aws(s).addRole("r", { credentialType: "assumed_role", roles: [TRUSTING], sessionTags: { task: 5 } as never }), "s/a/r: invalid props.sessionTags: expected a map of tag key to string value"],
  ["database engine without props", (s) => new VaultDatabaseSecretsEngine(s, "a", undefined as never), "s/a: invalid props: expected an object"],
  ["database connection without props", (s) => db(s).addConnection("c", undefined as never), "s/a/c: invalid props: expected an object"],
  ["database role without props", (s) => db(s).addRole("c", undefined as never), "s/a/c: invalid props: expected an object"],
  ["a negative connection lifetime", (s) => db(s).addConnection("c", { plugin: "postgresql", connectionUrl: PG_URL, username: "v", maxConnectionLifetime: -1 }), "s/a/c: invalid props.maxConnectionLifetime: -1 is not a positive whole number of seconds"],
  ["a string verifyConnection", (s) => db(s).addConnection("c", { plugin: "postgresql", connectionUrl: PG_URL, username: "v", verifyConnection: "no" as never }), 'invalid props.verifyConnection: expected true or false, got "no"'],
  ["a string writeOnlyPassword", (s) => db(s).addConnection("c", { plugin: "postgresql", connectionUrl: PG_URL, username: "v", writeOnlyPassword: "yes" as never }), "invalid props.writeOnlyPassword: expected true or false"],
  ["a second connection of the same name", (s) => { const e = db(s); e.addConnection("c", { plugin: "postgresql", connectionUrl: PG_URL, username: "v" }); return e.addConnection("c", { plugin: "postgresql", connectionUrl: PG_URL, username: "v" }); }, 's/a: invalid name: connection "c" already exists on db'],
  ["PKI engine without props", (s) => new VaultPkiEngine(s, "a", undefined as never), "s/a: invalid props: expected an object"],
  ["PKI role without props", (s) => pki(s).addRole("r", undefined as never), "s/a/r: invalid props: expected an object"],
  ["PKI domains as a string", (s) => pki(s).addRole("r", { allowedUriSans: ["spiffe://acme.example/x"], allowedDomains: "x.example" as never }), "s/a/r: invalid props.allowedDomains: expected a list of DNS names, got string"],
  ["JWT mount without props", (s) => new VaultWorkloadAuth(s, "a", undefined as never), "s/a: invalid props: expected an object"],
  ["JWT role without props", (s) => jwt(s).addRole("r", undefined as never), "s/a/r: invalid props: expected an object"],
  ["no signing algorithm", (s) => jwt(s, { supportedAlgorithms: [] }), "s/a: invalid props.supportedAlgorithms: [] is not a non-empty list of signing algorithms Vault verifies"],
  ["the none algorithm", (s) => jwt(s, { supportedAlgorithms: ["none"] }), 'invalid props.supportedAlgorithms: ["none"]'],
  ["a numeric claim mapping", (s) => jwtRole(s, { claimMappings: { a: 5 } }), "s/a/r: invalid props.claimMappings.a: 5 cannot be a metadata key"],
  ["a claim mapped onto role", (s) => jwtRole(s, { claimMappings: { team: "role" } }), 'invalid props.claimMappings.team: "role" cannot be a metadata key (Vault reserves "role"'],
  ["bound CIDRs as a string", (s) => jwtRole(s, { boundCidrs: "10.0.0.0/8" }), 'invalid props.boundCidrs: "10.0.0.0/8" is not a non-empty list of CIDR blocks'],
  ["a Terraform reference as the exact subject (a * or a comma in it would pass unseen)", (s) => jwtRole(s, { subject: ref(s) }), "s/a/r: invalid props.subject: must be a literal known at synth: got a Terraform token"],
  ["a Terraform reference as an audience", (s) => jwtRole(s, { audiences: [ref(s)] }), "invalid props.audiences[0]: must be a literal known at synth"],
  ["a Terraform reference as a bound claim", (s) => jwtRole(s, { claims: { repository_id: ref(s) } }), "invalid props.claims.repository_id: must be a literal known at synth"],
  ["a Terraform reference as a required-claim pattern", (s) => jwtRole(s, { requiredClaims: { task_id: ref(s) } }), "invalid props.requiredClaims.task_id: must be a literal known at synth"],
  ["a Terraform reference as a TTL", (s) => new VaultAwsSecretsEngine(s, "a", { path: "aws", serverRoleArn: SERVER, region: "eu-west-1", ownership: OWNER, maxLeaseTtl: new TerraformVariable(s, "ttl", { type: "number" }).numberValue }), "s/a: invalid props.maxLeaseTtl: must be a literal known at synth"],
  ["a Terraform reference as a mount path", (s) => new VaultDatabaseSecretsEngine(s, "a", { path: ref(s), ownership: OWNER }), "s/a: invalid props.path: must be a literal known at synth"],
  ["a policy without props", (s) => new VaultPolicy(s, "a", undefined as never), "s/a: invalid props: expected an object"],
  ["a null policy rule", (s) => new VaultPolicy(s, "a", { name: "p", ownership: OWNER, rules: [null as never] }), "invalid props.rules.[0].path: expected an exact Vault path, got null instead of a rule"],
  ["policy notes as a string", (s) => new VaultPolicy(s, "a", { name: "p", ownership: OWNER, rules: [{ path: "a/b", capabilities: ["read"] }], notes: "x" as never }), "invalid props.notes: expected a list of strings"],
  ["an audit device without props", (s) => new VaultAuditDevice(s, "a", undefined as never), "s/a: invalid props: expected an object"],
  ["an agent deny that is not a list", (s) => agent(s, intent({ deny: {} })), "s/agent: invalid props.intents[r].deny: expected a list (array), got an object"],
  ["an agent purpose that is not text", (s) => agent(s, intent({ purpose: 5 })), "invalid props.intents[r].purpose: 5 is not a one-line purpose"],
  ["an agent ceiling that is not a list", (s) => agent(s, (p) => ({ ...p, ceiling: {} })), "s/agent: invalid props.ceiling: expected a list (array), got an object"],
  ["an undefined intent", (s) => agent(s, (p) => ({ ...p, intents: [undefined] })), "invalid props.intents[0].name: undefined is not an intent name"],
])("%s is a ZspError naming path and prop", (_name, make, message) => {
  const run = (): unknown => make(new TerraformStack(testApp(), "s"));
  expect(run).toThrow(ZspError);
  expect(run).toThrow(message);
});
