import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Every temporary directory a test file makes, removed when the file's tests end
// (test/setup/temp-cleanup.ts): a consumer install is ~750 MB, and runs must not fill the disk.
const made: string[] = [];

/** A new empty directory under the OS temp dir (`prefix`, e.g. `zsp-cdktn-`), removed after this test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the directories {@link tempDir} made (set ZSP_KEEP_TEMP=1 to keep them for debugging). */
export function removeTempDirs(): void {
  if (process.env.ZSP_KEEP_TEMP === "1") return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
