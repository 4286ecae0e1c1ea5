import { describe, expect, it } from "vitest";
import { KEPT_BY_SIGNATURE, tokenize } from "./tokens.js";
import { KEPT_LOWER } from "./vocabulary.js";

describe("kept lower-case words", () => {
  it("the signature index holds exactly the kept words that start with two letters a to z", () => {
    const indexed = KEPT_BY_SIGNATURE.flatMap((slot) => slot ?? []);
    const expected = [...KEPT_LOWER].filter((w) => /^[a-z]{2}/.test(w));
    expect(new Set(indexed)).toEqual(new Set(expected));
    expect(indexed.length).toBe(expected.length);
  });

  it("every kept word is read as a word, and a word that only shares its signature is not", () => {
    for (const w of KEPT_LOWER) {
      if (!/^[a-z]+$/.test(w)) continue;
      const words = tokenize(`x ${w} y`).filter((t) => t.text !== "");
      expect(words.map((t) => t.text)).toContain(w);
    }
    // `thx` has the length and first letters of `the` but is no kept word: part of the gap.
    expect(tokenize("Biato saw thx report").map((t) => t.text)).toEqual(["Biato", ""]);
  });

  it("a particle prefix before a capital is read whatever its signature", () => {
    const texts = tokenize("saw al-Qadhafi and el-Baradei").map((t) => t.text);
    expect(texts).toEqual(["", "al-Qadhafi", "and", "el-Baradei"]);
  });
});
