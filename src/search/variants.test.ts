import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/support/mulberry32.js";
import { boundedEditDistance } from "../reference/edit-distance.js";
import { fold, plainEdits, skeleton, skeletonEdits, variantsIn, vocabularyOf } from "./variants.js";

describe("spelling variants", () => {
  it("folds case and diacritics the way the index does", () => {
    expect(fold("Müller")).toBe("muller");
    expect(fold("QADHAFI")).toBe("qadhafi");
  });

  it("gives transliterations of one name one consonant skeleton", () => {
    for (const group of [
      ["qadhafi", "qaddafi", "gaddafi", "kadhafi", "gadhafi"],
      ["andijon", "andijan"],
      ["ashgabat", "ashkhabad"],
      ["hizballah", "hezbollah", "hizbollah"],
      ["karimov", "karimova"],
    ]) {
      expect(new Set(group.map(skeleton)).size, group.join("/")).toBe(1);
    }
    expect(skeleton("tripoli")).not.toBe(skeleton("tehran"));
  });

  it("finds the variants comparing every word would find, letter-count pruning or not", () => {
    const rand = mulberry32(3);
    // Index words are folded (no accents); a query word may be typed with them.
    const letters = "aeiouqkgdtszhbnrlmxy";
    const word = () =>
      Array.from(
        { length: 4 + Math.floor(rand() * 9) },
        () => letters[Math.floor(rand() * 20)],
      ).join("");
    const terms = [...new Set(Array.from({ length: 3000 }, word))];
    const vocab = vocabularyOf(
      terms.map((term, i) => ({ term, doc: 1 + (i % 17) })),
      "s",
    );
    const docs = new Map(terms.map((t, i) => [t, 1 + (i % 17)]));
    for (let n = 0; n < 120; n++) {
      const typed = n % 2 ? word() : `${terms[n]!.slice(1)}${n % 3 ? terms[n]![0] : "é"}`;
      const w = fold(typed);
      const plain = plainEdits(w.length);
      const wide = skeletonEdits(w.length);
      const expected = terms
        .filter((t) => t !== w)
        .map((t) => {
          const same = skeleton(t) === skeleton(w);
          const d = boundedEditDistance(w, t, same ? wide : plain);
          return { t, same, d };
        })
        .filter((x) => x.d <= plain || (x.same && x.d <= wide))
        .map((x) => ({ term: x.t, docs: docs.get(x.t)!, rank: (x.same ? 0 : 10) + x.d }))
        .sort((a, b) => a.rank - b.rank || b.docs - a.docs || a.term.localeCompare(b.term))
        .slice(0, 16)
        .map(({ term, docs }) => ({ term, docs }));
      expect(variantsIn(vocab, typed, null), typed).toEqual(expected);
    }
  });
});
