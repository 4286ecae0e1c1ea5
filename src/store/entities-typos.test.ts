import { describe, expect, it } from "vitest";
import { typoVariants } from "./entities-typos.js";

describe("typoVariants", () => {
  const words = new Set(["shawn", "mccormack", "mani", "shankar", "aiyar"]);

  it("finds a masked name word's other spelling: one letter added, dropped, changed or swapped", () => {
    const text =
      "McCormick said, and Aiyer agreed; Shankr, Shankars and Shnakar were there. Aiyar left.";
    expect(typoVariants(words, [text]).sort()).toEqual(
      ["Aiyer", "McCormick", "Shankars", "Shankr", "Shnakar"].sort(),
    );
  });

  it("leaves short words, other initials, words two edits away and all-caps words", () => {
    const text = "Mann and Many met Bhankar, McCormickk, Aiyers and Aiyarr. SHANKR and AIYER said.";
    expect(typoVariants(words, [text])).toEqual(["Aiyarr"]);
  });

  it("reads every text given, each word once, and nothing without long enough words", () => {
    expect(typoVariants(words, ["Aiyer", "Aiyer said", "Shankr"])).toEqual(["Aiyer", "Shankr"]);
    expect(typoVariants(new Set(["mani", "ali"]), ["Manis and Alis"])).toEqual([]);
  });
});
