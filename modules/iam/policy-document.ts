/**
 * A small IAM policy model (after the AWS CDK's `PolicyStatement`): plain
 * data, no cdktf or provider imports, so the guard and the CLI can share it.
 */
import { classBrand, hasBrand, stampBrand } from "../core/brand";

/** Condition block: operator → key → value(s), as IAM writes it. */
export type Conditions = Record<string, Record<string, string | readonly string[] | boolean>>;

/** One condition test, flattened: operator, key, values (booleans as `"true"`/`"false"`). */
export interface ConditionTest {
  /** Operator, e.g. `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`. */
  readonly operator: string;
  /** Condition key, e.g. `aws:MultiFactorAuthPresent`. */
  readonly key: string;
  /** Values. */
  readonly values: readonly string[];
}

/** A statement's principal, as IAM writes it. */
export interface PrincipalJson {
  /** AWS account, role or user ARNs. */
  readonly AWS?: string | readonly string[];
  /** OIDC or SAML provider ARN. */
  readonly Federated?: string | readonly string[];
  /** Service principal, e.g. `rolesanywhere.amazonaws.com`. */
  readonly Service?: string | readonly string[];
}

/** One IAM statement as JSON. */
export interface PolicyStatementJson {
  /** Statement id. */
  readonly Sid?: string;
  /** Allow or Deny. */
  readonly Effect: "Allow" | "Deny";
  /** Who (trust and resource policies). */
  readonly Principal?: PrincipalJson;
  /** Actions. */
  readonly Action?: string | readonly string[];
  /** Every action but these. */
  readonly NotAction?: string | readonly string[];
  /** Resource ARNs. */
  readonly Resource?: string | readonly string[];
  /** Every resource but these. */
  readonly NotResource?: string | readonly string[];
  /** Conditions. */
  readonly Condition?: Conditions;
}

/** An IAM policy document as JSON. */
export interface PolicyDocumentJson {
  /** Policy language version. */
  readonly Version: "2012-10-17";
  /** Statements. */
  readonly Statement: readonly PolicyStatementJson[];
}

/** Props of a {@link PolicyStatement}. */
export interface PolicyStatementProps {
  /** Statement id; letters and digits only. */
  readonly sid?: string;
  /** Default `Allow`. */
  readonly effect?: "Allow" | "Deny";
  /** Principals (trust and resource policies only). */
  readonly principal?: PrincipalJson;
  /** Actions, e.g. `s3:GetObject`. */
  readonly actions?: readonly string[];
  /** NotAction: only for Deny statements built by this library (Allow + NotAction is refused by design). */
  readonly notActions?: readonly string[];
  /** Resource ARNs. */
  readonly resources?: readonly string[];
  /** NotResource ARNs. */
  readonly notResources?: readonly string[];
  /** Conditions. */
  readonly conditions?: Conditions;
}

const POLICY_STATEMENT_BRAND = classBrand("PolicyStatement");

/** An immutable IAM statement. */
export class PolicyStatement {
  static {
    stampBrand(this, POLICY_STATEMENT_BRAND);
  }

  /**
   * Whether `x` is a `PolicyStatement` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/PolicyStatement")`
   * (see `modules/core/brand.ts`).
   */
  public static isPolicyStatement(x: unknown): x is PolicyStatement {
    return hasBrand(x, POLICY_STATEMENT_BRAND);
  }

  /** The props this statement was built from. */
  public readonly props: PolicyStatementProps;

  public constructor(props: PolicyStatementProps) {
    this.props = props;
  }

  /** The effect, `Allow` by default. */
  public get effect(): "Allow" | "Deny" {
    return this.props.effect ?? "Allow";
  }

  /** A copy with `extra` conditions merged in (values under the same operator and key are unioned). */
  public withConditions(extra: Conditions | undefined): PolicyStatement {
    return extra === undefined ? this : new PolicyStatement({ ...this.props, conditions: mergeConditions(this.props.conditions, extra) });
  }

