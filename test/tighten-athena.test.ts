/**
 * The Athena query of `zsp tighten --athena-sql`, run on a local SQL engine
 * (DuckDB) over a table with the Athena CloudTrail table's columns, loaded
 * from the same fixture logs: `zsp tighten` on its CSV output must give what
 * it gives on the raw logs. What DuckDB cannot stand in for (the DDL, Trino's
 * own function names) is listed in docs/tighten.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { athenaQuery, athenaTable } from "../cli/tighten/athena";
import type { TightenRole } from "../cli/tighten/tighten";
import { TRAIL, synthExamples, trailDir, tightenJson, zsp } from "./helpers/tighten";

/** Trino function → DuckDB equivalent: the only dialect differences the query has. */
const DIALECT: ReadonlyArray<[RegExp, string]> = [
  [/json_extract_scalar\(/g, "json_extract_string("],
  [/array_join\(transform\(resources, r -> r\.arn\), ' '\)/g, "array_to_string(list_transform(resources, r -> r.arn), ' ')"],
  [/cardinality\(resources\)/g, "len(resources)"],
];

/** A record as Athena's JSON SerDe sees it: lower-case keys; requestParameters and responseElements as JSON text. */
function athenaRow(record: Record<string, unknown>): Record<string, unknown> {
  const lower = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(lower);
    if (v === null || typeof v !== "object") return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k.toLowerCase(), lower(x)]));
  };
  const out = lower(record) as Record<string, unknown>;
  for (const key of ["requestparameters", "responseelements", "additionaleventdata"]) {
    const raw = record[key === "requestparameters" ? "requestParameters" : key === "responseelements" ? "responseElements" : "additionalEventData"];
    out[key] = raw === undefined || raw === null ? null : JSON.stringify(raw);
  }
  out.timestamp = String(record.eventTime).slice(0, 10).replace(/-/g, "/");
  return out;
}

const STRING_COLUMNS = ["eventversion", "eventtime", "eventsource", "eventname", "awsregion", "sourceipaddress", "useragent", "errorcode", "errormessage", "requestparameters", "responseelements", "additionaleventdata", "requestid", "eventid", "readonly", "eventtype", "apiversion", "recipientaccountid", "sharedeventid", "vpcendpointid", "vpcendpointaccountid", "eventcategory", "timestamp"];
const COLUMNS: Record<string, string> = {
  ...Object.fromEntries(STRING_COLUMNS.map((c) => [c, "VARCHAR"])),
  useridentity: "STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, accesskeyid VARCHAR, username VARCHAR, sessioncontext STRUCT(attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR), sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR), sourceidentity VARCHAR))",
  resources: "STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[]",
};

async function runQuery(sql: string): Promise<string> {
  const dir = trailDir();
  const records = readFileSync(join(TRAIL, "lake-export.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const table = join(dir, "table.jsonl");
  writeFileSync(table, records.map((r) => JSON.stringify(athenaRow(r))).join("\n"));
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const columns = Object.entries(COLUMNS).map(([k, t]) => `'${k}': '${t}'`).join(", ");
  await c.run(`CREATE TABLE cloudtrail_logs AS SELECT * FROM read_json('${table}', format = 'newline_delimited', columns = {${columns}})`);
  const query = DIALECT.reduce((q, [from, to]) => q.replace(from, to), sql).trim().replace(/;$/, "");
  const out = join(dir, "athena-result.csv");
  await c.run(`COPY (${query}) TO '${out}' (HEADER, DELIMITER ',')`);
  c.closeSync();
  return out;
}

/** Aggregated rows carry the hour of their events, not the second. */
const toHour = (roles: readonly TightenRole[]): unknown =>
  roles.map((r) => ({ ...r, events: { ...r.events, first: r.events.first?.slice(0, 13) ?? null, last: r.events.last?.slice(0, 13) ?? null } }));

describe("zsp tighten --athena-sql", () => {
  let out: string;
  beforeAll(() => {
    out = synthExamples();
  });

  it("aggregates a CloudTrail table into rows zsp tighten reads to the same result as the raw logs", async () => {
    const csv = await runQuery(athenaQuery());
    const fromAthena = tightenJson(out, "--cloudtrail", csv);
    const fromLogs = tightenJson(out, "--cloudtrail", join(TRAIL, "AWSLogs"));
    expect(toHour(fromAthena.roles)).toEqual(toHour(fromLogs.roles));
    expect(fromAthena.summary.otherRoles).toEqual(fromLogs.summary.otherRoles);
    // Every event is counted once, in rows that stand for one or more events each.
    expect(fromAthena.summary.events).toBe(fromLogs.summary.events);
    expect(fromAthena.summary.records).toBeLessThanOrEqual(fromAthena.summary.events);
  });

  it("prunes partitions to the period, as --since does on files", async () => {
    const csv = await runQuery(athenaQuery({ sinceDay: "2026/11/12" }));
    const fromAthena = tightenJson(out, "--cloudtrail", csv);
    const fromLogs = tightenJson(out, "--cloudtrail", join(TRAIL, "AWSLogs"), "--since", "20d", "--now", "2026-12-02T00:00:00Z");
    expect(toHour(fromAthena.roles)).toEqual(toHour(fromLogs.roles));
  });

  it("prints the partition-projected table and the query, and refuses a table name that is not an identifier", () => {
    const r = zsp("tighten", "--athena-sql", "--since", "90d", "--now", "2026-12-02T00:00:00Z", "--table", "trail.cloudtrail_logs");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${athenaTable({ table: "trail.cloudtrail_logs" })}\n${athenaQuery({ table: "trail.cloudtrail_logs", sinceDay: "2026/09/03" })}`);
    expect(r.stdout).toMatch(/'projection\.timestamp\.type' = 'date'/);
    expect(r.stdout).toMatch(/WHERE "timestamp" >= '2026\/09\/03'/);
    expect(zsp("tighten", "--athena-sql", "--table", "x; DROP TABLE y")).toMatchObject({ code: 2, stderr: 'zsp tighten: --table "x; DROP TABLE y" is not a table name (letters, digits, _; optionally database.table)\n' });
  });
});
