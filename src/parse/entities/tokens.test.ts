import { describe, expect, it } from "vitest";
import { isLetter, isLower, isUpper, KEPT_BY_SIGNATURE, tokenize } from "./tokens.js";
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

/** Each token as `text/shape`, the gap of unread lower-case words as `_`. */
const shapes = (text: string) =>
  tokenize(text).map((t) => (t.text === "" ? "_" : `${t.text}/${t.shape}`));

describe("words with joiners, accents, capitals and initials", () => {
  it("a long lower-case word is read only when it holds a hyphen or an apostrophe", () => {
    expect(shapes("the counter-proliferation talks")).toEqual([
      "the/lower",
      "counter-proliferation/lower",
      "_",
    ]);
    expect(shapes("anti-american-ism")).toEqual(["anti-american-ism/lower"]);
    expect(shapes("ambassador-designate Smith")).toEqual([
      "ambassador-designate/lower",
      "Smith/cap",
    ]);
    // Long and lower case without a joiner: part of the gap.
    expect(shapes("notwithstanding extraordinarily")).toEqual(["_"]);
  });

  it("a lower-case possessive or elided word opens no name unless its prefix is a particle", () => {
    expect(shapes("the state's case, the minister’s view")).toEqual([
      "the/lower",
      "_",
      ",/punct",
      "the/lower",
      "_",
    ]);
    expect(shapes("o'Brien met d'Estaing's aide")).toEqual([
      "o'Brien/cap",
      "met/lower",
      "_",
      "aide/lower",
    ]);
  });

  it("capitals, accents, possessives and initials keep their shape and fold", () => {
    const caps = tokenize("MINISTER ASKS AHMADI-NEJAD'S AIDE");
    expect(caps.map((t) => [t.text, t.shape, t.fold, t.possessive])).toEqual([
      ["MINISTER", "upper", "minister", false],
      ["ASKS", "upper", "asks", false],
      ["AHMADI-NEJAD", "upper", "ahmadi-nejad", true],
      ["AIDE", "upper", "aide", false],
    ]);
    const accented = tokenize("José Müller-Lüdenscheid said");
    expect(accented.map((t) => [t.text, t.shape, t.fold])).toEqual([
      ["José", "cap", "jose"],
      ["Müller-Lüdenscheid", "cap", "muller-ludenscheid"],
      ["said", "lower", "said"],
    ]);
    const initials = tokenize("J. Smith and U.S. officials.");
    expect(initials.map((t) => [t.text, t.shape, t.fold])).toEqual([
      ["J.", "initial", "j"],
      ["Smith", "cap", "smith"],
      ["and", "lower", "and"],
      ["U.S.", "upper", "us"],
      ["officials", "lower", "officials"],
      [".", "punct", "."],
    ]);
    expect(initials.at(-1)?.sentenceEnd).toBe(true);
  });
});

describe("character classes by table", () => {
  it("give the answers of the ranges they replace, for every code unit and past the end", () => {
    const letter = (c: number) =>
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
    const upper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
    const lower = (c: number) => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
    for (let c = 0; c <= 0xffff; c++) {
      expect(isLetter(c), c.toString(16)).toBe(letter(c));
      expect(isUpper(c), c.toString(16)).toBe(upper(c));
      expect(isLower(c), c.toString(16)).toBe(lower(c));
    }
    // `charCodeAt` past the end.
    expect([isLetter(Number.NaN), isUpper(Number.NaN), isLower(Number.NaN)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});
