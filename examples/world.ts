/**
 * The concrete values of DESIGN.md, shared by every example stack and by the
 * tests, so docs, tests and examples speak about the same world.
 */
import type { Ownership } from "../modules";

/** The example AWS account. */
export const ACCOUNT = "111122223333";
/** The example region. */
export const REGION = "eu-west-1";
/** Role Terraform assumes to apply the examples. */
export const TERRAFORM_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/terraform-apply`;

/** Ownership of the payments team. */
export function payments(purpose: string, ticket?: string): Ownership {
  return { owner: "team-payments", contact: "payments-oncall@acme.example", purpose, ...(ticket !== undefined ? { ticket } : {}) };
}

/** The account's GitHub Actions OIDC provider (referenced, not created). */
export const GITHUB_OIDC_PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
/** The incident commander role (security account) that alone may break the glass. */
export const INCIDENT_COMMANDER_ARN = "arn:aws:iam::444455556666:role/incident-commander";
/** Where break-glass alerts go. */
export const SECOPS_EMAIL = "secops@acme.example";
