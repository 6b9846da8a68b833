import type { ResolvedZspProfile } from "../core/profile";
import type { RuleId } from "./catalogue";
import type { Severity, TfModel } from "./model";
import type { UsageReport } from "./usage";
import type { SourceLocation } from "../core/source-location";

/** Where a finding sits: a resource, provider or variable (anything with an address). */
export interface Locatable {
  /** Terraform address. */
  readonly address: string;
  /** Construct path, when known. */
  readonly constructPath?: string;
  /** The TypeScript line that created it, when recorded. */
  readonly sourceLocation?: SourceLocation;
}

/** What a rule reads and how it reports. */
export interface RuleContext {
  /** The input. */
  readonly model: TfModel;
  /** Thresholds. */
  readonly profile: ResolvedZspProfile;
  /** The clock, read once at the edge (CLI, Aspect). */
  readonly now: Date;
  /** Observed use of the roles' grants, when given (opt-in rules such as ZSP019 read it). */
  readonly usage?: UsageReport;
  /** Reports a finding; severity defaults to the rule's. */
  report(rule: RuleId, at: Locatable, message: string, severity?: Severity): void;
}

/** A rule, registered as data: the catalogue ids it reports and how it reads the model. */
export interface Rule {
  /** Catalogue ids this rule reports (ZSP000 included where it reports what it cannot evaluate). */
  readonly ids: readonly RuleId[];
  /** Reads `ctx.model` and reports findings through `ctx.report`. */
  run(ctx: RuleContext): void;
}
