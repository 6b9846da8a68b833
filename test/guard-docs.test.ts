import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RULES, RULE_IDS } from "../modules/guard/catalogue";

const ROOT = join(__dirname, "..");
const rulesMd = readFileSync(join(ROOT, "docs", "rules.md"), "utf8");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

/** GitHub's heading anchor. */
const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, "").replace(/ /g, "-");

describe("rule documentation", () => {
  const sections = rulesMd.split(/\n## /).slice(1);
  it.each([...RULE_IDS])("%s has a section saying what, why, how to fix and how to suppress", (id) => {
    const section = sections.find((s) => s.startsWith(`${id} `));
    expect(section).toBeDefined();
    for (const part of ["**What.**", "**Why.**", "**Fix.**", "**Suppress.**"]) expect(section).toContain(part);
    expect(section?.split("\n")[0]).toMatch(new RegExp(`\\(${RULES[id].severity === "error" && id !== "ZSP013" ? "error" : "(warning|error)"}`));
  });

  it("every README link into docs/rules.md points at an existing heading", () => {
    const anchors = new Set(rulesMd.split("\n").filter((l) => l.startsWith("## ")).map((l) => slug(l.slice(3))));
    const links = [...readme.matchAll(/\(docs\/rules\.md#([^)]+)\)/g)].map((m) => m[1]);
    expect(links).toHaveLength(18);
    expect(links.filter((l) => !anchors.has(l as string))).toEqual([]);
  });

  it("the README shows the GitHub Actions workflow (synth, zsp check --format sarif, upload-sarif) via docs/guard.md", () => {
    const guard = readFileSync(join(ROOT, "docs", "guard.md"), "utf8");
    expect(guard).toMatch(/cdktf synth/);
    expect(guard).toMatch(/zsp check cdktf\.out --format sarif --output zsp\.sarif/);
    expect(guard).toMatch(/github\/codeql-action\/upload-sarif@v3/);
    expect(readme).toContain("[docs/guard.md](docs/guard.md)");
  });
});
