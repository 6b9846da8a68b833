import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { awsProvider } from "../provider-shim";
import { ACCOUNT, REGION, TERRAFORM_ROLE_ARN, payments } from "./world";

/**
 * GitHub Actions deploys the payments service with no stored AWS keys: the
 * workflow's OIDC token is the only credential.
 */
export class GithubDeployStack extends TerraformStack {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
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
  }
}
