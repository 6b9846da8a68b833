// Runs every bench/*.bench.js in turn (or those named on the command line) and prints their tables.
"use strict";
const { readdirSync } = require("node:fs");
const { spawnSync } = require("node:child_process");
const { join } = require("node:path");

const wanted = process.argv.slice(2);
const benches = readdirSync(__dirname).filter((f) => f.endsWith(".bench.js") && (wanted.length === 0 || wanted.some((w) => f.startsWith(w))));
let failed = false;
for (const file of benches.sort()) {
  const r = spawnSync(process.execPath, ["--expose-gc", join(__dirname, file)], { stdio: "inherit" });
  failed = failed || r.status !== 0;
  console.log("");
}
process.exitCode = failed ? 1 : 0;
