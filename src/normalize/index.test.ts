import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeBody } from "./index.js";

const SEED = new URL("../../test/fixtures/seed/05ALMATY2121.md", import.meta.url);

describe("normalizeBody", () => {
  it("repairs the seed copy and reports each kind of repair once, with its count", () => {
    const { text, warnings } = normalizeBody(readFileSync(SEED, "utf8"), { format: "scraped" });
    expect(warnings).toEqual([
      "removed 14 markdown link remnants",
      "removed 1 NNNN end-of-message signal",
      "repaired 4 paragraph numbers carrying a stray leading 1",
    ]);
    expect(text).toContain("TAGS: KZ MOPS PHUM UZ POLITICAL\n");
    expect(text).toContain("REF: A. A) TASHKENT 1544\n\nB. B) TASHKENT 1537\n");
    expect(text.match(/^\d+\. \(C\)/gm)).toEqual(
      ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"].map((n) => `${n}. (C)`),
    );
    // Hard wraps and the copy's blank lines stay: joining lines is the paragraph parser's job.
    expect(text).toContain("two to three thousand people\n\n(including women and children)");
    expect(text.endsWith("\n\nASQUINO")).toBe(true);
  });

  it("keeps redactions, review stamps and archival notes as written", () => {
    const text = [
      "UNCLASSIFIED BUENOS AIRES 2481",
      "",
      "Original Telegram was Confidential but has since been",
      "de-classified",
      "",
      "3. (C) XXXXXXXXXXXX told us that xxxxxxxxxxxx (strictly protect) would go.",
      "MARTIN",
      "",
      "Declassified/Released US Department of State EO Systematic Review 30 JUN 2006",
    ].join("\n");
    expect(normalizeBody(text, { format: "mirror" })).toEqual({ text, warnings: [], pageCuts: [] });
  });

  it("removes page furniture and trims the copy's padding in one go (07ACCRA2590, 02ROME1196)", () => {
    const text =
      "\r\n¶2. (C) on after only six months on the job and seems to  \r\nACCRA 00002590 002.2 OF 003 \r\nfocus more on prevention.\r\n CONFIDENTIAL\r\nPAGE 03 ROME 01196 01 OF 02 082030Z 3. (SBU) AS WE HAD PREDICTED\r\n";
    const r = normalizeBody(text, { format: "raw" });
    expect(r.text).toBe(
      "2. (C) on after only six months on the job and seems to\nfocus more on prevention.\n3. (SBU) AS WE HAD PREDICTED",
    );
    expect(r.warnings).toEqual([
      "converted 6 CRLF/CR line ends to LF",
      "removed trailing spaces on 2 lines",
      "dropped 1 ¶ mark before paragraph numbers and REF letters",
      "removed 1 page-break line",
      "removed 1 PAGE header with the classification lines printed around them",
    ]);
  });
});
