import { describe, expect, it } from "vitest";
import { removeLinkDebris } from "./link-debris.js";

// Lines of the scraped seed copy 05ALMATY2121 unless said otherwise.
describe("removeLinkDebris", () => {
  it("keeps the text of TAGS links", () => {
    expect(removeLinkDebris("TAGS: [KZ](#) [MOPS](#) [PHUM](#) [UZ](#) [POLITICAL](#)")).toEqual({
      text: "TAGS: KZ MOPS PHUM UZ POLITICAL",
      count: 5,
      anchors: 0,
    });
    expect(removeLinkDebris("TAGS: [KZ](/tag/KZ_0.html) [MOPS](/tag/MOPS_0.html)").text).toBe(
      "TAGS: KZ MOPS",
    );
  });

  it("drops paragraph anchors and keeps the number", () => {
    expect(removeLinkDebris("[1](#)2. (C) As reported ref A").text).toBe(
      "2. (C) As reported ref A",
    );
    expect(removeLinkDebris("[¶](#par2)2. (C) As reported ref A").text).toBe(
      "2. (C) As reported ref A",
    );
    expect(removeLinkDebris("[1](#)12. (C) Text").text).toBe("12. (C) Text");
  });

  it("keeps a link text that is the number or REF letter itself, and counts it as an anchor", () => {
    expect(removeLinkDebris("[1](#). (C) Summary: POEC chief met")).toEqual({
      text: "1. (C) Summary: POEC chief met",
      count: 1,
      anchors: 1,
    });
    expect(removeLinkDebris("[B](#). B) TASHKENT 1537").text).toBe("B. B) TASHKENT 1537");
  });

  it("leaves bracketed text that is not a link (06BRASILIA2094 phone number)", () => {
    const text = "telephone number (from U.S.) 011+[55](21) 2292-7117, fax [see note](below)";
    expect(removeLinkDebris(text)).toEqual({ text, count: 0, anchors: 0 });
  });
});
