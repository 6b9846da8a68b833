/**
 * The login examples of docs/vault.md run through the guard: each JSON block
 * marked `<!-- zsp: ZSP018 -->` is reported by ZSP018, each marked
 * `<!-- zsp: clean -->` passes ZSP018, ZSP007 and ZSP000, in both input shapes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bothShapes, findings, tf } from "./helpers/shapes";

const doc = readFileSync(join(__dirname, "../docs/vault.md"), "utf8");
const blocks = [...doc.matchAll(/<!-- zsp: (ZSP018|clean) -->\n```json\n([\s\S]*?)```/g)].map((m) => ({ verdict: m[1] as string, json: JSON.parse(m[2] ?? "") as Record<string, unknown> }));

describe("docs/vault.md logins", () => {
  it("shows a wide and a correct JWT, Kubernetes and AppRole login", () => {
    expect(blocks.map((b) => b.verdict)).toEqual(["ZSP018", "clean", "ZSP018", "clean", "ZSP018", "clean"]);
  });
  it.each(blocks.map((b, i) => [i, b] as const))("block %i is what its marker says", (_i, b) => {
    for (const [, model] of bothShapes(tf(b.json))) {
      const found = findings(model, ["ZSP018", "ZSP007", "ZSP000"]);
      if (b.verdict === "clean") expect(found).toEqual([]);
      else expect(found.filter((f) => f.startsWith("ZSP018 ")).length).toBeGreaterThan(0);
    }
  });
});
