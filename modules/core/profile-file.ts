import { readFileSync } from "node:fs";
import { DEFAULT_PROFILE, ResolvedZspProfile, resolveProfile } from "./profile";
import { ZspError } from "./errors";

/**
 * Reads an organisation profile from a JSON file: either the profile object
 * itself or a `cdktf.json` whose `context.zsp` holds it. Pure (no cdktf), so
 * the CLI's `--profile` uses it too. A missing file, bad JSON or an invalid
 * profile throws a {@link ZspError} naming the file.
 */
export function loadProfileFile(file: string, base: ResolvedZspProfile = DEFAULT_PROFILE): ResolvedZspProfile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ZspError({ path: file, prop: "profile", problem: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, fix: "give the path of a JSON profile or cdktf.json" });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ZspError({ path: file, prop: "profile", problem: `not JSON (${(e as Error).message})`, fix: "write the profile as a JSON object" });
  }
  const context = (json as { context?: { zsp?: unknown } } | null)?.context;
  const isCdktfJson = json !== null && typeof json === "object" && ("app" in json || "language" in json || context !== undefined);
  return resolveProfile(isCdktfJson ? context?.zsp : json, file, base);
}
