/**
 * The example app: one stack per scenario of DESIGN.md. `npm run synth`
 * synthesizes every stack to cdktf.out/ and checks it with `zsp check`.
 */
import { App } from "cdktf";
import { GithubDeployStack } from "./github-deploy";
import { BreakGlassStack } from "./break-glass";

const app = new App();
new GithubDeployStack(app, "github-deploy");
new BreakGlassStack(app, "break-glass");
app.synth();
