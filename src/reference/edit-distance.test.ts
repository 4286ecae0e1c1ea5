import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/support/mulberry32.js";
import { boundedEditDistance } from "./edit-distance.js";

/** The distance by its definition, memoised: slow, and written apart from the tuned loop. */
function osa(a: string, b: string): number {
  const memo = new Map<number, number>();
  const d = (i: number, j: number): number => {
    if (i === 0 || j === 0) return i + j;
    const key = i * (b.length + 1) + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best = Math.min(
      d(i - 1, j) + 1,
      d(i, j - 1) + 1,
      d(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
    );
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
      best = Math.min(best, d(i - 2, j - 2) + 1);
    }
    memo.set(key, best);
    return best;
  };
  return d(a.length, b.length);
}

describe("boundedEditDistance", () => {
  it("counts an adjacent swap as one edit, and says max + 1 past the bound", () => {
    expect(boundedEditDistance("AITTAIPIE", "AITTAIPEI", 2)).toBe(1);
    expect(boundedEditDistance("SOIA", "SOFIA", 2)).toBe(1);
    expect(boundedEditDistance("kadhafi", "qadhafi", 3)).toBe(1);
    expect(boundedEditDistance("gaddafi", "qadhafi", 3)).toBe(2);
    expect(boundedEditDistance("karimvo", "karimov", 3)).toBe(1);
    expect(boundedEditDistance("tripoli", "tehran", 2)).toBe(3);
    expect(boundedEditDistance("KHARTOUM", "KAMPALA", 2)).toBe(3);
    expect(boundedEditDistance("", "", 0)).toBe(0);
    expect(boundedEditDistance("", "ab", 1)).toBe(2);
  });

  it("equals the definition within the bound, whatever words came before", () => {
    const rand = mulberry32(11);
    const letters = "abcdeéqk";
    // Short words over few letters meet swaps and near misses often; long ones grow the rows.
    const word = () =>
      Array.from(
        { length: rand() < 0.05 ? 60 + Math.floor(rand() * 40) : Math.floor(rand() * 9) },
        () => letters[Math.floor(rand() * letters.length)],
      ).join("");
    for (let n = 0; n < 3000; n++) {
      const a = word();
      const b = rand() < 0.5 ? word() : `${a.slice(1, 3)}${a.slice(0, 1)}${a.slice(3)}`;
      const max = Math.floor(rand() * 4);
      expect(boundedEditDistance(a, b, max), `${a} ${b} ${max}`).toBe(Math.min(osa(a, b), max + 1));
    }
  });
});
