import { Construct } from "constructs";
import { App, TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZspGuard, grant } from "../modules";
import { awsProvider } from "../provider-shim";

class MyStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy payments" };

    // Terraform holds no keys: it assumes a role for 15 minutes, stamped with a source identity.
    awsProvider(this, {
      region: "eu-west-1",
      allowedAccountIds: ["111122223333"],
      assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf-first-stack", sourceIdentity: "tf-first-stack" },
      ownership,
    });

    // Only production jobs of acme/payments may obtain it, for at most 1 h, to upload releases.
    new JitRole(this, "payments-deploy", {
      roleName: "payments-deploy",
      ownership,
      identities: [WorkloadIdentity.githubActions({
        providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        repo: "acme/payments",
        environment: "production",
      })],
      grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
    });
  }
}

const app = new App();
new MyStack(app, "first-stack");
ZspGuard.apply(app); // any finding (a wildcard, a user, a key, a long session...) fails the synth
app.synth();
