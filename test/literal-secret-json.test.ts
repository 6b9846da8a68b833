import { bothShapes, findings, tf } from "./helpers/shapes";

// ZSP010 in JSON text written as a string (ECS container definitions): the
// document is read as JSON when it is JSON, as lines when it is not, escapes
// and all. Each text is checked in both input shapes.

const AT = "ZSP010 aws_ecs_task_definition.web";
const env = (entries: unknown[]): string => JSON.stringify([{ name: "web", image: "nginx", environment: entries }]);
const byArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db";

const FOUND: Array<[string, string]> = [
  ["an access key id written with a \\u escape (a format only once decoded)", '[{"name":"web","environment":[{"name":"LOG","value":"\\u0041KIAIOSFODNN7EXAMPLE"}]}]'],
  ["a secret name written with a \\u escape", '[{"name":"web","environment":[{"name":"DB_PASS\\u0057ORD","value":"Tr0ub4dor-and-3"}]}]'],
  ["a pair whose value comes before its name", env([{ value: "Tr0ub4dor-and-3", name: "DB_PASSWORD" }])],
  ["a pair named by Key and ParameterValue", env([{ ParameterValue: "Tr0ub4dor-and-3", Key: "api_token" }])],
  ["a secret-named key with a literal", JSON.stringify({ name: "web", dbPassword: "Tr0ub4dor-and-3" })],
  ["a secret-named key holding a list of literals", JSON.stringify([{ name: "web", passwords: ["Tr0ub4dor-and-3"] }])],
  ["a secret-named block's value", JSON.stringify([{ name: "web", api_key: { key: "x-api-key", value: "k-8f2a9c7e1b" } }])],
  ["a secret name spelt with the Kelvin sign", JSON.stringify([{ name: "web", "API_\u212aEY": "k-8f2a9c7e1b" }])],
  ["an assignment in a command", JSON.stringify([{ name: "web", command: ["sh", "-c", "export DB_PASSWORD=Sup3rSecret1 && ./run"] }])],
  ["an assignment in base64 inside the document", JSON.stringify([{ name: "web", environment: [{ name: "BOOT", value: Buffer.from("#!/bin/sh\nexport API_TOKEN=Sup3rSecret1\n").toString("base64") }] }])],
  ["JSON text inside the document", env([{ name: "APP_CONFIG", value: JSON.stringify({ password: "Tr0ub4dor-and-3" }) }])],
  ["a pair named over and over in one object", `[{${'"name":"DB_PASSWORD",'.repeat(2000)}"value":"Tr0ub4dor-and-3"}]`],
  ["text that only looks like JSON, read as lines", '{ "name" = "web", password = "Tr0ub4dor-and-3" }'],
  ["JSON with a trailing comma, read as lines", '[{ "name": "web", "password": "Tr0ub4dor-and-3", }]'],
];

const CLEAN: Array<[string, string]> = [
  ["secrets by ARN", JSON.stringify([{ name: "web", image: "nginx", secrets: [{ name: "DB_PASSWORD", valueFrom: byArn }] }])],
  ["a secret name as a list element", JSON.stringify([{ name: "web", command: ["--password-file", "/run/secrets/db_password"] }])],
  ["a pair whose value is a reference", env([{ name: "DB_PASSWORD", value: "{{resolve:secretsmanager:db}}" }])],
  ["settings about secrets", JSON.stringify([{ name: "web", password_length: 32, token_validity_units: { access_token: "hours" } }])],
  ["a fetch of the token at start", JSON.stringify([{ name: "web", command: ["sh", "-c", 'TOKEN="$(curl -s http://169.254.169.254/latest/api/token)" ./run'] }])],
];

describe("ZSP010 in JSON text", () => {
  describe.each(FOUND)("finds %s", (_what, text) => {
    it.each(bothShapes(tf({ resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: text } } } })))("(%s)", (_shape, model) => {
      expect(findings(model, ["ZSP010"])).toContain(AT);
    });
  });
  describe.each(CLEAN)("passes %s", (_what, text) => {
    it.each(bothShapes(tf({ resource: { aws_ecs_task_definition: { web: { family: "web", container_definitions: text } } } })))("(%s)", (_shape, model) => {
      expect(findings(model, ["ZSP010"])).toEqual([]);
    });
  });
});
