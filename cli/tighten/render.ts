import { JsonGrant, TightenResult, TightenRole } from "./tighten";

/** Renders `zsp tighten` output for review (Markdown) and for pasting (TypeScript). */

const q = (s: string): string => JSON.stringify(s);
const list = (xs: readonly string[]): string => `[${xs.map(q).join(", ")}]`;

/** Condition keys a JitRole writes from its own props (the window): not repeated in pasted grants. */
const ROLE_OWN_KEYS = new Set(["aws:CurrentTime"]);

function grantTs(g: JsonGrant): string {
  const conditions = Object.entries(g.conditions ?? {})
    .map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).filter(([k]) => !ROLE_OWN_KEYS.has(k)))] as const)
    .filter(([, keys]) => Object.keys(keys).length > 0);
  const extra = conditions.length > 0 ? `, ${JSON.stringify(Object.fromEntries(conditions))}` : "";
  return `grant(${list(g.actions)}, ${list(g.resources)}${extra})`;
}

function denyUnlessTs(d: NonNullable<TightenRole["proposed"]>["denyUnless"]): string | undefined {
  const parts = (["sourceVpce", "sourceIp", "regions"] as const).filter((k) => d[k] !== undefined).map((k) => `${k}: ${list(d[k] as readonly string[])}`);
  return parts.length > 0 ? `{ ${parts.join(", ")} }` : undefined;
}

/** The `grants` and `denyUnless` props of each proved role, as TypeScript to paste into its `JitRole`. */
export function toTypeScript(result: TightenResult): string {
  const out: string[] = ["// zsp tighten: proposed JitRole props (import { grant } from \"cdktf-zsp\")", ""];
  for (const r of result.roles) {
    out.push(`// ${r.name} (${r.stack}: ${r.address})`);
    if (r.proposed === null) {
      out.push(`// no proposal: ${r.proof.failures.join("; ") || "not proved"}`, "");
      continue;
    }
    out.push("// proved: grants nothing the current policy does not; every observed call is still allowed");
    const hasWindow = r.proposed.grants.some((g) => Object.values(g.conditions ?? {}).some((keys) => Object.keys(keys).some((k) => ROLE_OWN_KEYS.has(k))));
    if (hasWindow) out.push("// (aws:CurrentTime conditions come from the role's window prop and are left out here)");
    out.push("grants: [", ...r.proposed.grants.map((g) => `  ${grantTs(g)},`), "],");
    const deny = denyUnlessTs(r.proposed.denyUnless);
    if (deny !== undefined) out.push(`denyUnless: ${deny},`);
    const h = r.proposed.regularHoursUtc;
    if (h) out.push(`// every call fell between ${pad(h.from)}:00 and ${pad(h.to)}:00 UTC`);
    out.push("");
  }
  return `${out.join("\n")}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string[] {
  if (rows.length === 0) return ["(none)", ""];
  const cell = (v: string | number): string => String(v).replace(/\|/g, "\\|");
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`), ""];
}

function counts(record: Readonly<Record<string, number>>, limit = 10): string {
  const entries = Object.entries(record);
  if (entries.length === 0) return "none";
  const shown = entries.slice(0, limit).map(([k, n]) => `${k || "(none)"} (${n})`).join(", ");
  return entries.length > limit ? `${shown}, and ${entries.length - limit} more` : shown;
}

