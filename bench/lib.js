// Shared helpers for the benchmarks: child-process measurement and tables.
"use strict";
const { spawnSync } = require("node:child_process");

/** Median of numbers. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `code` in a fresh node process (`node`, default this one) `runs` times.
 * The code must print one JSON line with numeric fields; returns the median of each field.
 */
function measureInChild(code, runs, cwd, node = process.execPath) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(node, ["-e", code], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`benchmark child failed: ${r.stderr}`);
    samples.push(JSON.parse(r.stdout.trim().split("\n").pop()));
  }
  const out = {};
  for (const key of Object.keys(samples[0])) out[key] = median(samples.map((s) => s[key]));
  return out;
}

/** Prints rows as an aligned Markdown table. */
function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [line(cells[0]), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.slice(1).map(line)].join("\n");
}

module.exports = { median, measureInChild, table };
