/**
 * The example app: one stack per scenario of DESIGN.md. `npm run synth`
 * synthesizes every stack to cdktf.out/ and checks it with `zsp check`.
 */
import { App } from "../provider-shim/core";
import { ZspGuard } from "../modules";
import { GithubDeployStack } from "./github-deploy";
import { VaultBatchJobStack } from "./vault-batch-job";
import { VaultEtlStack } from "./vault-etl";
import { BreakGlassStack } from "./break-glass";
import { AiAgentIntentsStack } from "./ai-agent-intents";
import { TwoAccountsStack } from "./two-accounts";

const app = new App();
new GithubDeployStack(app, "github-deploy");
new VaultBatchJobStack(app, "vault-batch-job");
new VaultEtlStack(app, "vault-etl");
new BreakGlassStack(app, "break-glass");
new AiAgentIntentsStack(app, "ai-agent-intents");
new TwoAccountsStack(app, "two-accounts");
// The guard runs every rule on each stack's synthesized JSON: a finding fails `cdktf synth`.
ZspGuard.apply(app);
app.synth();