/** The review document. */
export function toMarkdown(result: TightenResult): string {
  const s = result.summary;
  const out: string[] = ["# zsp tighten", ""];
  out.push(`${s.files} file(s), ${s.records} record(s) read${s.bad > 0 ? `, ${s.bad} bad record(s) skipped` : ""}; ${s.events} event(s)${s.outsidePeriod > 0 ? `, ${s.outsidePeriod} before --since` : ""}.`);
  out.push(`${s.roles} role(s) in the input: ${s.proved} with a proved proposal, ${s.notProved} without.`);
  const others = Object.keys(s.otherRoles).length + (s.otherRolesOverflow > 0 ? 1 : 0);
  if (others > 0) out.push(`Events of roles not in the input (counted, not attributed): ${counts(s.otherRoles)}.`);
  out.push("");
  for (const r of result.roles) {
    out.push(`## ${r.name}: ${r.proposed !== null ? "proved" : "no proposal"}`, "");
    out.push(`\`${r.address}\` in ${r.stack}${r.roleArn !== null ? `, \`${r.roleArn}\`` : ""}.`);
    out.push(`${r.events.allowed} allowed and ${r.events.denied} denied call(s), ${r.events.obtained} session(s) obtained${r.events.first !== null ? `, from ${r.events.first} to ${r.events.last}` : ""}.`, "");
    out.push("### Unused grants", "", ...table(["action", "resource"], r.unused.map((u) => [u.action, u.resource])));
    if (r.unknowable.length > 0) out.push("### Grants whose use the logs cannot show", "", ...table(["action", "resource", "why"], r.unknowable.map((u) => [u.action, u.resource, u.reason])));
    out.push("### Used", "", ...table(["action", "resource", "calls"], r.used.map((u) => [u.action, u.resource, u.calls])));
    if (r.proposed !== null) {
      out.push("### Proposed", "", "```ts", "grants: [", ...r.proposed.grants.map((g) => `  ${grantTs(g)},`), "],");
      const deny = denyUnlessTs(r.proposed.denyUnless);
      if (deny !== undefined) out.push(`denyUnless: ${deny},`);
      out.push("```", "");
      out.push(`Proof: ${r.proof.failures.length === 0 && "checked" in r.proof ? `${r.proof.checked.pairs} proposed action/resource pair(s) each within a current Allow statement with its conditions; ${r.proof.checked.observed} observed use(s) still allowed.` : ""}`, "");
    } else {
      out.push("### No proposal", "", ...r.proof.failures.map((f) => `- ${f}`), "");
    }
    const b = r.baseline;
    out.push("### Baseline", "");
    out.push(`- regions: ${counts(b.regions)}`);
    out.push(`- source addresses: ${counts(b.sourceIps)}${b.viaAwsService > 0 ? `; ${b.viaAwsService} call(s) by AWS services on the role's behalf` : ""}`);
    out.push(`- VPC endpoints: ${counts(b.vpcEndpoints)}`);
    out.push(`- user agents: ${counts(b.userAgents, 3)}`);
    out.push(`- hours (UTC) with calls: ${b.hoursUtc.map((n, h) => (n > 0 ? pad(h) : "")).filter((x) => x).join(" ") || "none"}, on ${b.days} day(s)${r.proposed?.regularHoursUtc ? `; every call between ${pad(r.proposed.regularHoursUtc.from)}:00 and ${pad(r.proposed.regularHoursUtc.to)}:00` : ""}`);
    out.push(`- sessions obtained by: ${b.sources.length === 0 ? "not in the logs" : b.sources.map((x) => `${x.subject}${x.sourceIdentity ? ` (source identity ${x.sourceIdentity})` : ""}: ${x.obtained} session(s), ${x.calls} call(s)`).join("; ")}${b.unlinkedCalls > 0 ? `; ${b.unlinkedCalls} call(s) from sessions whose AssumeRole* is not in the logs` : ""}`, "");
    if (r.denied.length > 0) out.push("### Denied calls", "", ...table(["action", "resource", "error", "calls"], r.denied.map((d) => [d.action, d.resource, d.errorCode, d.calls])));
    if (r.notGranted.length > 0) out.push("### Allowed in the logs, not granted by the current policy", "", ...r.notGranted.map((n) => `- ${n.call} (${n.calls})`), "");
    if (r.notes.length > 0) out.push("### Notes", "", ...r.notes.map((n) => `- ${n}`), "");
  }
  return `${out.join("\n")}`;
}
