import { App, TerraformStack } from "../provider-shim/core";
import { JitRole, WorkloadIdentity, ZspGuard, grant } from "../modules";
import { awsProvider } from "../provider-shim";

const app = new App();
const stack = new TerraformStack(app, "quick-start");
const ownership = { owner: "team-payments", contact: "payments-oncall@acme.example", purpose: "deploy payments" };

// Terraform holds no keys: it assumes a role for 15 minutes, stamped with a source identity.
awsProvider(stack, {
  region: "eu-west-1",
  allowedAccountIds: ["111122223333"],
  assumeRole: { roleArn: "arn:aws:iam::111122223333:role/terraform-apply", sessionName: "tf-quick-start", sourceIdentity: "tf-quick-start" },
  ownership,
});

// Only production jobs of acme/payments may obtain it, for at most 1 h, to upload releases.
new JitRole(stack, "payments-deploy", {
  roleName: "payments-deploy",
  ownership,
  identities: [WorkloadIdentity.githubActions({
    providerArn: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
    repo: "acme/payments",
    environment: "production",
  })],
  grants: [grant(["s3:PutObject"], ["arn:aws:s3:::acme-payments-artifacts/releases/*"])],
});

ZspGuard.apply(app); // any finding (a wildcard, a user, a key, a long session...) fails the synth
app.synth();
