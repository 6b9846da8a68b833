import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("API reference", () => {
  it("every export of the library and the shim has TSDoc (typedoc validation, warnings are errors)", () => {
    const r = spawnSync(process.execPath, [join(__dirname, "..", "node_modules", "typedoc", "bin", "typedoc"), "--emit", "none", "--treatWarningsAsErrors", "--logLevel", "Warn"], {
      cwd: join(__dirname, ".."),
      encoding: "utf8",
    });
    expect({ code: r.status, problems: `${r.stdout}${r.stderr}`.split("\n").filter((l) => /warning|error/i.test(l)) }).toEqual({ code: 0, problems: [] });
  });
});
