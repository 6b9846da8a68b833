import { formatDuration } from "../core/duration";
import type { AccessEntry } from "./access-map";

/** The access map as a Markdown table. */
export function accessMapMarkdown(entries: readonly AccessEntry[]): string {
  const esc = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "# Access map",
    "",
    "| stack | privilege | who can obtain it | conditions | max lifetime | window | ticket | owner | contact | access |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const e of entries) {
    const who = e.grantees.map((g) => g.identity).join("<br>") || "(nobody in this input)";
    const conditions = e.grantees.map((g) => g.conditions.join("; ") || "none").join("<br>");
    lines.push(`| ${[e.stack, `\`${e.privilege}\``, who, conditions, e.maxLifetimeSeconds !== undefined ? formatDuration(e.maxLifetimeSeconds) : "unbounded",
      e.window ?? "any time", e.ticket ?? "—", e.owner ?? "—", e.contact ?? "—", e.access ?? "—"].map(esc).join(" | ")} |`);
  }
  if (entries.length === 0) lines.push("| — | (no role or Vault path in this input) | | | | | | | | |");
  return `${lines.join("\n")}\n`;
}
