#!/usr/bin/env node
// Converts the privilege-escalation paths of pathfinding.cloud (DataDog,
// Apache-2.0; one YAML file per path in its data/paths/) into the data file
// the guard (ZSP016) and the constructs read: modules/iam/escalation-paths.json.
// Only the fields the project uses are kept: id, name, category, services,
// required permissions with their resource constraint, the first paragraph of
// the description and of the recommendation, the parent path, the page URL;
// plus `instead`, written here (our words, per category): what to grant instead.
// Usage: node scripts/pathfinding.js [yaml-dir] [--write]
//   yaml-dir defaults to ../shared/reference/pathfinding (pathfinding.cloud data/paths at 84dd65c);
//   prints the JSON, or writes it with --write.
"use strict";
const { readdirSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const YAML = require("yaml");

const DEFAULT_DIR = join(__dirname, "..", "..", "shared", "reference", "pathfinding");
const OUT = join(__dirname, "..", "modules", "iam", "escalation-paths.json");
const CATEGORIES = ["new-passrole", "existing-passrole", "self-escalation", "principal-access"];

/** The service principal a role is passed to, per service prefix of a path (what iam:PassedToService names). */
const PASSED_TO = {
  apprunner: "tasks.apprunner.amazonaws.com",
  "bedrock-agentcore": "bedrock-agentcore.amazonaws.com",
  cloudformation: "cloudformation.amazonaws.com",
  codebuild: "codebuild.amazonaws.com",
  datapipeline: "datapipeline.amazonaws.com",
  ec2: "ec2.amazonaws.com",
  ecs: "ecs-tasks.amazonaws.com",
  glue: "glue.amazonaws.com",
  lambda: "lambda.amazonaws.com",
  sagemaker: "sagemaker.amazonaws.com",
};

/** First paragraph of a Markdown text, on one line. */
function firstParagraph(text) {
  const para = String(text || "").trim().split(/\n\s*\n/)[0] || "";
  return para.replace(/\s*\n\s*/g, " ").trim();
}

/** What to grant instead, by category (our words; the upstream recommendation is kept beside it). */
function instead(category, actions, passedTo) {
  const list = actions.filter((a) => a !== "iam:PassRole" && a !== "sts:AssumeRole").join(", ");
  switch (category) {
    case "new-passrole":
      return `Grant iam:PassRole only on the named role(s) the task must pass, with iam:PassedToService = ${passedTo || "the service"}, and keep each such role no more privileged than the caller (define it in the same stack so the guard can compare); grant ${list} only to the pipeline that deploys, not to the workload.`;
    case "existing-passrole":
      return `Grant ${list} only on named resources whose execution role is defined in the same stack and is no more privileged than the caller; never on * or a pattern.`;
    case "self-escalation":
      return `Do not grant ${list} to a workload: IAM changes go through the Terraform pipeline or a break-glass role (ZspBoundary denies ${list}).`;
    default:
      return `Do not grant ${actions.join(" + ")} on * or a pattern: name the exact role in the same stack, no more privileged than the caller, whose trust names this caller; workloads never create or change credentials or policies of other principals.`;
  }
}

/** The catalogue of one directory of path files, sorted by id. */
function convert(dir) {
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  const paths = files.map((f) => {
    // Some upstream files repeat a top-level key (learningEnvironments); the last wins, as in PyYAML.
    const d = YAML.parse(readFileSync(join(dir, f), "utf8"), { uniqueKeys: false });
    const where = `${f}:`;
    if (typeof d.id !== "string" || !/^[a-z0-9-]+-\d{3}$/.test(d.id)) throw new Error(`${where} id ${JSON.stringify(d.id)} is not of the form service-NNN`);
    if (!CATEGORIES.includes(d.category)) throw new Error(`${where} unknown category ${JSON.stringify(d.category)}`);
    const required = (d.permissions && d.permissions.required) || [];
    if (required.length === 0) throw new Error(`${where} no required permissions`);
    const permissions = required.map((p) => {
      if (typeof p.permission !== "string" || !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(p.permission)) throw new Error(`${where} bad permission ${JSON.stringify(p.permission)}`);
      return { action: p.permission, resource: firstParagraph(p.resourceConstraints) };
    });
    const actions = permissions.map((p) => p.action);
    const service = actions.map((a) => a.split(":")[0]).find((s) => s !== "iam" && s !== "sts");
    const passedTo = actions.includes("iam:PassRole") && service ? PASSED_TO[service] : undefined;
    if (actions.includes("iam:PassRole") && !passedTo) throw new Error(`${where} PassRole to service ${service}: add its service principal to PASSED_TO`);
    return {
      id: d.id,
      name: String(d.name),
      category: d.category,
      services: (d.services || []).map(String),
      permissions,
      ...(passedTo ? { passedToService: passedTo } : {}),
      description: firstParagraph(d.description),
      recommendation: firstParagraph(d.recommendation),
      instead: instead(d.category, actions, passedTo),
      ...(d.parent && d.parent.id ? { parent: String(d.parent.id) } : {}),
      url: `https://pathfinding.cloud/paths/${d.id}`,
    };
  });
  return {
    source: "https://github.com/DataDog/pathfinding.cloud (data/paths at 84dd65c)",
    license: "Apache-2.0",
    copyright: "Copyright 2025-Present Datadog, Inc.",
    upstreamNotice: "Datadog pathfinding.cloud. Copyright 2025-Present Datadog, Inc. This product includes software developed at Datadog (https://www.datadoghq.com/).",
    notice: "Derived from pathfinding.cloud by scripts/pathfinding.js: fields selected, description and recommendation cut to their first paragraph, `instead` and `passedToService` added by cdktf-zsp.",
    paths: paths.sort((a, b) => a.id.localeCompare(b.id, "en", { numeric: true })),
  };
}

module.exports = { convert, DEFAULT_DIR };

if (require.main === module) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith("--")) || DEFAULT_DIR;
  const text = `${JSON.stringify(convert(dir), null, 1)}\n`;
  if (args.includes("--write")) writeFileSync(OUT, text);
  else process.stdout.write(text);
}
