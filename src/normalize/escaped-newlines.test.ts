import { describe, expect, it } from "vitest";
import { removeEscapedNewlines } from "./escaped-newlines.js";

describe("removeEscapedNewlines", () => {
  it("removes the backslash ending every line of an escaped database row (06BERN1686)", () => {
    const text = "SIPDIS \\\n \\\nC O R R E C T E D  C O P Y -- FORMATTING \\\nURBAN \\";
    expect(removeEscapedNewlines(text)).toEqual({
      text: "SIPDIS \n \nC O R R E C T E D  C O P Y -- FORMATTING \nURBAN ",
      count: 4,
    });
  });

  it("leaves a copy where only a few lines end in a backslash", () => {
    const text = "a \\\nb\nc\nd\ne\nf \\\ng\nh \\\ni\nj\nk";
    expect(removeEscapedNewlines(text)).toEqual({ text, count: 0 });
  });
});
