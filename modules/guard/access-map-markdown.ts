import { formatDuration } from "../core/duration";
import type { AccessEntry } from "./access-map";
import type { AllowedPermission } from "./role-reach";

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
  const roles = entries.filter((e) => e.may !== undefined);
  if (roles.length > 0) {
    lines.push("", "## What each role may do and can become", "",
      "Effective permissions after the boundary and Denies, by service and access level (`zsp report --format json` lists every action and resource); roles it can become through AssumeRole chains and escalation paths (pathfinding.cloud ids).", "",
      "| stack | role | may do | can become | open escalation paths (ZSP016) |", "|---|---|---|---|---|");
    for (const e of roles) {
      const become = (e.canBecome ?? []).map((b) => `${b.role} via ${b.via.join(" → ")}${b.morePrivileged ? " (more privileged)" : ""}`).join("<br>") || "—";
      const open = (e.openPaths ?? []).map((o) => `${o.path} (${o.verdict}) on ${o.targets.join(", ")}`).join("<br>") || "—";
      lines.push(`| ${[e.stack, `\`${e.privilege}\``, maySummary(e.may ?? []), become, open].map(esc).join(" | ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** `s3: Read 2, Write 1; lambda: Write 1`: actions per service and access level. */
function maySummary(may: readonly AllowedPermission[]): string {
  if (may.length === 0) return "nothing";
  const byService = new Map<string, Map<string, number>>();
  for (const p of may) {
    const service = p.action.slice(0, p.action.indexOf(":"));
    const levels = byService.get(service) ?? new Map<string, number>();
    levels.set(p.accessLevel, (levels.get(p.accessLevel) ?? 0) + 1);
    byService.set(service, levels);
  }
  return [...byService].map(([service, levels]) => `${service}: ${[...levels].map(([level, n]) => `${level} ${n}`).join(", ")}`).join("; ");
}
