/**
 * The TypeScript blocks of docs/vault.md and docs/agents.md are excerpts of
 * the examples they name: every line of a block is a line of that example
 * (indentation aside), so the docs cannot drift from code the example tests
 * synthesize.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

/** Each ```ts block with the last `examples/<file>.ts` named in the prose before it. */
function excerpts(doc: string): Array<{ example: string; lines: string[] }> {
  const text = readFileSync(join(ROOT, "docs", doc), "utf8");
  const found: Array<{ example: string; lines: string[] }> = [];
  const block = /```ts\n([\s\S]*?)```/g;
  let last = 0;
  for (let m = block.exec(text); m !== null; m = block.exec(text)) {
    const prose = text.slice(last, m.index);
    const named = [...prose.matchAll(/`(examples\/[\w-]+\.ts)`/g)].map((n) => n[1]);
    found.push({ example: named[0] ?? "(none named)", lines: (m[1] ?? "").split("\n").map((l) => l.trim()).filter((l) => l.length > 0) });
    last = m.index + m[0].length;
  }
  return found;
}

describe.each(["vault.md", "agents.md"])("docs/%s", (doc) => {
  const blocks = excerpts(doc);

  it("has TypeScript examples, each naming the example file it comes from", () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(b.example).toMatch(/^examples\/[\w-]+\.ts$/);
  });

  it.each(blocks.map((b, i) => [i, b] as const))("block %i: every line is a line of the example it names", (_i, b) => {
    const source = new Set(readFileSync(join(ROOT, b.example), "utf8").split("\n").map((l) => l.trim()));
    expect(b.lines.filter((l) => !source.has(l))).toEqual([]);
  });
});
