/**
 * Whether a subject pattern names one workload: the judgement ZSP003 (AWS
 * OIDC trust) and ZSP018 (Vault logins) share. An exact value names one
 * workload; a glob does only where the issuer's subject format puts the
 * whole workload identity before it (GitHub: one repository; GitLab: one
 * project; Terraform Cloud: one workspace). A glob in a Kubernetes service
 * account subject or a SPIFFE id covers other workloads.
 */

/** GitHub subject whose wildcard stays inside one repository: `repo:<owner>/<repo>:<anything>` (name or immutable `owner@id/repo@id` form). */
export const GITHUB_ONE_REPO = /^repo:[^/*?]+\/[^/:*?]+:.+$/;

/** Subject formats where a glob after the fixed prefix stays inside one workload. */
const ONE_WORKLOAD_GLOBS: readonly RegExp[] = [
  GITHUB_ONE_REPO,
  /^project_path:[^*?:]+\/[^*?:]+:.+$/,
  /^organization:[^:*?]+:project:[^:*?]+:workspace:[^:*?]+:.+$/,
];

/** Whether `value` contains a glob character (Vault and IAM `StringLike`: `*`, and `?` in IAM). */
export function isGlob(value: string): boolean {
  return /[*?]/.test(value);
}

/** Whether the subject pattern `value` admits only one workload. */
export function namesOneWorkload(value: string): boolean {
  if (value.trim() === "") return false;
  if (!isGlob(value)) return true;
  return ONE_WORKLOAD_GLOBS.some((p) => p.test(value));
}
