import { goDurationSeconds } from "../../core/duration";
import { blocks, show } from "../model";
import { Locatable, Rule, RuleContext } from "../rule";

/** AWS provider arguments that are (or point at) static credentials: ZSP014, not ZSP010. */
export const AWS_STATIC_CREDENTIAL_ARGS: readonly string[] = ["access_key", "secret_key", "token", "profile", "shared_credentials_files", "shared_config_files"];

const HARD_MAX_PROVIDER_SESSION = 3600;

/** ZSP014: AWS provider static credentials, assume_role durations above 1 h. */
export const providerCredentialRule = {
  ids: ["ZSP014", "ZSP000"],
  run(ctx: RuleContext): void {
    for (const p of ctx.model.providers) {
      if (p.name !== "aws") continue;
      const keys = AWS_STATIC_CREDENTIAL_ARGS.filter((k) => p.config[k] !== undefined && p.config[k] !== null && p.config[k] !== "");
      if (keys.length > 0) {
        ctx.report("ZSP014", p, `AWS provider sets ${keys.join(", ")}: static or shared credentials are standing credentials. Fix: remove them; take base credentials from the CI job's OIDC identity and assume_role for at most 1h (awsProvider does).`);
      }
      for (const block of ["assume_role", "assume_role_with_web_identity"]) {
        for (const ar of blocks(p.config[block])) checkDuration(ctx, p, block, ar);
      }
    }
  },
} as const satisfies Rule;

function checkDuration(ctx: RuleContext, p: Locatable, block: string, ar: Record<string, unknown>): void {
  for (const key of ["duration", "duration_seconds"]) {
    const raw = ar[key];
    if (raw === undefined || raw === null || raw === "") continue;
    const seconds = key === "duration_seconds" ? (typeof raw === "number" ? raw : /^\d+$/.test(show(raw)) ? Number(raw) : undefined) : goDurationSeconds(raw);
    if (seconds === undefined) {
      ctx.report("ZSP000", p, `${block}.${key} ${show(raw)} cannot be evaluated; ZSP014 duration not checked.`);
    } else if (seconds > HARD_MAX_PROVIDER_SESSION) {
      ctx.report("ZSP014", p, `${block}.${key} is ${show(raw)}, above 1h: Terraform's session outlives the apply. Fix: use at most 1h (default 15m).`);
    }
  }
}
