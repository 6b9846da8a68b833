import type { RuleId } from "../catalogue";
import type { Rule } from "../rule";
import { adminRule } from "./admin-policy";
import { breakGlassRule } from "./break-glass";
import { windowRule } from "./expired-window";
import { escalationRule } from "./escalation";
import { literalSecretRule } from "./literal-secret";
import { oidcTrustRule } from "./oidc-trust";
import { opaqueModuleRule } from "./opaque-module";
import { openTrustRule } from "./open-trust";
import { ownershipTagRule } from "./ownership-tags";
import { providerAliasRule } from "./provider-alias";
import { providerCredentialRule } from "./provider-credential";
import { resourceExposureRule } from "./resource-exposure";
import { sessionRule } from "./session";
import { standingCredentialRule } from "./standing-credential";
import { undeclaredVariableRule } from "./undeclared-variable";
import { unusedGrantRule } from "./unused-grant";
import { vaultPolicyRule } from "./vault-policy";
import { vaultRevocationRule } from "./vault-revocation";
import { vaultStandingSecretRule } from "./vault-standing-secret";
import { vaultLoginRule } from "./vault-login";
import { vaultTtlRule } from "./vault-ttl";
import { wildcardRule } from "./wildcard";

/**
 * Every rule, registered as data (one file each, cdk-nag style). Add a rule
 * by adding its file and one entry here; the engine runs them in this order.
 */
export const RULE_SET = [
  standingCredentialRule, openTrustRule, oidcTrustRule, sessionRule, wildcardRule, adminRule,
  vaultTtlRule, vaultStandingSecretRule, vaultRevocationRule, literalSecretRule, breakGlassRule,
  ownershipTagRule, windowRule, providerCredentialRule, vaultPolicyRule, opaqueModuleRule, escalationRule, resourceExposureRule,
  vaultLoginRule, unusedGrantRule, providerAliasRule, undeclaredVariableRule,
] as const satisfies readonly Rule[];

/** Catalogue ids no registered rule reports: must be `never` (a compile error names the missing id). */
type Unruled = Exclude<RuleId, (typeof RULE_SET)[number]["ids"][number]>;
const everyIdHasARule: [Unruled] extends [never] ? true : Unruled = true;
void everyIdHasARule;
