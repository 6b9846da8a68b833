import { isRecord, show } from "./model";

/**
 * Vault policies read as Vault reads them: HCL (comments `#`, `//`,
 * `/* *\/`; `path "<p>" { ... }` blocks with `capabilities`,
 * `allowed_parameters` / `denied_parameters` objects or blocks,
 * `required_parameters`, wrapping TTLs, the legacy `policy = "write"`
 * shorthand) or JSON (`{"path": {"<p>": {...}}}`), and path patterns as
 * Vault matches them (`+` one segment, `*` only as the last character).
 */

/** One path rule of a Vault policy. */
export interface VaultPathRule {
  /** Path pattern. */
  readonly path: string;
  /** Capabilities. */
  readonly capabilities: readonly string[];
}

/** The legacy `policy = "..."` shorthand as capabilities (Vault's `policy.go`). */
const LEGACY: Readonly<Record<string, readonly string[]>> = {
  deny: ["deny"],
  read: ["read", "list"],
  write: ["create", "read", "update", "delete", "list"],
  sudo: ["create", "read", "update", "delete", "list", "sudo"],
};

type Token = { readonly kind: "ident" | "string" | "number" | "punct"; readonly text: string };

/** Tokens of an HCL text; undefined when it is not HCL (an unterminated string or comment, an unknown character). */
function tokenize(text: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "#" || (c === "/" && text[i + 1] === "/")) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (c === '"') {
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== '"') {
        if (text[j] === "\\") {
          const e = text[j + 1];
          s += e === "n" ? "\n" : e === "t" ? "\t" : (e ?? "");
          j += 2;
        } else {
          s += text[j];
          j++;
        }
      }
      if (j >= text.length) return undefined;
      out.push({ kind: "string", text: s });
      i = j + 1;
    } else if ("{}[]=,:".includes(c)) {
      out.push({ kind: "punct", text: c });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w-]*/.exec(text.slice(i, i + 200)) as RegExpExecArray;
      out.push({ kind: "ident", text: m[0] });
      i += m[0].length;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?[0-9][0-9.]*[a-z]*/.exec(text.slice(i, i + 100));
      if (!m) return undefined;
      out.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else {
      return undefined;
    }
  }
  return out;
}

class Parser {
  private i = 0;
  public constructor(private readonly tokens: readonly Token[]) {}

