import { Construct } from "constructs";
import { TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, grant } from "../modules";
import { awsProvider } from "../provider-shim";
import { ACCOUNT, GITHUB_OIDC_PROVIDER_ARN, REGION, TERRAFORM_ROLE_ARN, payments } from "./world";

/** The reporting account, where the payments team publishes its reports. */
export const REPORTING_ACCOUNT = "555566667777";

/**
 * One stack, two AWS accounts. Each account has its own hardened provider
 * alias (a short `assume_role` into a role of that account, pinned to it by
 * `allowed_account_ids`), and each JitRole names its account's provider with
 * `provider`: the role, its inline policy, its exclusive-attachment
 * resources and its boundary all carry `"provider": "aws.<alias>"`, so
 * nothing lands in the other account by default.
 *
 * - `payments-release-verify` (payments account, alias `payments`): jobs of
 *   `acme/payments` in the `verify` environment may read release artifacts.
 * - `payments-report-publisher` (reporting account, alias `reporting`): jobs
 *   in the `reporting` environment may publish the payments reports.
 *
 * `zsp check` reports a resource bound to an alias no provider declares
 * (ZSP000: it cannot tell which account the resource lands in).
 */
export class TwoAccountsStack extends TerraformStack {
  /** The role in the payments account. */
  public readonly verify: JitRole;
  /** The role in the reporting account. */
  public readonly publisher: JitRole;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    const paymentsAccount = awsProvider(this, {
      alias: "payments",
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: { roleArn: TERRAFORM_ROLE_ARN, sessionName: "terraform-two-accounts", sourceIdentity: "terraform-two-accounts" },
      ownership: payments("roles of the payments team in the payments account"),
    });
    const reportingAccount = awsProvider(this, {
      alias: "reporting",
      region: REGION,
      allowedAccountIds: [REPORTING_ACCOUNT],
      assumeRole: { roleArn: `arn:aws:iam::${REPORTING_ACCOUNT}:role/terraform-apply`, sessionName: "terraform-two-accounts", sourceIdentity: "terraform-two-accounts" },
      ownership: payments("roles of the payments team in the reporting account"),
    });

    this.verify = new JitRole(this, "payments-release-verify", {
      provider: paymentsAccount,
      roleName: "payments-release-verify",
      ownership: payments("verify release artifacts from GitHub Actions"),
      identities: [WorkloadIdentity.githubActions({ providerArn: GITHUB_OIDC_PROVIDER_ARN, repo: "acme/payments", environment: "verify" })],
      grants: [grant(["s3:GetObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
    });

    this.publisher = new JitRole(this, "payments-report-publisher", {
      provider: reportingAccount,
      roleName: "payments-report-publisher",
      ownership: payments("publish the payments reports from GitHub Actions"),
      identities: [WorkloadIdentity.githubActions({
        providerArn: `arn:aws:iam::${REPORTING_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
        repo: "acme/payments",
        environment: "reporting",
      })],
      grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-reports/payments/*"])],
    });
  }
}
