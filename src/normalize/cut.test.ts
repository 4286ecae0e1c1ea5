import { describe, expect, it } from "vitest";
import { collapseToOneBreak, cutSpans, keepLineBreaks } from "./cut.js";

const span = (text: string, piece: string) => {
  const start = text.indexOf(piece);
  return { start, end: start + piece.length };
};

describe("cutSpans", () => {
  it("puts back one separator chosen from the surrounding whitespace", () => {
    const inline = "a to PB visit";
    expect(cutSpans(inline, [span(inline, "PB")], keepLineBreaks)).toBe("a to visit");
    const own = "line one\n\nPB\n\n\n\nline two";
    expect(cutSpans(own, [span(own, "PB")], keepLineBreaks)).toBe("line one\n\nline two");
    expect(cutSpans(own, [span(own, "PB")], collapseToOneBreak)).toBe("line one\nline two");
  });

  it("puts nothing back at the start or end of the text", () => {
    const text = "\nPB\nbody\nEND\n";
    expect(cutSpans(text, [span(text, "PB"), span(text, "END")], keepLineBreaks)).toBe("body");
  });

  it("treats spans separated only by whitespace as one", () => {
    const text = "a\nX\n\nY\nb";
    expect(cutSpans(text, [span(text, "X"), span(text, "Y")], collapseToOneBreak)).toBe("a\nb");
  });
});
