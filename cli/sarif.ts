import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ArtifactLocation, Log, PhysicalLocation, ReportingDescriptor, Result } from "sarif";
import { RULES, RULE_IDS, RuleId } from "../modules/guard/catalogue";
import { labelledBlocks } from "../modules/guard/load-config";
import { Finding, TfModel, blocks } from "../modules/guard/model";
import { projectPath } from "../modules/core/source-location";
import { ESCALATION_PATHS, EscalationPath, escalationPath } from "../modules/iam/escalation-paths";
import { Input } from "./inputs";

/**
 * The base every relative artifact URI is relative to: the directory `zsp check`
 * runs in (the project root, where synth ran, so where the recorded source paths start).
 */
export const SRCROOT = "%SRCROOT%";

/**
 * Where a file is, for SARIF: relative to {@link SRCROOT} with that base id
 * when it is inside `cwd` (a relative `file` is taken as already relative to
 * it), else an absolute `file://` URI.
 */
export function artifactLocation(file: string, cwd: string = process.cwd()): ArtifactLocation {
  const path = projectPath(isAbsolute(file) ? file : resolve(cwd, file), cwd);
  return isAbsolute(path) ? { uri: pathToFileURL(path).href } : { uri: path.split("/").map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/** Where a finding's address is declared in its input file: 1-based line, or 1 when not found. */
export function lineOf(input: Input, finding: Finding): number {
  return lineIn(input.text, input.model.shape, finding.address);
}

/** The block a configuration address names: `[section, label...]`, e.g. `["resource", "aws_iam_role", "x"]`. */
function blockOf(address: string): { section: string; labels: string[] } | undefined {
  const dot = address.indexOf(".");
  const head = address.slice(0, dot);
  const rest = address.slice(dot + 1);
  if (dot < 0) return undefined;
  if (head === "provider") return { section: "provider", labels: rest.split(".") };
  if (head === "var") return { section: "variable", labels: [rest] };
  if (head === "local") return { section: "locals", labels: [rest] };
  if (head === "output" || head === "module") return { section: head, labels: [rest] };
  if (head === "terraform") return { section: "terraform", labels: [] };
  if (head === "data") {
    const m = /^([a-z0-9_]+)\.(.+)$/.exec(rest);
    return m ? { section: "data", labels: [m[1] as string, m[2] as string] } : undefined;
  }
  return { section: "resource", labels: [head, rest] };
}

/** Whether the configuration file `json` declares the block at `address` (object or array form of the JSON syntax). */
export function declares(json: Record<string, unknown>, address: string): boolean {
  const block = blockOf(address);
  if (block === undefined) return false;
  const { section, labels } = block;
  if (section === "terraform") return json.terraform !== undefined;
  if (section === "locals") return blocks(json.locals).some((b) => Object.prototype.hasOwnProperty.call(b, labels[0] as string));
  if (section === "provider") {
    const [name, alias] = labels;
    return labelledBlocks(json.provider, 1).some(([[n], body]) => n === name && (alias === undefined ? typeof body.alias !== "string" : body.alias === alias));
  }
  return labelledBlocks(json[section], labels.length).some(([found]) => found.every((l, i) => l === labels[i]));
}

/**
 * Where a finding sits: the file (for a root module merged from several
 * files, the one that declares the finding's block, an override file only
 * when no other does) and the 1-based line in it.
 */
export function locationOf(input: Input, finding: Finding): { readonly file: string; readonly line: number } {
  if (input.files === undefined || input.files.length === 0) return { file: input.file, line: lineOf(input, finding) };
  const declaring = input.files.filter((f) => declares(f.json, finding.address));
  const file = declaring.find((f) => !f.override) ?? declaring[0];
  return file === undefined ? { file: input.file, line: 1 } : { file: file.file, line: lineIn(file.text, "config", finding.address) };
}

function lineIn(text: string, shape: TfModel["shape"], address: string): number {
  let index = -1;
  if (shape === "plan") {
    index = text.indexOf(`"address": "${address}"`);
    if (index < 0) index = text.indexOf(`"address":"${address}"`);
  } else {
    const block = blockOf(address);
    // The next `"key":` (a key, not a value that happens to be the same word) at or after `from`.
    const after = (key: string, from: number): number => {
      if (from < 0) return -1;
      const re = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`, "g");
      re.lastIndex = from;
      return re.exec(text)?.index ?? -1;
    };
    if (block?.section === "provider") index = after(block.labels[0] as string, after("provider", 0));
    else if (block !== undefined) index = block.labels.reduce((at, label) => after(label, at), after(block.section, 0));
  }
  if (index < 0) return 1;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The escalation path a ZSP016 finding names (the last hop of a chain), if any. */
export function escalationPathOf(f: Finding): EscalationPath | undefined {
  if (f.rule !== "ZSP016") return undefined;
  const ids = [...f.message.matchAll(/escalation path ([a-z0-9-]+-\d{3}) |-\[([a-z0-9-]+-\d{3})\]->/g)].map((m) => m[1] ?? m[2] ?? "");
  return escalationPath(ids[ids.length - 1] ?? "");
}

/** ZSP016's help lists every path of the catalogue with its page (each result carries its own path's page too). */
const ESCALATION_HELP = ESCALATION_PATHS.map((p) => `- [${p.id}](${p.url}): ${p.permissions.map((x) => `\`${x.action}\``).join(" + ")}. ${p.instead}`).join("\n");

function descriptor(id: RuleId): ReportingDescriptor {
  const r = RULES[id];
  const suppress = `Suppress (with a reason, an owner and an expiry date, UTC, inclusive): Guard.suppress(scope, "${id}", { reason, owner, expires: "YYYY-MM-DD" }).`;
  const paths = id === "ZSP016" ? `\n\n**Paths** (pathfinding.cloud, Apache-2.0):\n${ESCALATION_HELP}` : "";
  return {
    id, name: r.name,
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: { text: `${r.fix} ${suppress}`, markdown: `**${r.title}**\n\n${r.why}\n\n**Fix:** ${r.fix}\n\n**Suppress:** \`Guard.suppress(scope, "${id}", { reason, owner, expires })\`${paths}` },
    ...(id === "ZSP016" ? { helpUri: "https://pathfinding.cloud/" } : {}),
    defaultConfiguration: { level: r.severity },
    properties: { tags: ["security", "zero-standing-privilege"], "security-severity": r.severity === "error" ? "8.0" : "4.0" },
  };
}

/** A SARIF 2.1.0 log of the findings, for GitHub code scanning. */
export function toSarif(results: ReadonlyArray<{ input: Input; findings: readonly Finding[] }>, version: string): Log {
  const sarifResults: Result[] = [];
  for (const { input, findings } of results) {
    for (const f of findings) {
      const path = escalationPathOf(f);
      const at = locationOf(input, f);
      const generated: PhysicalLocation = { artifactLocation: artifactLocation(at.file), region: { startLine: at.line } };
      sarifResults.push({
        ruleId: f.rule,
        ruleIndex: RULE_IDS.indexOf(f.rule as RuleId),
        level: f.severity,
        message: { text: `${f.address}: ${f.message}` },
        // The TypeScript line that created the resource when synth recorded it (zsp:sourceLocations), else the line of the input file.
        locations: [{
          physicalLocation: f.sourceLocation ? { artifactLocation: artifactLocation(f.sourceLocation.file), region: { startLine: f.sourceLocation.line } } : generated,
          logicalLocations: [{ fullyQualifiedName: f.address, kind: "resource" }],
        }],
        ...(f.sourceLocation ? { relatedLocations: [{ id: 1, physicalLocation: generated, message: { text: `${f.address} in the synthesized Terraform JSON` } }] } : {}),
        partialFingerprints: { "zspFinding/v1": `${f.stack}:${f.rule}:${f.address}${path ? `:${path.id}` : ""}` },
        properties: {
          stack: f.stack, ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
          ...(path ? { escalationPath: path.id, helpUri: path.url } : {}),
        },
        ...(f.suppressed ? { suppressions: [{ kind: "inSource", status: "accepted", justification: `${f.suppressed.reason} (owner ${f.suppressed.owner}, expires ${f.suppressed.expires})` }] } : {}),
      });
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: "zsp", version, semanticVersion: version, rules: RULE_IDS.map(descriptor) } },
      originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(process.cwd()).href.replace(/\/?$/, "/")}` } },
      results: sarifResults,
    }],
  };
}
