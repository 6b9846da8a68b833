import { IConstruct } from "constructs";
import { PolicyStatement } from "../iam/policy-document";

/**
 * What other modules (Vault's AWS secrets engine, agents, break-glass
 * alerts, the access map) rely on from a role this library created.
 * `JitRole` implements it.
 */
export interface IZspRole extends IConstruct {
  /** The role's ARN (a Terraform reference). */
  readonly roleArn: string;
  /** The role's name as given (a literal, known at synth). */
  readonly roleName: string;
  /** The role's path: `/zsp/jit/` or `/zsp/break-glass/`. */
  readonly rolePath: string;
  /** The literal ARN the role will have, `arn:aws:iam::<account>:role<path><name>`, when the account is known; otherwise undefined. */
  readonly literalArn?: string;
  /** ARNs of named AWS roles trusted through `WorkloadIdentity.awsRole` (e.g. the Vault server's role). */
  readonly trustedAwsRoleArns: readonly string[];
  /** Maximum session, seconds. */
  readonly maxSessionSeconds: number;
  /** The Allow statements of the role's permissions (the ceiling of what a session may do). */
  readonly grantStatements: readonly PolicyStatement[];
}
