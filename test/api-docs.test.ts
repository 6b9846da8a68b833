import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { tempDir } from "./helpers/temp";

const ROOT = join(__dirname, "..");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe("API reference", () => {
  const out = tempDir("zsp-api-");
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--out", out, "--treatWarningsAsErrors", "--logLevel", "Warn"], {
    cwd: ROOT,
    encoding: "utf8",
  });

  it("every export of the library and the shim has TSDoc (typedoc validation, warnings are errors)", () => {
    expect({ code: r.status, problems: `${r.stdout}${r.stderr}`.split("\n").filter((l) => /warning|error/i.test(l)) }).toEqual({ code: 0, problems: [] });
  });

  it("docs/api is what npm run docs generates from the current code (regenerate it when the API changes)", () => {
    const committed = join(ROOT, "docs", "api");
    const generated = files(out).map((f) => relative(out, f)).sort();
    expect(files(committed).map((f) => relative(committed, f)).sort()).toEqual(generated);
    const stale = generated.filter((f) => readFileSync(join(out, f), "utf8") !== readFileSync(join(committed, f), "utf8"));
    expect(stale).toEqual([]);
  });
});
