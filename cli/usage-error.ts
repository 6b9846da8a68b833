/** A usage or input problem: the CLI prints its message on one line and exits 2. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A message on one line (JSON.parse quotes the offending text, newlines included). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
