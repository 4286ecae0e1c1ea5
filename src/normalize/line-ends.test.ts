import { describe, expect, it } from "vitest";
import { trimBlankEdges, trimLineEnds, unifyLineEnds } from "./line-ends.js";

describe("unifyLineEnds", () => {
  it("turns CRLF, lone CR and Unicode line separators into LF (cp1252 PlusD copies, 06MEXICO2220)", () => {
    expect(unifyLineEnds("SIPDIS\r\nTAGS: PGOV\rSUBJECT\u2028X\u2029Y")).toEqual({
      text: "SIPDIS\nTAGS: PGOV\nSUBJECT\nX\nY",
      count: 4,
    });
  });
  it("leaves LF text as it is", () => {
    expect(unifyLineEnds("a\nb")).toEqual({ text: "a\nb", count: 0 });
  });
});

describe("trimLineEnds", () => {
  it("removes spaces and tabs before line ends and at the end", () => {
    expect(trimLineEnds("SIPDIS \n \nTAGS: PGOV\t\nSUBJECT: X  ")).toEqual({
      text: "SIPDIS\n\nTAGS: PGOV\nSUBJECT: X",
      count: 4,
    });
  });
  it("keeps leading indentation", () => {
    expect(trimLineEnds("   CONFIDENTIAL\nPAGE 02")).toEqual({
      text: "   CONFIDENTIAL\nPAGE 02",
      count: 0,
    });
  });
});

describe("trimBlankEdges", () => {
  it("drops blank lines before and after the text, keeping the first line's indentation", () => {
    expect(trimBlankEdges("\n \n\n   CONFIDENTIAL\n\nASQUINO\n\n")).toBe(
      "   CONFIDENTIAL\n\nASQUINO",
    );
    expect(trimBlankEdges("text")).toBe("text");
  });
});
