import { accessMap } from "../modules/guard/access-map";
import { accessMapMarkdown } from "../modules/guard/access-map-markdown";
import { CliIo, EXIT, ParsedArgs, emit } from "./args";
import { inputOptions, readInputs } from "./inputs";

/**
 * `zsp report`: the access map of the inputs, its options already parsed (see main.ts), `--format` markdown or json.
 *
 * @throws UsageError for bad input.
 */
export function runReport({ values, path }: ParsedArgs, io: CliIo): number {
  const entries = readInputs(path, inputOptions(values)).flatMap((i) => accessMap(i.model));
  emit(io, values.output, values.format === "json" ? `${JSON.stringify({ access: entries }, null, 2)}\n` : accessMapMarkdown(entries));
  return EXIT.ok;
}
