import { copyFileSync, mkdtempSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Cable, emptyCable } from "../model/cable.js";
import { type Db, openArchive } from "../store/db.js";
import { eventDatesFresh, refreshEventDates } from "../store/event-dates.js";
import { writeCable } from "../store/write.js";
import { readEventDatesAhead } from "./event-dates-ahead.js";

function cable(n: number): Cable {
  const texts = [`On March ${(n % 27) + 1} he spoke.`, `Talks ${n % 20}-${(n % 20) + 2} May 2005.`];
  if (n % 3 === 0) texts.push("Nothing dated here.");
  return {
    ...emptyCable(),
    referenceId: `08TRIPOLI${n + 1}`,
    created: "2008-03-17T10:10:00Z",
    released: "2010-11-28",
    body: texts.join("\n\n"),
    paragraphs: texts.map((text, i) => ({ number: i + 1, marking: null, heading: null, text })),
  };
}

const stored = (db: Db) =>
  db
    .prepare("SELECT cable_id, seq, start, end, text, year_given FROM event_dates ORDER BY 1, 2, 3")
    .all();

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** Two copies of one archive of `n` cables whose event dates are not built yet. */
function twins(n: number): [Db, Db] {
  dir = mkdtempSync(join(tmpdir(), "cg-ahead-"));
  const first = openArchive(join(dir, "a.db"));
  for (let i = 0; i < n; i++) writeCable(first, cable(i));
  first.pragma("wal_checkpoint(TRUNCATE)");
  copyFileSync(join(dir, "a.db"), join(dir, "b.db"));
  return [first, openArchive(join(dir, "b.db"))];
}

describe("event dates read on a thread of their own", () => {
  it("store exactly what the ingest's own connection reads, while it writes other tables", async () => {
    const [ahead, here] = twins(2_300); // more than one page of 2,000 cables
    const reading = readEventDatesAhead(ahead);
    expect(reading).not.toBeNull();
    // The entity steps write meanwhile on the same connection.
    ahead.exec(
      `CREATE TABLE busy (n);
       WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 1000)
       INSERT INTO busy SELECT n FROM k`,
    );
    expect(await reading!.store(ahead)).toBe(2_300);
    expect(refreshEventDates(here)).toBe(2_300);
    expect(eventDatesFresh(ahead)).toBe(true);
    const rows = stored(ahead);
    expect(rows.length).toBeGreaterThan(4_000);
    expect(rows).toEqual(stored(here));
    ahead.close();
    here.close();
  });

  it("are read on the ingest's connection when the thread cannot read the archive", async () => {
    const [ahead, here] = twins(30);
    here.close();
    // The thread opens the file by name: gone, it fails, and the dates are read here instead.
    unlinkSync(ahead.name);
    const reading = readEventDatesAhead(ahead)!;
    expect(await reading.store(ahead)).toBe(30);
    expect(eventDatesFresh(ahead)).toBe(true);
    expect(stored(ahead).length).toBeGreaterThan(30);
    ahead.close();
  });

  it("start no thread when the dates are fresh or the archive is in memory", () => {
    const memory = openArchive(":memory:");
    writeCable(memory, cable(1));
    expect(readEventDatesAhead(memory)).toBeNull();
    const [fresh, other] = twins(3);
    refreshEventDates(fresh);
    expect(readEventDatesAhead(fresh)).toBeNull();
    fresh.close();
    other.close();
  });
});
