/**
 * IAM role paths that encode the access model (DESIGN.md vocabulary), so
 * EventBridge rules and SCPs can match roles by ARN prefix. The constructs
 * write them; the guard and the access map read them.
 */
export const ROLE_PATHS = {
  /** Just-in-time roles (`JitRole`, agent ceilings). */
  jit: "/zsp/jit/",
  /** Break-glass roles (`BreakGlassRole`), the only accepted holders of admin policies. */
  breakGlass: "/zsp/break-glass/",
} as const;
