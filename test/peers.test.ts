import { readFileSync } from "node:fs";
import { join } from "node:path";

/** semver (npm's own range semantics), a dev dependency; typed here for the one function used. */
const semver = require("semver") as { satisfies(version: string, range: string): boolean };

/**
 * Peer ranges cover both core flavours, at both ends of what each installs:
 * cdktf 0.21 with `constructs` from 10.4.2 (this project's lock) to 10.8
 * (what `cdktf init --template=typescript` installs today), and CDK Terrain
 * (cdktn 0.24 with `@cdktn/provider-aws` 25.x, which itself takes constructs
 * >=10.6.0 <10.8.0). Every peer is optional, so a project of one flavour is
 * never asked for the other's packages (npm installs without
 * --legacy-peer-deps). The installs themselves: test/tarball.test.ts (cdktf,
 * low end) and test/cdktn.test.ts (cdktn, high end).
 */
const pkg = JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as {
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};

const FLAVOURS: Record<string, Record<string, readonly string[]>> = {
  "cdktf (lock: low end)": { cdktf: ["0.21.0"], constructs: ["10.4.2"], "@cdktf/provider-aws": ["21.0.0", "21.22.1"], "@cdktf/provider-vault": ["15.0.0", "15.6.1"] },
  "cdktf (cdktf init: high end)": { cdktf: ["0.21.0"], constructs: ["10.8.0", "10.8.9"], "@cdktf/provider-aws": ["21.22.1"], "@cdktf/provider-vault": ["15.6.1"] },
  "cdktn (CDK Terrain)": { cdktn: ["0.24.0"], constructs: ["10.6.0", "10.7.0"], "@cdktn/provider-aws": ["25.0.0", "25.7.0"], "@cdktf/provider-vault": ["15.6.1"] },
};

describe("peer dependencies", () => {
  it("are all optional: neither flavour asks for the other's packages", () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["@cdktf/provider-aws", "@cdktf/provider-vault", "@cdktn/provider-aws", "cdktf", "cdktn", "constructs"]);
    for (const name of Object.keys(pkg.peerDependencies)) expect({ name, optional: pkg.peerDependenciesMeta[name]?.optional }).toEqual({ name, optional: true });
  });

  it.each(Object.entries(FLAVOURS))("accept %s", (_flavour, versions) => {
    for (const [name, list] of Object.entries(versions)) {
      for (const version of list) expect({ name, version, accepted: semver.satisfies(version, pkg.peerDependencies[name] ?? "<0.0.0") }).toEqual({ name, version, accepted: true });
    }
  });

  it("refuse what the library does not run on", () => {
    const refused = [["cdktf", "0.20.0"], ["cdktf", "0.22.0"], ["cdktn", "0.25.0"], ["constructs", "10.3.0"], ["constructs", "11.0.0"], ["@cdktf/provider-aws", "20.1.0"], ["@cdktn/provider-aws", "24.1.0"]] as const;
    for (const [name, version] of refused) expect({ name, version, accepted: semver.satisfies(version, pkg.peerDependencies[name] ?? "*") }).toEqual({ name, version, accepted: false });
  });
});
