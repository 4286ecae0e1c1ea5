import { describe, expect, it } from "vitest";
import { decodeReferences } from "./char-references.js";

describe("decodeReferences", () => {
  it("decodes decimal, hex and listed named references, and counts them", () => {
    expect(decodeReferences("WHAT&#8217;S &#x2014; R&amp;D &para;2")).toEqual({
      text: "WHAT\u2019S \u2014 R&D \u00b62",
      count: 4,
    });
  });

  it("leaves what is not a well-formed, known reference as written", () => {
    const text = "R&D; AT&T &bogus; &#0; &#xD800; &#1114112; & ;";
    expect(decodeReferences(text)).toEqual({ text, count: 0 });
  });

  it("reads capitalised names and no-break spaces only when asked", () => {
    expect(decodeReferences("A&AMP;B&nbsp;C").text).toBe("A&AMP;B\u00a0C");
    expect(decodeReferences("A&AMP;B&nbsp;C", { foldCase: true, plainSpace: true }).text).toBe(
      "A&B C",
    );
    expect(decodeReferences("x&#160;y", { plainSpace: true }).text).toBe("x y");
  });
});
