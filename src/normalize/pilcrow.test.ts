import { describe, expect, it } from "vitest";
import { removePilcrows } from "./pilcrow.js";

describe("removePilcrows", () => {
  it("drops the mark before paragraph numbers and REF letters (02ROME1196, 09BRUSSELS1639)", () => {
    expect(removePilcrows("¶1. (C) SUMMARY: AS POST PREDICTED\n¶B. USEU BRUSSELS 1637")).toEqual({
      text: "1. (C) SUMMARY: AS POST PREDICTED\nB. USEU BRUSSELS 1637",
      count: 2,
    });
  });

  it("drops a mark standing on its own line above the number (00HANOI686 PDF text)", () => {
    expect(removePilcrows("AND OTHERS.\n¶\n14. (C) IN RECENT SPEECHES").text).toBe(
      "AND OTHERS.\n14. (C) IN RECENT SPEECHES",
    );
  });

  it("keeps a mark that does not precede a number or letter", () => {
    const text = "the sign ¶ in a sentence, and ¶ Comment";
    expect(removePilcrows(text)).toEqual({ text, count: 0 });
  });
});
