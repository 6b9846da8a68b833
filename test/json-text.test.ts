import { isJsonWithoutEscapes } from "../modules/guard/json-text";

// isJsonWithoutEscapes must say true only where JSON.parse reads the text (the secret scan then
// trusts the text to be read as JSON, not as lines), and should say true wherever it does.

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const TEXTS = [
  "[]", "{}", " [ ] ", "[1]", "[1,]", "[,1]", "[1 2]", "{\"a\":1}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":}", "{a:1}", "{\"a\":1", "[1]]", "[1] x", "[1]\n\t ",
  "[0]", "[00]", "[01]", "[-0]", "[-]", "[1.]", "[1.5]", "[.5]", "[1e5]", "[1E+5]", "[1e-5]", "[1e]", "[1.5e3]", "[-1.5E-3]", "[+1]", "[0x10]", "[Infinity]", "[NaN]",
  "[true]", "[false]", "[null]", "[tru]", "[nul]", "[True]", "[truex]", "[true false]",
  "[\"a\"]", "[\"a]", "[\"a\tb\"]", "[\"a\nb\"]", "[\"a\u0001b\"]", "[\"a\u007fb\"]", "[\"a\u2028b\"]", "[\"\ud800\"]", "[\"é\"]",
  "[\u00a01]", "[1\u00a0]", "\ufeff[1]", "[1]\ufeff",
  "{\"a\":[{\"b\":{\"c\":[1,2,{\"d\":null}]}}]}", "{\"a\":[{\"b\":{\"c\":[1,2,{\"d\":null}]}}]", "{\"a\":{\"b\":1}}}", "[{]}", "[{}]", "[[[]]]", "[[[]]",
  "{\"a\":1,\"a\":2}", "{\"__proto__\":{\"x\":1}}", "[\"a\":1]", "{\"a\",1}", "{\"a\":1:2}", "{1:2}", "{\"a\":\"b\" \"c\":1}",
  '[{"name":"web","environment":[{"name":"LOG","value":"info"}],"secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:secretsmanager:eu-west-1:1:secret:db"}]}]',
  '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["s3:GetObject"],\n      "Resource": "*"\n    }\n  ]\n}',
];

/** Each text, and each text cut short, with one character dropped, and with one character doubled. */
function variants(text: string): string[] {
  const out = [text];
  for (let i = 0; i < text.length; i++) out.push(text.slice(0, i), text.slice(0, i) + text.slice(i + 1), text.slice(0, i + 1) + text.slice(i));
  return out;
}

describe("isJsonWithoutEscapes", () => {
  it.each(TEXTS)("agrees with JSON.parse on %j", (text) => {
    expect(isJsonWithoutEscapes(text)).toBe(parses(text));
  });

  it("agrees with JSON.parse on every text cut, or with a character dropped or doubled", () => {
    const disagreements = TEXTS.flatMap(variants).filter((t) => isJsonWithoutEscapes(t) !== parses(t));
    expect(disagreements).toEqual([]);
  });

  it("says false for text with escapes, which it does not read", () => {
    expect(JSON.parse('["a\\"b"]')).toEqual(['a"b']);
    expect(isJsonWithoutEscapes('["a\\"b"]')).toBe(false);
  });

  it("reads deep nesting as JSON.parse does", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(isJsonWithoutEscapes(deep)).toBe(parses(deep));
    expect(isJsonWithoutEscapes(deep + "]")).toBe(false);
  });
});
