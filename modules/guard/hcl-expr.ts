/**
 * A parser for the HCL expressions Terraform JSON strings hold: a JSON
 * string is a template (`"arn:${var.partition}:iam::aws:policy/x"`), and
 * inside `${...}` any HCL expression may stand. Parses the subset the guard
 * evaluates (see {@link Expr}); anything else (heredocs, `%{...}`
 * directives, syntax errors, nesting deeper than {@link MAX_EXPR_DEPTH})
 * is a {@link HclSyntaxError}, and the caller treats the value as unknown.
 */

/** Deepest expression nesting the parser follows (the evaluator recurses over the tree). */
export const MAX_EXPR_DEPTH = 64;

/** An expression the parser does not read. */
export class HclSyntaxError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = "HclSyntaxError";
  }
}

/** One step of a traversal: `.name`, `[key]` or a splat `[*]` / `.*`. */
export type Step =
  | { readonly kind: "attr"; readonly name: string }
  | { readonly kind: "index"; readonly key: Expr }
  | { readonly kind: "splat" };

/** A parsed expression; `src` is its source text (how an unknown part is shown). */
export type Expr = { readonly src: string } & (
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "template"; readonly parts: ReadonlyArray<string | Expr> }
  | { readonly kind: "tuple"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly items: ReadonlyArray<readonly [Expr, Expr]> }
  | { readonly kind: "variable"; readonly name: string }
  | { readonly kind: "traverse"; readonly target: Expr; readonly steps: readonly Step[] }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expr[]; readonly expand: boolean }
  | { readonly kind: "conditional"; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "unary"; readonly op: "!" | "-"; readonly operand: Expr }
  | { readonly kind: "for"; readonly keyVar?: string; readonly valueVar: string; readonly collection: Expr; readonly key?: Expr; readonly value: Expr; readonly cond?: Expr; readonly group: boolean; readonly object: boolean }
);

/** Operators by precedence, loosest first (HCL's table). */
const BINARY: readonly (readonly string[])[] = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];

/**
 * Parses a Terraform JSON string as a template. A string that is exactly one
 * `${...}` is returned as that expression (its value keeps its type, as in
 * Terraform).
 *
 * @throws HclSyntaxError when the string holds what the parser does not read.
 */
export function parseTemplate(text: string): Expr {
  const p = new Parser(text);
  const t = p.template(undefined);
  if (p.pos !== text.length) throw new HclSyntaxError("unexpected text after the template");
  return t;
}

/**
 * Parses one HCL expression (no surrounding `${}`).
 *
 * @throws HclSyntaxError when the text holds what the parser does not read.
 */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const e = p.expression();
  p.space();
  if (p.pos !== text.length) throw new HclSyntaxError(`unexpected ${JSON.stringify(text.slice(p.pos, p.pos + 10))}`);
  return e;
}

class Parser {
  public pos = 0;
  private depth = 0;

  public constructor(private readonly text: string) {}

