import { Construct } from "constructs";
import { TerraformStack } from "../provider-shim/core";
import { AccessAudit, BreakGlassRole } from "../modules";
import { awsProvider } from "../provider-shim";
import { ACCOUNT, INCIDENT_COMMANDER_ARN, REGION, SECOPS_EMAIL, TERRAFORM_ROLE_ARN, payments } from "./world";

/**
 * Emergency admin access that is explicit, time-bound and loud: only the
 * incident commander, only with MFA and a source identity naming the human,
 * 1 h sessions, and every AssumeRole (or change to the role) is mailed to
 * secops. See docs/break-glass.md for the runbook.
 */
export class BreakGlassStack extends TerraformStack {
  /** The break-glass role. */
  public readonly role: BreakGlassRole;
  /** The four audit streams (approval, issuance, use, revocation). */
  public readonly audit: AccessAudit;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    awsProvider(this, {
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: {
        roleArn: TERRAFORM_ROLE_ARN,
        sessionName: "terraform-break-glass",
        sourceIdentity: "terraform-break-glass",
        duration: "15m",
      },
      ownership: payments("break-glass emergency access for payments"),
      access: "break-glass",
    });
    this.role = new BreakGlassRole(this, "break-glass-admin", {
      roleName: "break-glass-admin",
      account: ACCOUNT,
      trustedPrincipals: [INCIDENT_COMMANDER_ARN],
      ownership: payments("emergency administrator access during incidents"),
      managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      maxSession: "1h",
      alert: { topicName: "break-glass-alerts", emails: [SECOPS_EMAIL] },
    });
    // Approval, issuance, use and revocation, each in its own log group;
    // revocations are also mailed to secops.
    this.audit = new AccessAudit(this, "audit", {
      ownership: payments("audit trail of just-in-time and break-glass access"),
      account: ACCOUNT,
      roles: [this.role],
      retentionDays: 365,
      alert: { streams: ["revocation"], emails: [SECOPS_EMAIL] },
    });
  }
}
