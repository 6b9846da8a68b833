#!/usr/bin/env node
// Regenerates the committed lock of a consumer fixture (test/fixtures/consumers/<name>/package-lock.json)
// after its package.json changed: packs this package, resolves the fixture's manifest with
// `npm install --package-lock-only` (registry needed; no install scripts run), and writes the lock back.
// The consumer tests replace the cdktf-zsp entry (the tarball's integrity) at run time, so the lock
// only pins the third-party tree.
//   node scripts/consumer-lock.js cdktn        (or npm run consumer-lock -- cdktn)
"use strict";
const { execFileSync } = require("node:child_process");
const { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const [name] = process.argv.slice(2);
const fixture = name === undefined ? "" : join(ROOT, "test", "fixtures", "consumers", name);
if (name === undefined || !existsSync(join(fixture, "package.json"))) {
  process.stderr.write(`zsp: usage: node scripts/consumer-lock.js <fixture under test/fixtures/consumers/> ; ${name === undefined ? "no fixture named" : `${fixture}/package.json does not exist`}\n`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), `zsp-lock-${name}-`));
try {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" }));
  renameSync(join(dir, packed[0].filename), join(dir, "cdktf-zsp.tgz"));
  copyFileSync(join(fixture, "package.json"), join(dir, "package.json"));
  execFileSync("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit" });
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
  // The tests write this entry from the tarball they pack; its integrity changes with every build.
  delete lock.packages["node_modules/cdktf-zsp"].integrity;
  writeFileSync(join(fixture, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  process.stdout.write(`wrote ${join("test", "fixtures", "consumers", name, "package-lock.json")}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
