import { describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { openArchive } from "./db.js";
import { getCable, getVersions } from "./read.js";
import { writeCable } from "./write.js";

const PARA_1 =
  "Summary: POEC chief met with Uzbek human rights activist Lutfullo Shamsiddinov (refs A-C) and his wife on June 2 to discuss their efforts to obtain refugee status in Kazakhstan.";
const PARA_2 =
  "As reported ref A, Uzbek human rights activist Lutfullo Shamsiddinov fled with his family to Kazakhstan on May 26.";

function almaty(body: string, extra: Partial<Cable> = {}): Cable {
  return {
    ...emptyCable(),
    referenceId: "05ALMATY2121",
    station: "ALMATY",
    year: 2005,
    serial: 2121,
    created: "2005-06-06T14:16:00Z",
    classification: "CONFIDENTIAL",
    subject: "KAZAKHSTAN: CONVERSATION WITH UZBEK HUMAN RIGHTS ACTIVIST LUTFULLO SHAMSIDDINOV",
    tags: ["KZ", "MOPS", "PHUM", "UZ"],
    references: [
      { label: "A", kind: "cable", referenceId: "05TASHKENT1544", text: "A) TASHKENT 1544" },
      { label: "E", kind: "report", referenceId: null, text: "E) IIR 6 955 0183 05" },
    ],
    paragraphs: [
      { number: 1, marking: "C", heading: null, text: PARA_1 },
      { number: 2, marking: "C", heading: "Seeking Asylum", text: body },
    ],
    body: `1. (C) ${PARA_1}\n\nSeeking Asylum\n\n2. (C) ${body}`,
    source: { format: "mirror", file: "cables/05ALMATY2121.txt", offset: 0, line: 1 },
    ...extra,
  };
}

const count = (db: ReturnType<typeof openArchive>, table: string) =>
  db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };

