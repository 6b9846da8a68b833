#!/usr/bin/env node
// Lists the AWS resource types whose configuration takes `tags`, from the
// @cdktf/provider-aws .d.ts files, so the guard (ZSP012) knows which resources
// must carry ownership tags without loading provider bindings at run time.
// Usage: node scripts/taggable-types.js [--write]   (prints, or writes modules/guard/aws-taggable-types.json)
"use strict";
const { readdirSync, readFileSync, writeFileSync, existsSync } = require("node:fs");
const { join, dirname } = require("node:path");

/** The sorted list of taggable AWS resource types (managed resources only). */
function taggableTypes() {
  const lib = join(dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib");
  const types = [];
  for (const dir of readdirSync(lib)) {
    const file = join(lib, dir, "index.d.ts");
    if (dir.startsWith("data-") || !existsSync(file)) continue;
    const text = readFileSync(file, "utf8");
    const type = /static readonly tfResourceType = "([a-z0-9_]+)"/.exec(text);
    if (!type || !/extends cdktf\.TerraformResource\b/.test(text)) continue;
    const config = /export interface \w+Config extends cdktf\.TerraformMetaArguments \{\n([\s\S]*?)\n\}/.exec(text);
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
