// What the index builders (scripts/iam-catalogue.js, scripts/managed-policies.js) share: the NDJSON layout
// modules/iam/built-index.ts reads (a header line, then one JSON array per line, its key first) and the
// command line (`--out <file>`, by default next to the compiled IAM modules in dist/).
"use strict";
const { mkdirSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

/** The index text: the header object's line, then one line per entry (arrays whose first element is the key). */
function ndjson(header, entries) {
  return `${JSON.stringify(header)}\n${entries.map((e) => JSON.stringify(e)).join("\n")}\n`;
}

/** Writes `build()` to `--out <file>`, else to dist/modules/iam/<name>. */
function writeIndex(name, build) {
  const i = process.argv.indexOf("--out");
  const out = i > 0 ? process.argv[i + 1] : join(__dirname, "..", "dist", "modules", "iam", name);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, build());
}

module.exports = { ndjson, writeIndex };
