import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZspProfile, grant } from "../modules";
import { awsProvider } from "../provider-shim";
import { ACCOUNT, GITHUB_OIDC_PROVIDER_ARN, REGION, TERRAFORM_ROLE_ARN, payments } from "./world";

/**
 * GitHub Actions deploys the payments service with no stored AWS keys: the
 * workflow's OIDC token is the only credential.
 *
 * - `payments-deploy`: only jobs of `acme/payments` running in the
 *   `production` environment; may put release artifacts and update the
 *   `payments-api` function's code.
 * - `payments-db-migration`: only jobs in the `migration` environment, only
 *   inside the change window of ticket CHG-4821; may connect to the database
 *   as `migrator`.
 *
 * Sessions: the roles allow 1 h; the workflow asks for less with
 * `role-duration-seconds` (the workflow is in docs/jit-roles.md, "The GitHub
 * workflow of the `github-deploy` example").
 */
export class GithubDeployStack extends TerraformStack {
  /** The deploy role. */
  public readonly deploy: JitRole;
  /** The migration role. */
  public readonly migration: JitRole;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    // The migration window is a fixed date (DESIGN.md). Once it is over, the
    // role can never be obtained again; this stack keeps synthesizing so the
    // example stays runnable, with a ZSP013 warning that says the window is
    // over (the profile's documented downgrade). Real stacks keep the default
    // "error" and delete the role.
    ZspProfile.apply(this, { expiredWindow: "warning" });
    awsProvider(this, {
      region: REGION,
      allowedAccountIds: [ACCOUNT],
      assumeRole: {
        roleArn: TERRAFORM_ROLE_ARN,
        sessionName: "terraform-github-deploy",
        sourceIdentity: "terraform-github-deploy",
        duration: "15m",
      },
      ownership: payments("deploy the payments service from GitHub Actions"),
    });

    this.deploy = new JitRole(this, "payments-deploy", {
      roleName: "payments-deploy",
      ownership: payments("deploy the payments service from GitHub Actions"),
      identities: [
        WorkloadIdentity.githubActions({ providerArn: GITHUB_OIDC_PROVIDER_ARN, repo: "acme/payments", environment: "production" }),
      ],
      maxSession: "1h",
      grants: [
        grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"]),
        grant(["lambda:UpdateFunctionCode"], [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:payments-api`]),
      ],
    });

    this.migration = new JitRole(this, "payments-db-migration", {
      roleName: "payments-db-migration",
      ownership: payments("run the payments database migration of CHG-4821"),
      ticket: "CHG-4821",
      identities: [
        WorkloadIdentity.githubActions({ providerArn: GITHUB_OIDC_PROVIDER_ARN, repo: "acme/payments", environment: "migration" }),
      ],
      maxSession: "1h",
      window: { notBefore: "2026-12-01T02:00:00Z", notAfter: "2026-12-01T06:00:00Z" },
      grants: [grant(["rds-db:connect"], [`arn:aws:rds-db:${REGION}:${ACCOUNT}:dbuser:db-ABCDEFGHIJKL/migrator`])],
    });

    new TerraformOutput(this, "payments-deploy-role-arn", { value: this.deploy.roleArn, description: "role-to-assume of the production deploy job" });
    new TerraformOutput(this, "payments-db-migration-role-arn", { value: this.migration.roleArn, description: "role-to-assume of the migration job" });
  }
}