  /** A template up to `end` (`"` inside an expression) or the end of the text. */
  public template(end: string | undefined): Expr {
    const start = this.pos;
    const parts: Array<string | Expr> = [];
    let literal = "";
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (end !== undefined && c === end) break;
      if (end !== undefined && c === "\\") {
        literal += this.escape();
        continue;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === c && t[this.pos + 2] === "{") {
        literal += `${c}{`;
        this.pos += 3;
        continue;
      }
      if (c === "%" && t[this.pos + 1] === "{") throw new HclSyntaxError("template directives (%{...}) are not evaluated");
      if (c === "$" && t[this.pos + 1] === "{") {
        this.pos += 2;
        if (t[this.pos] === "~") this.pos++;
        if (literal !== "") parts.push(literal);
        literal = "";
        this.enter();
        parts.push(this.expression());
        this.depth--;
        this.space();
        if (t[this.pos] === "~") this.pos++;
        this.expect("}");
        continue;
      }
      literal += c;
      this.pos++;
    }
    if (end !== undefined && t[this.pos] !== end) throw new HclSyntaxError("unterminated string");
    if (literal !== "" || parts.length === 0) parts.push(literal);
    const src = t.slice(start, this.pos);
    const only = parts[0];
    if (parts.length === 1 && typeof only === "object") return only;
    if (parts.length === 1 && typeof only === "string") return { kind: "literal", value: only, src };
    return { kind: "template", parts, src };
  }

  public expression(): Expr {
    this.enter();
    const start = this.pos;
    const cond = this.binary(0);
    this.space();
    let out = cond;
    if (this.text[this.pos] === "?") {
      this.pos++;
      const then = this.expression();
      this.space();
      this.expect(":");
      const otherwise = this.expression();
      out = { kind: "conditional", cond, then, else: otherwise, src: this.text.slice(start, this.pos) };
    }
    this.depth--;
    return out;
  }

  public space(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") this.pos++;
      else if (c === "#" || (c === "/" && t[this.pos + 1] === "/")) while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
      else if (c === "/" && t[this.pos + 1] === "*") {
        const close = t.indexOf("*/", this.pos + 2);
        if (close < 0) throw new HclSyntaxError("unterminated comment");
        this.pos = close + 2;
      } else return;
    }
  }

  private enter(): void {
    if (++this.depth > MAX_EXPR_DEPTH) throw new HclSyntaxError(`expression nests deeper than ${MAX_EXPR_DEPTH} levels`);
  }

  private expect(token: string): void {
    this.space();
    if (!this.text.startsWith(token, this.pos)) throw new HclSyntaxError(`expected ${token}`);
    this.pos += token.length;
  }

  private binary(level: number): Expr {
    const ops = BINARY[level];
    if (!ops) return this.unary();
    const start = this.pos;
    let left = this.binary(level + 1);
    for (;;) {
      this.space();
      // Two-character operators come first in their level, so `<=` is never read as `<`.
      const op = ops.find((o) => this.text.startsWith(o, this.pos));
      if (!op) return left;
      this.pos += op.length;
      this.enter();
      const right = this.binary(level + 1);
      this.depth--;
      left = { kind: "binary", op, left, right, src: this.text.slice(start, this.pos) };
    }
  }

  private unary(): Expr {
    this.space();
    const c = this.text[this.pos];
    if (c === "!" || (c === "-" && !/[0-9]/.test(this.text[this.pos + 1] ?? ""))) {
      const start = this.pos++;
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { kind: "unary", op: c, operand, src: this.text.slice(start, this.pos) };
    }
    return this.postfix();
  }

  private postfix(): Expr {
    const start = this.pos;
    const target = this.primary();
    const steps: Step[] = [];
    const t = this.text;
    for (;;) {
      const save = this.pos;
      this.space();
      if (t[this.pos] === "." && t[this.pos + 1] !== ".") {
        this.pos++;
        this.space();
        if (t[this.pos] === "*") {
          this.pos++;
          steps.push({ kind: "splat" });
          continue;
        }
        const num = /^[0-9]+/.exec(t.slice(this.pos, this.pos + 12));
        if (num) {
          this.pos += num[0].length;
          steps.push({ kind: "index", key: { kind: "literal", value: Number(num[0]), src: num[0] } });
          continue;
        }
        steps.push({ kind: "attr", name: this.identifier() });
        continue;
      }
      if (t[this.pos] === "[") {
        this.pos++;
        this.space();
        if (t[this.pos] === "*") {
          this.pos++;
          this.expect("]");
          steps.push({ kind: "splat" });
          continue;
        }
        const key = this.expression();
        this.expect("]");
        steps.push({ kind: "index", key });
        continue;
      }
      this.pos = save;
      break;
    }
    return steps.length === 0 ? target : { kind: "traverse", target, steps, src: t.slice(start, this.pos) };
  }

  private primary(): Expr {
    this.space();
    const t = this.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === undefined) throw new HclSyntaxError("unexpected end of expression");
    if (c === "(") {
      this.pos++;
      const inner = this.expression();
      this.expect(")");
      return { ...inner, src: t.slice(start, this.pos) };
    }
    if (c === '"') {
      this.pos++;
      const inner = this.template('"');
      this.pos++;
      return { ...inner, src: t.slice(start, this.pos) };
    }
    if (c === "<" && t[this.pos + 1] === "<") throw new HclSyntaxError("heredocs are not evaluated");
    if (c === "[") return this.tuple(start);
    if (c === "{") return this.object(start);
    const num = /^-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(t.slice(this.pos, this.pos + 64));
    if (num) {
      this.pos += num[0].length;
      return { kind: "literal", value: Number(num[0]), src: num[0] };
    }
    const name = this.identifier();
    if (name === "true" || name === "false") return { kind: "literal", value: name === "true", src: name };
    if (name === "null") return { kind: "literal", value: null, src: name };
    this.space();
    if (t[this.pos] === "(" ) return this.call(name, start);
    if (t[this.pos] === ":" && t[this.pos + 1] === ":") throw new HclSyntaxError("provider functions are not evaluated");
    return { kind: "variable", name, src: name };
  }

  private call(name: string, start: number): Expr {
    this.pos++;
    const args: Expr[] = [];
    let expand = false;
    this.space();
    while (this.text[this.pos] !== ")") {
      args.push(this.expression());
      this.space();
      if (this.text.startsWith("...", this.pos)) {
        expand = true;
        this.pos += 3;
        this.space();
      }
      if (this.text[this.pos] === ",") {
        this.pos++;
        this.space();
      } else break;
    }
    this.expect(")");
    return { kind: "call", name, args, expand, src: this.text.slice(start, this.pos) };
  }

  private tuple(start: number): Expr {
    this.pos++;
    this.space();
    if (this.keyword("for")) return this.forExpr(start, false);
    const items: Expr[] = [];
    while (this.text[this.pos] !== "]") {
      items.push(this.expression());
      this.space();
      if (this.text[this.pos] === ",") {
        this.pos++;
        this.space();
      } else break;
    }
    this.expect("]");
    return { kind: "tuple", items, src: this.text.slice(start, this.pos) };
  }

  private object(start: number): Expr {
    this.pos++;
    this.space();
    if (this.keyword("for")) return this.forExpr(start, true);
    const items: Array<readonly [Expr, Expr]> = [];
    while (this.text[this.pos] !== "}") {
      const keyStart = this.pos;
      let key = this.expression();
      // A bare identifier key is its name, not a variable (`{ Effect = "Allow" }`).
      if (key.kind === "variable") key = { kind: "literal", value: key.name, src: this.text.slice(keyStart, this.pos) };
      this.space();
      const c = this.text[this.pos];
      if (c === "=" || c === ":") this.pos++;
      else throw new HclSyntaxError("expected = or : in an object");
      items.push([key, this.expression()]);
      this.space();
      if (this.text[this.pos] === "," ) this.pos++;
      this.space();
    }
    this.expect("}");
    return { kind: "object", items, src: this.text.slice(start, this.pos) };
  }

  private forExpr(start: number, object: boolean): Expr {
    this.space();
    const first = this.identifier();
    this.space();
    let keyVar: string | undefined;
    let valueVar = first;
    if (this.text[this.pos] === ",") {
      this.pos++;
      this.space();
      keyVar = first;
      valueVar = this.identifier();
      this.space();
    }
    if (!this.keyword("in")) throw new HclSyntaxError("expected in");
    const collection = this.expression();
    this.expect(":");
    let key: Expr | undefined;
    let value = this.expression();
    this.space();
    if (object) {
      this.expect("=>");
      key = value;
      value = this.expression();
      this.space();
    }
    let group = false;
    if (this.text.startsWith("...", this.pos)) {
      group = true;
      this.pos += 3;
      this.space();
    }
    let cond: Expr | undefined;
    if (this.keyword("if")) cond = this.expression();
    this.expect(object ? "}" : "]");
    return {
      kind: "for", valueVar, collection, value, group, object, src: this.text.slice(start, this.pos),
      ...(keyVar !== undefined ? { keyVar } : {}), ...(key ? { key } : {}), ...(cond ? { cond } : {}),
    };
  }

  /** Consumes `word` when it stands alone at the cursor. */
  private keyword(word: string): boolean {
    const t = this.text;
    if (!t.startsWith(word, this.pos) || /[\w-]/.test(t[this.pos + word.length] ?? "")) return false;
    this.pos += word.length;
    this.space();
    return true;
  }

  private identifier(): string {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) throw new HclSyntaxError(`unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 10))}`);
    this.pos += m[0].length;
    return m[0];
  }

  private escape(): string {
    const t = this.text;
    const n = t[this.pos + 1];
    this.pos += 2;
    switch (n) {
      case "n": return "\n";
      case "r": return "\r";
      case "t": return "\t";
      case '"': return '"';
      case "\\": return "\\";
      case "u": {
        const hex = t.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new HclSyntaxError("bad \\u escape");
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default: throw new HclSyntaxError(`unknown escape \\${n ?? ""}`);
    }
  }
}
