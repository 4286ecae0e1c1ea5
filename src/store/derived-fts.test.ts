import { describe, expect, it } from "vitest";
import { emptyCable } from "../model/cable.js";
import { openArchive } from "./db.js";
import { writeCable } from "./write.js";

function cable(body: string, signers: string[]) {
  return { ...emptyCable(), referenceId: "09TRIPOLI208", subject: "LIBYA: MUAMMAR", signers, body };
}

const NAMES = `CREATE VIRTUAL TABLE names_fts USING fts5(signers, subject, content='cables', content_rowid='id')`;

describe("FTS tables over cables columns added by later migrations", () => {
  it("are filled and emptied by the writer when no trigger does it", () => {
    const db = openArchive(":memory:");
    db.exec(NAMES);
    writeCable(db, cable("Text.", ["CRETZ"]));
    const hits = (q: string) =>
      db.prepare("SELECT count(*) FROM names_fts WHERE names_fts MATCH ?").pluck().get(q);
    expect(hits("cretz")).toBe(1);
    writeCable(db, cable("Text, corrected.", ["POLASCHIK"]));
    expect([hits("cretz"), hits("polaschik"), hits("muammar")]).toEqual([0, 1, 1]);
    db.exec("INSERT INTO names_fts (names_fts) VALUES ('integrity-check')");
  });

  it("are left to their trigger when one maintains them", () => {
    const db = openArchive(":memory:");
    db.exec(`${NAMES};
      CREATE TRIGGER names_insert AFTER INSERT ON cables BEGIN
        INSERT INTO names_fts (rowid, signers, subject) VALUES (new.id, new.signers, new.subject);
      END;`);
    writeCable(db, cable("Text.", ["CRETZ"]));
    db.exec("INSERT INTO names_fts (names_fts) VALUES ('integrity-check')");
    expect(
      db.prepare("SELECT count(*) FROM names_fts WHERE names_fts MATCH 'cretz'").pluck().get(),
    ).toBe(1);
  });
});
