import { describe, expect, it } from "vitest";
import { CLOSE, markSpans, OPEN, parseMarked } from "./fts-marks.js";
import { tokenize } from "./text-match.js";

const m = (s: string) => s.replaceAll("[", OPEN).replaceAll("]", CLOSE);

describe("parseMarked", () => {
  it("splits highlight() output into text and mark ranges", () => {
    const r = parseMarked(m("press [Iceland] to lower its proposed [quota]"));
    expect(r.text).toBe("press Iceland to lower its proposed quota");
    expect(r.marks.map(([a, b]) => r.text.slice(a, b))).toEqual(["Iceland", "quota"]);
  });

  it("keeps text without marks as it is, and tolerates an unclosed mark", () => {
    expect(parseMarked("no marks here")).toEqual({ text: "no marks here", marks: [] });
    const r = parseMarked(m("reasons [1.4 b"));
    expect(r.text).toBe("reasons 1.4 b");
    expect(r.marks).toEqual([[8, 13]]);
  });
});

describe("markSpans", () => {
  it("maps marks onto whole tokens", () => {
    const r = parseMarked(m("cited [1.4(d], then [C/NF] and [Sea Shepherd]'s"));
    const tokens = tokenize(r.text);
    const spans = markSpans(tokens, r.marks);
    expect(spans.map(([a, b]) => tokens.slice(a, b).map((t) => t.norm))).toEqual([
      ["1", "4", "d"],
      ["c", "nf"],
      ["sea", "shepherd"],
    ]);
  });
});
