import { existsSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { lookupAction } from "../modules/iam/catalogue";
import { ESCALATION_PATHS, ESCALATION_PATHS_SOURCE, escalationPath } from "../modules/iam/escalation-paths";
import { tempDir } from "./helpers/temp";

const { convert, DEFAULT_DIR } = require("../scripts/pathfinding.js") as { convert: (dir: string) => { paths: Array<{ id: string }> }; DEFAULT_DIR: string };
const DATA = join(__dirname, "..", "modules", "iam", "escalation-paths.json");

describe("escalation path catalogue (pathfinding.cloud as data)", () => {
  it("holds every path of the reference set with its licence and attribution", () => {
    expect(ESCALATION_PATHS.length).toBe(65);
    expect(ESCALATION_PATHS_SOURCE.license).toBe("Apache-2.0");
    expect(ESCALATION_PATHS_SOURCE.copyright).toMatch(/Datadog/);
    expect(new Set(ESCALATION_PATHS.map((p) => p.id)).size).toBe(65);
    expect(new Set(ESCALATION_PATHS.map((p) => p.category))).toEqual(new Set(["new-passrole", "existing-passrole", "self-escalation", "principal-access"]));
    expect(escalationPath("lambda-001")?.permissions.map((p) => p.action)).toEqual(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]);
    expect(escalationPath("lambda-001")?.passedToService).toBe("lambda.amazonaws.com");
    expect(escalationPath("lambda-001")?.url).toBe("https://pathfinding.cloud/paths/lambda-001");
  });

  it.each(ESCALATION_PATHS.map((p) => [p.id, p] as const))("%s names only actions of the IAM action catalogue, and what to do instead", (_id, path) => {
    for (const p of path.permissions) expect({ action: p.action, known: lookupAction(p.action)?.name }).toEqual({ action: p.action, known: p.action });
    expect(path.instead.length).toBeGreaterThan(40);
    if (path.permissions.some((p) => p.action === "iam:PassRole")) expect(path.passedToService).toMatch(/\.amazonaws\.com$/);
  });

  it("docs/rules.md lists every path in the ZSP016 table: id with its page, permissions, what to do instead", () => {
    const md = readFileSync(join(__dirname, "..", "docs", "rules.md"), "utf8");
    for (const p of ESCALATION_PATHS) {
      expect(md).toContain(`| [${p.id}](${p.url}) | ${p.category} | ${p.permissions.map((x) => `\`${x.action}\``).join(" + ")} | ${p.instead} |`);
    }
  });

  const reference = existsSync(DEFAULT_DIR) ? it : it.skip;
  reference("is exactly what scripts/pathfinding.js makes of the reference YAML files (rerun it with --write after they change)", () => {
    expect(`${JSON.stringify(convert(DEFAULT_DIR), null, 1)}\n`).toBe(readFileSync(DATA, "utf8"));
  });

  reference("a new path file becomes a catalogue entry without code changes; a malformed one is refused", () => {
    const dir = tempDir("zsp-paths-");
    for (const f of readdirSync(DEFAULT_DIR).slice(0, 3)) copyFileSync(join(DEFAULT_DIR, f), join(dir, f));
    writeFileSync(join(dir, "batch-001.yaml"), [
      "id: batch-001", "name: iam:PassRole + batch:SubmitJob", "category: new-passrole", "services: [iam, batch]",
      "description: A principal can submit a job that runs as a passed role.", "recommendation: Restrict iam:PassRole.",
      "permissions:", "  required:", "  - permission: iam:PassRole", "    resourceConstraints: Target role ARN", "  - permission: batch:SubmitJob", "    resourceConstraints: any",
    ].join("\n"));
    expect(() => convert(dir)).toThrow(/batch: add its service principal to PASSED_TO/);
    writeFileSync(join(dir, "batch-001.yaml"), readFileSync(join(dir, "batch-001.yaml"), "utf8").replace("iam:PassRole + ", "").replace(/ {2}- permission: iam:PassRole\n {4}resourceConstraints: Target role ARN\n/, ""));
    expect(convert(dir).paths.map((p) => p.id)).toContain("batch-001");
  });
});
