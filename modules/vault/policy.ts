import { Construct } from "constructs";
import { ZspProfile } from "../core/profile-scope";
import { PropContext, ZspError, nested } from "../core/errors";
import { Ownership, ownershipTags } from "../ownership/ownership";
import { vault } from "../../provider-shim/vault-bindings";
import { vaultName } from "./common";
import { requireProps } from "../core/shape";
import { VaultPolicyRule, minimalPolicyRules, renderPolicyHcl } from "./policy-hcl";
import { providerOf, useProvider } from "../core/provider-scope";
import type { TerraformProviderLike } from "../../provider-shim/core-types";
import { recordSourceLocations } from "../core/source-recorder";
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/** Props of a {@link VaultPolicy}. */
export interface VaultPolicyProps {
  /**
   * The Vault provider every vault resource of this construct goes to, e.g. the
   * `vaultProvider(stack, { alias: "dr", ... })` of another Vault cluster. Constructs created inside it inherit it.
   * Any provider block of the vault kind fits (cdktf or CDK Terrain, recognised by its brand).
   * @default the stack's default (unaliased) Vault provider, or the one an enclosing construct chose
   * @throws ZspError when it is not a vault provider of this stack
   */
  readonly provider?: TerraformProviderLike;
  /** Policy name in Vault, e.g. `nightly-report`. */
  readonly name: string;
  /** The paths and capabilities the workload needs; nothing else is granted. */
  readonly rules: readonly VaultPolicyRule[];
  /** Who owns the policy; written as comments at the top of the policy text. */
  readonly ownership: Ownership;
  /** Further lines written as comments after the ownership, e.g. what each path is for. */
  readonly notes?: readonly string[];
}

const VAULT_POLICY_BRAND = classBrand("VaultPolicy");

/**
 * A Vault ACL policy for a workload, generated from declared paths: the
 * smallest policy that grants exactly them (one block per path, no globs,
 * never `sudo`, no writes to paths that change Vault's own authorization). The ownership is written as comments into the policy text,
 * since Vault policies take no metadata.
 */
export class VaultPolicy extends Construct {
  static {
    stampBrand(this, VAULT_POLICY_BRAND);
  }

  /**
   * Whether `x` is a `VaultPolicy` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/VaultPolicy")`
   * (see `modules/core/brand.ts`).
   */
  public static isVaultPolicy(x: unknown): x is VaultPolicy {
    return hasBrand(x, VAULT_POLICY_BRAND);
  }

  /** Policy name, as auth roles reference it in `token_policies`. */
  public readonly policyName: string;
  /** The minimal rules the policy grants. */
  public readonly rules: readonly VaultPolicyRule[];
  /** The policy text (HCL). */
  public readonly hcl: string;

  public constructor(scope: Construct, id: string, props: VaultPolicyProps) {
    super(scope, id);
    recordSourceLocations(this);
    const ctx: PropContext = { path: this.node.path, prop: "props" };
    requireProps(props, ctx, "give name, rules and ownership");
    useProvider(this, "vault", props.provider, { path: this.node.path, prop: "provider" });
    const notes = props.notes ?? [];
    if (!Array.isArray(notes) || notes.some((n) => typeof n !== "string")) {
      throw new ZspError({ ...nested(ctx, "notes"), problem: "expected a list of strings", fix: 'give e.g. ["what each path is for"]' });
    }
    this.policyName = vaultName(props.name, nested(ctx, "name"), "nightly-report");
    this.rules = minimalPolicyRules(props.rules, nested(ctx, "rules"));
    const tags = ownershipTags(props.ownership, "jit", ZspProfile.of(this), nested(ctx, "ownership"));
    this.hcl = renderPolicyHcl(this.rules, [...Object.entries(tags).map(([k, v]) => `${k} = ${v}`), ...notes]);
    new vault.Policy(this, "policy", { ...providerOf(this, "vault"), name: this.policyName, policy: this.hcl });
  }
}
