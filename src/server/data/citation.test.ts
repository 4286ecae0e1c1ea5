import { describe, expect, it } from "vitest";
import { bibtexEntry, citationDate, citations, cslItem, risEntry } from "./citation.js";

const cable = {
  referenceId: "08TRIPOLI227",
  subject: "AL-QADHAFI'S 50% {PLAN} & ME_TOO",
  created: "2008-03-17T10:10:00Z",
  origin: "Embassy Tripoli",
  classification: "SECRET//NOFORN",
};
const BASE = "https://cables.example.org";

describe("citations", () => {
  it("escapes BibTeX's special characters and keeps one entry per cable", () => {
    const bib = bibtexEntry({ cable }, BASE);
    expect(bib).toContain("title = {AL-QADHAFI'S 50\\% \\{PLAN\\} \\& ME\\_TOO}");
    expect(bib).toContain("month = mar");
    expect(bib).toContain(`url = {${BASE}/cables/08TRIPOLI227}`);
  });

  it("dates an undated cable by the year of its id, never 'undated'", () => {
    const undated = { ...cable, created: null };
    expect(citationDate(undated)).toEqual({ parts: [2008], fromId: true });
    expect(cslItem({ cable: undated }, BASE).issued).toEqual({ "date-parts": [[2008]] });
    expect(risEntry({ cable: undated }, BASE)).toContain("PY  - 2008\r\n");
    expect(bibtexEntry({ cable: undated }, BASE)).not.toMatch(/undated/);
  });

  it("cites a paragraph with its anchor and a list as one file", () => {
    expect(cslItem({ cable, paragraph: 3 }, BASE).URL).toBe(`${BASE}/cables/08TRIPOLI227#p3`);
    const list = citations(
      [{ cable }, { cable: { ...cable, referenceId: "09TRIPOLI208" } }],
      "ris",
      BASE,
    );
    expect(list.match(/^TY {2}- GEN/gm)).toHaveLength(2);
    const json = JSON.parse(citations([{ cable }], "csl", BASE)) as unknown[];
    expect(json).toHaveLength(1);
  });
});
