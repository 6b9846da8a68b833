/**
 * The example app: one stack per scenario of DESIGN.md. `npm run synth`
 * synthesizes every stack to cdktf.out/ and checks it with `zsp check`.
 */
import { App } from "cdktf";
import { ZspGuard } from "../modules";
import { GithubDeployStack } from "./github-deploy";

const app = new App();
new GithubDeployStack(app, "github-deploy");
// The guard runs every rule on each stack's synthesized JSON: a finding fails `cdktf synth`.
ZspGuard.apply(app);
app.synth();
