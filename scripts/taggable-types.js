#!/usr/bin/env node
// Lists the AWS resource types whose configuration takes `tags`, from the
// AWS bindings' .d.ts files (the package the core seam picks, see
// provider-shim/core.ts; needs `npm run build`), so the guard (ZSP012) knows
// which resources must carry ownership tags without loading bindings at run time.
// Usage: node scripts/taggable-types.js [--write]   (prints, or writes modules/guard/aws-taggable-types.json)
"use strict";
const { readdirSync, readFileSync, writeFileSync, existsSync } = require("node:fs");
const { join, dirname } = require("node:path");
const { awsBindingsPackage } = require("../dist/provider-shim/core.js");

/** The sorted list of taggable AWS resource types (managed resources only). */
function taggableTypes() {
  const lib = join(dirname(require.resolve(`${awsBindingsPackage}/package.json`)), "lib");
  const types = [];
  for (const dir of readdirSync(lib)) {
    const file = join(lib, dir, "index.d.ts");
    if (dir.startsWith("data-") || !existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const type = /static readonly tfResourceType = "([a-z0-9_]+)"/.exec(text);
    if (!type || !/extends cdkt[fn]\.TerraformResource\b/.test(text)) continue;
    const config = /export interface \w+Config extends cdkt[fn]\.TerraformMetaArguments \{\n([\s\S]*?)\n\}/.exec(text);
    if (config && /\n {4}readonly tags\?:/.test(`\n${config[1]}`)) types.push(type[1]);
  }
  return types.sort();
}

module.exports = { taggableTypes };

if (require.main === module) {
  const text = `${JSON.stringify(taggableTypes(), null, 0).replace(/","/g, '",\n"').replace(/^\[/, "[\n").replace(/\]$/, "\n]")}\n`;
  if (process.argv.includes("--write")) writeFileSync(join(__dirname, "..", "modules", "guard", "aws-taggable-types.json"), text);
  else process.stdout.write(text);
}
