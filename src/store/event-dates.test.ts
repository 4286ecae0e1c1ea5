import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { type Db, openArchive } from "./db.js";
import { ensureEventDates, eventDatesFresh, refreshEventDates } from "./event-dates.js";
import { writeCable } from "./write.js";

function cable(id: string, released: string, ...texts: string[]): Cable {
  return {
    ...emptyCable(),
    referenceId: id,
    created: "2008-03-17T10:10:00Z",
    released,
    body: texts.join("\n\n"),
    paragraphs: texts.map((text, i) => ({ number: i + 1, marking: null, heading: null, text })),
  };
}

const stored = (db: Db) =>
  db
    .prepare(
      "SELECT c.reference_id AS id, e.seq, e.start, e.end, e.text FROM event_dates e JOIN cables c ON c.id = e.cable_id ORDER BY id, seq, start",
    )
    .all();

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe("stored event dates", () => {
  it("are read for new cables and re-read for new current versions only", () => {
    const db = openArchive(":memory:");
    writeCable(
      db,
      cable("08TRIPOLI227", "2010-11-28", "On March 2 he spoke.", "Due by September 1."),
    );
    writeCable(db, cable("08CAIRO1", "2010-11-28", "Nothing dated here."));
    expect(eventDatesFresh(db)).toBe(false);
    expect(refreshEventDates(db)).toBe(2);
    expect(stored(db)).toEqual([
      { id: "08TRIPOLI227", seq: 0, start: "2008-03-02", end: "2008-03-02", text: "March 2" },
      { id: "08TRIPOLI227", seq: 1, start: "2008-09-01", end: "2008-09-01", text: "September 1" },
    ]);
    expect(refreshEventDates(db)).toBe(0);
    // A later release replaces the current version: its dates replace the old ones.
    writeCable(db, cable("08TRIPOLI227", "2011-08-30", "Talks 13-15 May 2005 in Geneva."));
    expect(refreshEventDates(db)).toBe(1);
    expect(stored(db)).toEqual([
      {
        id: "08TRIPOLI227",
        seq: 0,
        start: "2005-05-13",
        end: "2005-05-15",
        text: "13-15 May 2005",
      },
    ]);
    db.close();
  });

  it("are read page by page with the same result as in one page", () => {
    const write = (db: Db) => {
      for (let i = 0; i < 7; i++) {
        writeCable(db, cable(`08CAIRO${i}`, "2010-11-28", `Met on March ${i + 1}.`, "Undated."));
      }
      // A replaced version among them: only the current one is read.
      writeCable(db, cable("08CAIRO3", "2011-08-30", "Met on May 9."));
    };
    const paged = openArchive(":memory:");
    const whole = openArchive(":memory:");
    write(paged);
    write(whole);
    expect(refreshEventDates(paged, 2)).toBe(7);
    expect(refreshEventDates(whole)).toBe(7);
    expect(stored(paged)).toHaveLength(7);
    expect(stored(paged)).toEqual(stored(whole));
    expect(stored(paged)).toContainEqual({
      id: "08CAIRO3",
      seq: 0,
      start: "2008-05-09",
      end: "2008-05-09",
      text: "May 9",
    });
    expect(eventDatesFresh(paged)).toBe(true);
    paged.close();
    whole.close();
  });

  it("a read-only connection finds them stale and names the cables to read itself", () => {
    dir = mkdtempSync(join(tmpdir(), "cablegram-event-dates-"));
    const path = join(dir, "a.db");
    const db = openArchive(path);
    writeCable(db, cable("08TRIPOLI227", "2010-11-28", "On March 2 he spoke."));
    refreshEventDates(db);
    writeCable(db, cable("08CAIRO1", "2010-11-28", "On March 3 she spoke."));
    const ro = openArchive(path, { readonly: true });
    const stale = ensureEventDates(ro);
    expect([...stale]).toEqual([
      db.prepare("SELECT id FROM cables WHERE reference_id = '08CAIRO1'").pluck().get(),
    ]);
    ro.close();
    // A writable connection brings them up to date instead.
    expect(ensureEventDates(db).size).toBe(0);
    expect(eventDatesFresh(db)).toBe(true);
    db.close();
  });
});
