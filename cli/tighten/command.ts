import { edgeNow } from "../../modules/core/clock";
import { parseDuration } from "../../modules/core/duration";
import { CliIo, EXIT, ParsedArgs, emit } from "../args";
import { readInputs } from "../inputs";
import { UsageError } from "../usage-error";
import { athenaQuery, athenaTable } from "./athena";
import { toMarkdown, toTypeScript } from "./render";
import { CloudTrailInputError } from "./sources";
import { tighten } from "./tighten";

/**
 * `zsp tighten`: its options already parsed (see main.ts; `<path>` optional with `--athena-sql`).
 *
 * @throws UsageError for bad input, CloudTrail input errors included.
 */
export async function runTighten({ values, path }: ParsedArgs, io: CliIo): Promise<number> {
  try {
    return await tightenCommand(values, path, io);
  } catch (e) {
    if (e instanceof CloudTrailInputError) throw new UsageError(e.message);
    throw e;
  }
}

async function tightenCommand(values: Record<string, unknown>, path: string, io: CliIo): Promise<number> {
  const now = edgeNow(process.env, typeof values.now === "string" ? values.now : undefined);
  const sinceSeconds = typeof values.since === "string" ? parseDuration(values.since, { path: "zsp tighten", prop: "--since" }) : undefined;
  const since = sinceSeconds !== undefined ? now.getTime() - sinceSeconds * 1000 : undefined;
  if (values["athena-sql"] === true) {
    const table = typeof values.table === "string" ? values.table : undefined;
    let text: string;
    try {
      text = `${athenaTable({ ...(table ? { table } : {}), ...(typeof values.location === "string" ? { location: values.location } : {}) })}\n${athenaQuery({ ...(table ? { table } : {}), ...(since !== undefined ? { sinceDay: new Date(since).toISOString().slice(0, 10).replace(/-/g, "/") } : {}) })}`;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    emit(io, values.output, text);
    return EXIT.ok;
  }
  if (path === "") throw new UsageError("missing <path>: give a cdktf.out directory, a cdk.tf.json or a plan JSON file (or --athena-sql)");
  const cloudtrail = (values.cloudtrail as string[] | undefined) ?? [];
  if (cloudtrail.length === 0) throw new UsageError("missing --cloudtrail <file|dir>: the CloudTrail logs to learn from");
  const format = values.format as string;
  if (!["md", "markdown", "json", "ts"].includes(format)) throw new UsageError(`unknown --format "${format}": use md, json or ts`);
  const account = values.account as string | undefined;
  if (account !== undefined && !/^\d{12}$/.test(account)) throw new UsageError(`--account "${account}" is not a 12-digit AWS account id`);
  const inputs = readInputs(path);
  const result = await tighten(inputs.map((i) => i.model), {
    cloudtrail, skipBad: values["skip-bad"] === true,
    ...(since !== undefined ? { since } : {}), ...(account !== undefined ? { account } : {}),
  });
  emit(io, values.output, format === "json" ? `${JSON.stringify(result, null, 2)}\n` : format === "ts" ? toTypeScript(result) : toMarkdown(result));
  return EXIT.ok;
}
