import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { titlefy } from "./titlefy.js";

interface Case {
  input: string;
  expected: string;
}

// titlefy.json is optional for the conformance harness; this product offers the function, so its
// own test checks every vector.
const vectors = JSON.parse(
  readFileSync(new URL("../../test/fixtures/conformance/titlefy.json", import.meta.url), "utf8"),
) as { cases: Case[] };

describe("titlefy: conformance vectors", () => {
  it.each(vectors.cases.map((c) => [c.input, c.expected]))("%s", (input, expected) => {
    expect(titlefy(input)).toBe(expected);
  });
});

describe("titlefy", () => {
  it("keeps acronyms, possessives of acronyms and redactions in capitals", () => {
    expect(titlefy("GOL'S VIEW OF THE NPT")).toBe("GOL's View of the NPT");
    expect(titlefy("NGOS IN IRAQ")).toBe("NGOs in Iraq");
    expect(titlefy("NIGERIA: xxxxxxxxxxxx")).toBe("Nigeria: XXXXXXXXXXXX");
  });

  it("fixes special spellings and keeps Q and A", () => {
    expect(titlefy("Q AND A WITH THE DOD")).toBe("Q and A With the DoD");
    expect(titlefy("UK-BASED FIRMS")).toBe("UK-Based Firms");
  });

  it("does not read ordinary words as acronyms", () => {
    expect(titlefy("WHO WOULD REPLACE GORDON BROWN AS UK PRIME MINISTER")).toBe(
      "Who Would Replace Gordon Brown as UK Prime Minister",
    );
    expect(titlefy("TURKISH P.M. ERDOGAN GOES TO WASHINGTON")).toBe(
      "Turkish P.M. Erdogan Goes to Washington",
    );
  });

  it("normalises whitespace and handles the empty cases", () => {
    expect(titlefy("  MEDIA   REACTION  ")).toBe("Media Reaction");
    expect(titlefy("")).toBe("");
    expect(titlefy(null)).toBeNull();
  });
});
