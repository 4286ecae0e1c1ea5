import { describe, expect, it } from "vitest";
import { emptyCable } from "../model/cable.js";
import { openArchive } from "./db.js";
import { getCable, writeCable } from "./write.js";

function cable(body: string) {
  return {
    ...emptyCable(),
    referenceId: "05ALMATY2121",
    station: "ALMATY",
    year: 2005,
    serial: 2121,
    subject: "KAZAKHSTAN: CONVERSATION WITH UZBEK HUMAN RIGHTS ACTIVIST",
    tags: ["KZ", "PHUM"],
    paragraphs: [{ number: 1, marking: "C", heading: null, text: body }],
    body,
  };
}

describe("writeCable", () => {
  it("stores a cable once, and a changed text as a second version", () => {
    const db = openArchive(":memory:");
    expect(writeCable(db, cable("Shamsiddinov fled to Almaty."))).toBe("new");
    expect(writeCable(db, cable("Shamsiddinov fled to Almaty."))).toBe("unchanged");
    expect(writeCable(db, cable("Shamsiddinov fled to Almaty in May."))).toBe("version");
    expect(db.prepare("SELECT count(*) n FROM versions").get()).toEqual({ n: 2 });
    expect(db.prepare("SELECT count(*) n FROM cables").get()).toEqual({ n: 1 });
    expect(getCable(db, "05ALMATY2121")?.body).toBe("Shamsiddinov fled to Almaty in May.");
    const hits = db
      .prepare("SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH 'may'")
      .all();
    expect(hits).toHaveLength(1);
    expect(
      db.prepare("SELECT count(*) n FROM cables_fts WHERE cables_fts MATCH 'fled'").get(),
    ).toEqual({ n: 1 });
  });
});
