/**
 * GitHub Actions OIDC subjects (`sub` claim), in both forms GitHub sends:
 * - the name form, `repo:OWNER/REPO:<context>` (repositories created before
 *   2026-07-15 that have not opted in);
 * - the immutable form, `repo:OWNER@OWNER_ID/REPO@REPO_ID:<context>` (the
 *   default for repositories created or renamed on github.com since
 *   2026-07-15), whose numeric ids a recreated or transferred repository of
 *   the same name does not have.
 * The constructs build subjects with it; the guard and the access map read them.
 */

/** The parts of a GitHub subject. */
export interface GithubSubject {
  /** Owner login, e.g. `acme`. */
  readonly owner: string;
  /** Repository name, e.g. `payments`. */
  readonly repo: string;
  /** The owner's numeric id (`repository_owner_id`), in the immutable form only. */
  readonly ownerId?: string;
  /** The repository's numeric id (`repository_id`), in the immutable form only. */
  readonly repoId?: string;
  /** What follows the repository: `environment:production`, `ref:refs/heads/main`, `pull_request`, ... */
  readonly context: string;
}

const SUBJECT = /^repo:([^/@:]+)(?:@(\d+))?\/([^/@:]+)(?:@(\d+))?:(.+)$/;

/** Builds the subject: the immutable form when both ids are given, else the name form. */
export function githubSubject(s: GithubSubject): string {
  const owner = s.ownerId !== undefined && s.repoId !== undefined ? `${s.owner}@${s.ownerId}` : s.owner;
  const repo = s.ownerId !== undefined && s.repoId !== undefined ? `${s.repo}@${s.repoId}` : s.repo;
  return `repo:${owner}/${repo}:${s.context}`;
}

/** Parses a GitHub subject of either form; undefined when it is not one (a pattern, another issuer's subject). */
export function parseGithubSubject(sub: string): GithubSubject | undefined {
  const m = SUBJECT.exec(sub);
  if (!m) return undefined;
  const [, owner, ownerId, repo, repoId, context] = m as unknown as [string, string, string | undefined, string, string | undefined, string];
  if ((ownerId === undefined) !== (repoId === undefined)) return undefined;
  return { owner, repo, context, ...(ownerId !== undefined && repoId !== undefined ? { ownerId, repoId } : {}) };
}

/**
 * A readable account of an immutable subject, `GitHub acme/payments (owner id 4242, repository id 777001), environment:production`;
 * undefined for the name form (already readable) and for anything that is not a GitHub subject.
 */
export function describeImmutableSubject(sub: string): string | undefined {
  const s = parseGithubSubject(sub);
  if (s?.ownerId === undefined || s.repoId === undefined) return undefined;
  return `GitHub ${s.owner}/${s.repo} (owner id ${s.ownerId}, repository id ${s.repoId}), ${s.context}`;
}
