import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../test/support/mulberry32.js";
import { sortedHas } from "./sorted-ids.js";

describe("sortedHas", () => {
  it("answers as a linear scan does, for present, absent and out-of-range ids", () => {
    const rand = mulberry32(11);
    for (let round = 0; round < 200; round++) {
      const set = new Set(
        Array.from({ length: Math.floor(rand() * 40) }, () => (rand() * 100) | 0),
      );
      const ids = Int32Array.from([...set].sort((a, b) => a - b));
      for (let id = -2; id <= 102; id++) expect(sortedHas(ids, id)).toBe(set.has(id));
    }
  });

  it("finds nothing in an empty set", () => {
    expect(sortedHas(new Int32Array(0), 0)).toBe(false);
  });
});