  /** The statement as IAM JSON, with single values unwrapped from lists as IAM shows them. */
  public toJSON(): PolicyStatementJson {
    const p = this.props;
    return {
      ...(p.sid !== undefined ? { Sid: p.sid } : {}),
      Effect: this.effect,
      ...(p.principal !== undefined ? { Principal: p.principal } : {}),
      ...(p.actions !== undefined ? { Action: unwrap(p.actions) } : {}),
      ...(p.notActions !== undefined ? { NotAction: unwrap(p.notActions) } : {}),
      ...(p.resources !== undefined ? { Resource: unwrap(p.resources) } : {}),
      ...(p.notResources !== undefined ? { NotResource: unwrap(p.notResources) } : {}),
      ...(p.conditions !== undefined && Object.keys(p.conditions).length > 0 ? { Condition: p.conditions } : {}),
    };
  }
}

const POLICY_DOCUMENT_BRAND = classBrand("PolicyDocument");

/** An IAM policy document. */
export class PolicyDocument {
  static {
    stampBrand(this, POLICY_DOCUMENT_BRAND);
  }

  /**
   * Whether `x` is a `PolicyDocument` from this or any other copy of cdktf-zsp
   * in the process (e.g. a golden module's own copy), which `instanceof`
   * would refuse: it reads the brand `Symbol.for("cdktf-zsp/PolicyDocument")`
   * (see `modules/core/brand.ts`).
   */
  public static isPolicyDocument(x: unknown): x is PolicyDocument {
    return hasBrand(x, POLICY_DOCUMENT_BRAND);
  }

  /** Its statements, in order. */
  public readonly statements: readonly PolicyStatement[];

  public constructor(statements: readonly PolicyStatement[]) {
    this.statements = statements;
  }

  /** The document as IAM JSON. */
  public toJSON(): PolicyDocumentJson {
    return { Version: "2012-10-17", Statement: this.statements.map((s) => s.toJSON()) };
  }

  /** The document as the JSON string Terraform's `policy` arguments take. */
  public toJsonString(): string {
    return JSON.stringify(this.toJSON());
  }
}

/** Merges two condition blocks; values under the same operator and key are unioned. */
export function mergeConditions(a: Conditions | undefined, b: Conditions | undefined): Conditions {
  const out: Record<string, Record<string, string | readonly string[] | boolean>> = {};
  for (const block of [a ?? {}, b ?? {}]) {
    for (const [operator, keys] of Object.entries(block)) {
      const target = (out[operator] ??= {});
      for (const [key, value] of Object.entries(keys)) {
        const existing = target[key];
        if (existing === undefined || typeof value === "boolean" || typeof existing === "boolean") {
          target[key] = value;
        } else {
          const union = [...new Set([...asList(existing), ...asList(value)])];
          target[key] = union.length === 1 ? (union[0] as string) : union;
        }
      }
    }
  }
  return out;
}

/** Conditions that confine a request to a window: `aws:CurrentTime` after `notBefore` and before `notAfter` (ISO 8601, UTC). */
export function windowConditions(notBefore: string, notAfter: string): Conditions {
  return {
    DateGreaterThan: { "aws:CurrentTime": notBefore },
    DateLessThan: { "aws:CurrentTime": notAfter },
  };
}

/**
 * The kill switch: a Deny-all for sessions whose token was issued before
 * `issuedBefore` (ISO 8601, UTC), as the IAM console's "revoke active
 * sessions" writes it.
 */
export function revokeSessionsStatement(issuedBefore: string): PolicyStatement {
  return new PolicyStatement({
    sid: "ZspRevokeOlderSessions",
    effect: "Deny",
    actions: ["*"],
    resources: ["*"],
    conditions: { DateLessThan: { "aws:TokenIssueTime": issuedBefore } },
  });
}

function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

function unwrap(values: readonly string[]): string | readonly string[] {
  return values.length === 1 ? (values[0] as string) : values;
}