describe("writeCable", () => {
  it("stores a cable once, and a changed text as a second version", () => {
    const db = openArchive(":memory:");
    expect(writeCable(db, almaty(PARA_2))).toBe("new");
    expect(writeCable(db, almaty(PARA_2))).toBe("unchanged");
    expect(writeCable(db, almaty(`${PARA_2} They reached Almaty on May 27.`))).toBe("version");
    expect(count(db, "versions")).toEqual({ n: 2 });
    expect(count(db, "cables")).toEqual({ n: 1 });
    expect(getCable(db, "05ALMATY2121")?.paragraphs[1]?.text).toMatch(/May 27\.$/);
    const hits = db
      .prepare("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'reached'")
      .all();
    expect(hits).toHaveLength(1);
    // The superseded text is out of the index but kept, whole, as a version.
    expect(
      db.prepare("SELECT count(*) n FROM cables_fts WHERE cables_fts MATCH 'fled'").get(),
    ).toEqual({ n: 1 });
    const versions = getVersions(db, "05ALMATY2121");
    expect(versions.map((v) => v.current)).toEqual([false, true]);
    expect(versions[0]!.cable.paragraphs[1]!.text).toBe(PARA_2);
  });

  it("gives back exactly the Cable JSON it stored, though body and paragraphs are stored once", () => {
    const db = openArchive(":memory:");
    const cable = almaty(PARA_2);
    writeCable(db, cable);
    expect(JSON.stringify(getCable(db, "05ALMATY2121"))).toBe(JSON.stringify(cable));
    const slim = db.prepare("SELECT cable_json FROM cables").pluck().get() as string;
    expect(slim).not.toContain("Shamsiddinov");
    expect(slim).not.toContain("CONVERSATION WITH UZBEK");
    const other = openArchive(":memory:");
    const withSummary = {
      ...almaty(PARA_2),
      summary: PARA_1,
      comment: "Shamsiddinov is credible.",
    };
    writeCable(other, withSummary);
    expect(JSON.stringify(getCable(other, "05ALMATY2121"))).toBe(JSON.stringify(withSummary));
  });

  it("keeps an older release arriving late as a version without making it current", () => {
    const db = openArchive(":memory:");
    const newer = almaty(PARA_2, { released: "2011-08-30T00:00:00Z" });
    const older = almaty(`${PARA_2} (first release)`, { released: "2010-11-28T00:00:00Z" });
    expect(writeCable(db, newer)).toBe("new");
    expect(writeCable(db, older)).toBe("version");
    expect(getCable(db, "05ALMATY2121")?.released).toBe("2011-08-30T00:00:00Z");
    const versions = getVersions(db, "05ALMATY2121");
    expect(versions.map((v) => [v.released, v.current])).toEqual([
      ["2011-08-30T00:00:00Z", true],
      ["2010-11-28T00:00:00Z", false],
    ]);
    expect(versions[1]!.cable.paragraphs[1]!.text).toMatch(/first release/);
  });

  it("does not let a scraped copy displace a clean one when release dates cannot decide", () => {
    const db = openArchive(":memory:");
    writeCable(db, almaty(PARA_2));
    const scraped = almaty(`${PARA_2} [1](#)`, {
      source: { format: "scraped", file: "05ALMATY2121.md", offset: 0, line: 1 },
    });
    expect(writeCable(db, scraped)).toBe("version");
    expect(getCable(db, "05ALMATY2121")?.source?.format).toBe("mirror");
  });

  it("keeps a malformed duplicate (garbled source id) from displacing the correctly named copy", () => {
    const db = openArchive(":memory:");
    writeCable(db, almaty(PARA_2), { sourceId: "05ALMATY2121" });
    const garbled = almaty(`${PARA_2} (garbled copy)`, { released: "2011-08-30T00:00:00Z" });
    expect(writeCable(db, garbled, { sourceId: "05ECTION01OF02ALMATY2121" })).toBe("version");
    expect(getCable(db, "05ALMATY2121")?.paragraphs[1]?.text).toBe(PARA_2);
    expect(getVersions(db, "05ALMATY2121").map((v) => v.sourceId)).toEqual([
      "05ALMATY2121",
      "05ECTION01OF02ALMATY2121",
    ]);
  });

  it("counts the same cable from another container as unchanged (same parsed content)", () => {
    const db = openArchive(":memory:");
    writeCable(db, almaty(PARA_2), { textHash: "mirror-bytes" });
    const page = almaty(PARA_2, {
      released: "2010-12-01T12:00:00Z",
      warnings: ["decoded HTML entities"],
      source: { format: "html", file: "05ALMATY2121.html", offset: 0, line: 1 },
    });
    expect(writeCable(db, page, { textHash: "html-bytes" })).toBe("unchanged");
    expect(count(db, "versions")).toEqual({ n: 1 });
  });

  it("rewrites the child rows of the current version when a newer one arrives", () => {
    const db = openArchive(":memory:");
    writeCable(db, almaty(PARA_2, { released: "2010-11-28T00:00:00Z" }));
    // The later release's text lost the REF line and two TAGS.
    const fixed = almaty(`${PARA_2} They reached Almaty on May 27.`, {
      released: "2011-08-30T00:00:00Z",
      tags: ["KZ", "PHUM"],
      references: [],
    });
    expect(writeCable(db, fixed)).toBe("version");
    expect(db.prepare("SELECT tag FROM tags ORDER BY tag").pluck().all()).toEqual(["KZ", "PHUM"]);
    expect(count(db, "refs")).toEqual({ n: 0 });
    expect(count(db, "paragraphs")).toEqual({ n: 2 });
    expect(
      db.prepare("SELECT count(*) n FROM cables_fts WHERE cables_fts MATCH 'fled'").get(),
    ).toEqual({
      n: 1,
    });
  });

  it("refuses a cable without a reference id", () => {
    const db = openArchive(":memory:");
    expect(() => writeCable(db, { ...almaty(PARA_2), referenceId: null })).toThrow(/reference id/);
  });
});
