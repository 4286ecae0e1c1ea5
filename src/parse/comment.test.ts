import { describe, expect, it } from "vitest";
import { parseComment } from "./comment.js";
import { makeDoc } from "./doc.js";

const comment = (text: string) => parseComment(makeDoc(text));

describe("parseComment", () => {
  it("reads Comment: ... End comment. and drops both markers and the marking", () => {
    expect(
      comment("10. (C) Text.\n\n11.(C) Comment: The talks failed. End comment.\nSTEVENS"),
    ).toBe("The talks failed.");
  });

  it("takes the last comment of the cable", () => {
    const text =
      "2. (C) Comment: first one. End comment.\n\n3. (C) Text.\n\n9. (C) Comment: the last one. End comment.";
    expect(comment(text)).toBe("the last one.");
  });

  it("without an end marker, runs to the end of that paragraph", () => {
    const text = "4. (C) Fact. Comment: A short aside that ends here.\n\n5. (C) Next paragraph.";
    expect(comment(text)).toBe("A short aside that ends here.");
    expect(comment("4. (C) Comment: runs on\nover a wrap.\n5. (C) Next.")).toBe(
      "runs on over a wrap.",
    );
  });

  it("reads an inline (Comment: ... End comment.) note", () => {
    expect(comment("3. (C) He left. (Comment: He was angry. End comment.) Then more.")).toBe(
      "He was angry.",
    );
  });

  it("takes the paragraphs under a Comment heading, up to the signature", () => {
    const text =
      "Comment\n-------\n\n8. (SBU) Strengthening of governors may help.\n\n9. (SBU) We will encourage it.\n\nTEFFT\n";
    expect(comment(text)).toBe("Strengthening of governors may help.\nWe will encourage it.");
    const labelled =
      "Comment and Action Request: \n\n9. (C) Brazil's white whale may be stranded.\n\nSOBEL";
    expect(comment(labelled)).toBe("Brazil's white whale may be stranded.");
  });

  it("treats 'Comment: <title>' between rules as a heading", () => {
    const text =
      "- - - - - - - -\nComment: Prepare for the Challenge\n- - - - - - - -\n\n12. (C) The forces dominate. End Comment.";
    expect(comment(text)).toBe("The forces dominate.");
  });

  it("finds an end marker split over two lines, and not a second label in it", () => {
    expect(
      comment("8. (SBU) Comment: Governors may help. We will act. \nEnd \ncomment. \nTEFFT"),
    ).toBe("Governors may help. We will act.");
  });

  it("drops a signature run onto the last sentence of an unwrapped cable", () => {
    expect(comment("7.(C) Comment: This could derail his career. CAULFIELD")).toBe(
      "This could derail his career.",
    );
  });

  it("ignores 'no comment', 'Summary and Comment' and 'declined to comment'", () => {
    expect(
      comment("1. (C) Summary and Comment: Unrest continues. End Summary and Comment."),
    ).toBeNull();
    expect(comment("2. (U) The ministry declined to comment. No comment.")).toBeNull();
    expect(comment("")).toBeNull();
  });
});
