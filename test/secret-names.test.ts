import { SECRET_NAME_ENDINGS, SECRET_NAME_WORDS, isSecretName, secretNameWordAt } from "../modules/guard/secret-names";

// Every secret name holds a secret name word (the scan reads JSON documents and scripts only
// around those words), however it is spelt.

const spellings = (ending: string): string[] => {
  const words = ending.split("_");
  const camel = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  return [ending, ending.toUpperCase(), `db_${ending}`, `DB_${ending.toUpperCase()}`, `app${camel.charAt(0).toUpperCase()}${camel.slice(1)}`, camel, words.join("-"), `x.${words.join(".")}`, `${ending}_wo`, ending.toUpperCase().replace(/K/g, "\u212a")];
};

describe("secret name words", () => {
  it.each([...SECRET_NAME_ENDINGS])("every spelling of `%s` that is a secret name holds one", (ending) => {
    const secret = spellings(ending).filter(isSecretName);
    expect(secret.length).toBeGreaterThan(3);
    for (const name of secret) expect([name, secretNameWordAt(`"${name}"`, 0)]).not.toEqual([name, -1]);
  });

  it("are found in any case from where the search starts", () => {
    const text = "x: secreTOKEN, y: passpwd";
    const found: number[] = [];
    for (let at = secretNameWordAt(text, 0); at !== -1; at = secretNameWordAt(text, at + 1)) found.push(at);
    expect(found).toEqual([5, 10, 18, 22]);
    expect(secretNameWordAt(text, 11)).toBe(18);
  });

  it("are few and not every word", () => {
    expect(SECRET_NAME_WORDS.length).toBeLessThan(SECRET_NAME_ENDINGS.length / 2);
    expect(secretNameWordAt("SETTING_1_TTL=value-1 region=eu-west-1 image=nginx:1.0", 0)).toBe(-1);
  });
});
