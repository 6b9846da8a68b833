import DATA from "./escalation-paths.json";

/**
 * The privilege-escalation paths of pathfinding.cloud (DataDog, Apache-2.0),
 * as data: converted from its YAML files by `scripts/pathfinding.js` into
 * `escalation-paths.json` (attribution and licence notice in that file). The
 * guard (ZSP016) and the constructs read the same list, so what a construct
 * refuses and what the guard reports cannot drift apart.
 */

/** How a path gains privilege (pathfinding.cloud's categories). */
export type EscalationCategory = "new-passrole" | "existing-passrole" | "self-escalation" | "principal-access";

/** One permission a path needs, with the upstream note on which resource it must cover. */
export interface EscalationPermission {
  /** `service:Action`, e.g. `iam:PassRole`. */
  readonly action: string;
  /** Which resource the permission must be allowed on (upstream text). */
  readonly resource: string;
}

/** One escalation path. */
export interface EscalationPath {
  /** Stable id, e.g. `lambda-001`. */
  readonly id: string;
  /** Upstream name, e.g. `iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction`. */
  readonly name: string;
  /** Category. */
  readonly category: EscalationCategory;
  /** Services involved. */
  readonly services: readonly string[];
  /** The permissions that together complete the path. */
  readonly permissions: readonly EscalationPermission[];
  /** For paths through `iam:PassRole`: the service principal the role is passed to (what `iam:PassedToService` names). */
  readonly passedToService?: string;
  /** First paragraph of the upstream description. */
  readonly description: string;
  /** First paragraph of the upstream recommendation. */
  readonly recommendation: string;
  /** What to grant instead (one sentence). */
  readonly instead: string;
  /** The path this one varies, if any. */
  readonly parent?: string;
  /** The path's page on pathfinding.cloud. */
  readonly url: string;
}

/** Where the catalogue comes from, under which licence. */
export const ESCALATION_PATHS_SOURCE: { readonly source: string; readonly license: string; readonly copyright: string; readonly notice: string } = {
  source: DATA.source, license: DATA.license, copyright: DATA.copyright, notice: DATA.notice,
};

/** Every path, sorted by id. */
export const ESCALATION_PATHS: readonly EscalationPath[] = DATA.paths as readonly EscalationPath[];

const BY_ID: ReadonlyMap<string, EscalationPath> = new Map(ESCALATION_PATHS.map((p) => [p.id, p]));

/** The path with id `id` (e.g. `lambda-001`), if the catalogue has it. */
export function escalationPath(id: string): EscalationPath | undefined {
  return BY_ID.get(id);
}

/** The path's required actions. */
export function pathActions(path: EscalationPath): readonly string[] {
  return path.permissions.map((p) => p.action);
}
