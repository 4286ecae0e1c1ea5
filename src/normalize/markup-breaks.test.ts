import { describe, expect, it } from "vitest";
import { removeBreakTags } from "./markup-breaks.js";

describe("removeBreakTags (issue 8, class 11)", () => {
  it("drops a <br> at a line end or on a line of its own, the break being there already", () => {
    expect(
      removeBreakTags("HYPERTENSION & DIABETES, <br>\nBUT NOT CANCER <br>\n <br>\nNext"),
    ).toEqual({ text: "HYPERTENSION & DIABETES,\nBUT NOT CANCER\n\nNext", count: 3 });
  });

  it("turns a <br> between words into the line break it stood for", () => {
    expect(removeBreakTags("Under <br> Secretary").text).toBe("Under\nSecretary");
    expect(removeBreakTags("a<BR/>b").text).toBe("a\nb");
  });

  it("leaves text without the tag alone", () => {
    expect(removeBreakTags("<<BRIEF>> text")).toEqual({ text: "<<BRIEF>> text", count: 0 });
  });
});
