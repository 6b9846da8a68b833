import { IConstruct } from "constructs";
import { DEFAULT_PROFILE, ResolvedZspProfile, ZspProfileProps, resolveProfile, restrictProfile } from "./profile";
import { sharedWeakMap } from "./shared-state";

/** The cdktf.json context key that holds the organisation profile. */
export const PROFILE_CONTEXT_KEY = "zsp";

/** Profiles by scope, one map for every copy of cdktf-zsp in the process (a golden module's own copy included). */
const attached = sharedWeakMap<IConstruct, ResolvedZspProfile>("profiles", 1);

/**
 * Organisation profiles in a construct tree. The profile in force for a
 * construct is the nearest one attached with {@link ZspProfile.apply} on it or
 * an ancestor, layered over the cdktf.json context key `zsp`, layered over
 * {@link DEFAULT_PROFILE}.
 */
export class ZspProfile {
  /**
   * Attaches a profile to `scope` (usually a stack). Its fields override the
   * profile in force above `scope`; fields it leaves out are inherited.
   * Call it before creating the constructs it should bound.
   */
  public static apply(scope: IConstruct, props: ZspProfileProps): ResolvedZspProfile {
    const resolved = resolveProfile(props, scope.node.path || "app", ZspProfile.of(scope));
    attached.set(scope, resolved);
    return resolved;
  }

  /**
   * Attaches a profile to `scope` that can only tighten the one in force
   * above it (see `restrictProfile`). Golden modules call this on their own
   * construct so that a consumer's `apply` cannot loosen the organisation's
   * bounds.
   */
  public static restrict(scope: IConstruct, props: ZspProfileProps): ResolvedZspProfile {
    const resolved = restrictProfile(ZspProfile.of(scope), props, scope.node.path || "app");
    attached.set(scope, resolved);
    return resolved;
  }

  /** The profile in force for `scope`. */
  public static of(scope: IConstruct): ResolvedZspProfile {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const found = attached.get(scopes[i] as IConstruct);
      if (found) return found;
    }
    const root = scopes[0] as IConstruct;
    const cached = attached.get(root);
    if (cached) return cached;
    const fromContext = resolveProfile(scope.node.tryGetContext(PROFILE_CONTEXT_KEY), `context "${PROFILE_CONTEXT_KEY}" (cdktf.json)`, DEFAULT_PROFILE);
    attached.set(root, fromContext);
    return fromContext;
  }

  private constructor() {}
}