  /** A body: attributes and blocks until `}` or the end. */
  public body(): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    while (this.i < this.tokens.length && this.peek()?.text !== "}") {
      const key = this.next();
      if (key.kind !== "ident" && key.kind !== "string") throw new Error(`expected a name, got ${key.text}`);
      const after = this.peek();
      if (after?.text === "=" || after?.text === ":") {
        this.i++;
        (out[key.text] ??= []).push(this.value());
        continue;
      }
      const labels: string[] = [];
      while (this.peek()?.kind === "string") labels.push(this.next().text);
      this.expect("{");
      const body = this.body();
      this.expect("}");
      (out[key.text] ??= []).push({ labels, body });
    }
    return out;
  }

  public done(): boolean {
    return this.i >= this.tokens.length;
  }

  private value(): unknown {
    const t = this.next();
    if (t.kind === "string" || t.kind === "number") return t.text;
    if (t.kind === "ident") return t.text;
    if (t.text === "[") {
      const list: unknown[] = [];
      while (this.peek()?.text !== "]") {
        list.push(this.value());
        if (this.peek()?.text === ",") this.i++;
      }
      this.expect("]");
      return list;
    }
    if (t.text === "{") {
      const obj: Record<string, unknown> = {};
      while (this.peek()?.text !== "}") {
        const k = this.next();
        if (k.kind !== "ident" && k.kind !== "string") throw new Error(`expected a key, got ${k.text}`);
        const sep = this.next();
        if (sep.text !== "=" && sep.text !== ":") throw new Error(`expected = after ${k.text}`);
        obj[k.text] = this.value();
        if (this.peek()?.text === ",") this.i++;
      }
      this.expect("}");
      return obj;
    }
    throw new Error(`unexpected ${t.text}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new Error("unexpected end");
    return t;
  }

  private expect(text: string): void {
    if (this.next().text !== text) throw new Error(`expected ${text}`);
  }
}

function capabilitiesOf(body: Readonly<Record<string, unknown>>): string[] {
  const caps = body.capabilities;
  const list = Array.isArray(caps) && caps.length === 1 && Array.isArray(caps[0]) ? caps[0] : caps;
  const out = Array.isArray(list) ? list.map((c) => show(c).toLowerCase()) : [];
  const legacy = Array.isArray(body.policy) ? body.policy[0] : body.policy;
  if (typeof legacy === "string") out.push(...(LEGACY[legacy.toLowerCase()] ?? []));
  return out;
}

/** Parses a Vault policy (HCL or JSON); undefined when it cannot be read. */
export function parseVaultPolicy(text: string): VaultPathRule[] | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      const json = JSON.parse(trimmed) as unknown;
      if (!isRecord(json)) return undefined;
      const paths = Array.isArray(json.path) ? json.path.filter(isRecord) : isRecord(json.path) ? [json.path] : [];
      if (paths.length === 0 && Object.keys(json).length > 0) return undefined;
      return paths.flatMap((p) => Object.entries(p).flatMap(([path, body]) =>
        (Array.isArray(body) ? body : [body]).filter(isRecord).map((b) => ({ path, capabilities: capabilitiesOf(b) }))));
    } catch {
      // not JSON: HCL below
    }
  }
  const tokens = tokenize(trimmed);
  if (tokens === undefined) return undefined;
  try {
    const parser = new Parser(tokens);
    const body = parser.body();
    if (!parser.done()) return undefined;
    const rules: VaultPathRule[] = [];
    for (const [key, items] of Object.entries(body)) {
      if (key !== "path") return undefined;
      for (const item of items) {
        if (!isRecord(item) || !Array.isArray(item.labels) || item.labels.length !== 1 || !isRecord(item.body)) return undefined;
        const flat: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(item.body)) flat[k] = Array.isArray(v) && v.length === 1 ? v[0] : v;
        rules.push({ path: show(item.labels[0]), capabilities: capabilitiesOf(flat) });
      }
    }
    return rules;
  } catch {
    return undefined;
  }
}

/** A path pattern as tokens: a literal character, one non-`/` character, any run of non-`/` characters, or anything (a final `*`). */
type PathToken = string | "<one>" | "<seg*>" | "<any>";

function pathTokens(pattern: string): PathToken[] {
  const out: PathToken[] = [];
  const segments = pattern.split("/");
  segments.forEach((seg, i) => {
    if (i > 0) out.push("/");
    if (seg === "+") {
      out.push("<one>", "<seg*>");
      return;
    }
    for (let k = 0; k < seg.length; k++) {
      const last = i === segments.length - 1 && k === seg.length - 1;
      out.push(seg[k] === "*" && last ? "<any>" : (seg[k] as string));
    }
  });
  return out;
}

/**
 * Whether two Vault path patterns match a common path (Vault semantics: `+`
 * is one whole segment, `*` only as the final character matches anything;
 * elsewhere it is a literal `*`).
 */
export function vaultPathsOverlap(a: string, b: string): boolean {
  const x = pathTokens(a.replace(/^\/+/, ""));
  const y = pathTokens(b.replace(/^\/+/, ""));
  const memo = new Map<number, boolean>();
  const step = (i: number, j: number): boolean => {
    const key = i * 10007 + j;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    memo.set(key, false);
    const result = inter(i, j);
    memo.set(key, result);
    return result;
  };
  const nonSlash = (t: PathToken): boolean => t !== "/";
  const inter = (i: number, j: number): boolean => {
    const p = x[i];
    const q = y[j];
    if (p === "<any>" || q === "<any>") return true;
    if (p === undefined && q === undefined) return true;
    if (p === "<seg*>" && (step(i + 1, j) || (q !== undefined && nonSlash(q) && (q === "<seg*>" ? step(i, j + 1) || step(i + 1, j) : step(i, j + 1))))) return true;
    if (q === "<seg*>" && (step(i, j + 1) || (p !== undefined && nonSlash(p) && step(i + 1, j)))) return true;
    if (p === undefined || q === undefined || p === "<seg*>" || q === "<seg*>") return false;
    if (p === "<one>") return nonSlash(q) && step(i + 1, j + 1);
    if (q === "<one>") return nonSlash(p) && step(i + 1, j + 1);
    return p === q && step(i + 1, j + 1);
  };
  return step(0, 0);
}
