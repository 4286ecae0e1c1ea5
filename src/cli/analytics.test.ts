/**
 * The analytics commands (timeline, bursts, secrecy, addressees, thread, coverage) over the server
 * fixture archive, run in-process with their output captured: CSV shapes, exit codes, errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureArchive } from "../../test/server/fixture-server.js";
import { runCommand } from "../../test/support/cli-output.js";
import { addresseesCommand } from "./addressees.js";
import { burstsCommand } from "./bursts.js";
import { coverageCommand } from "./coverage.js";
import { secrecyCommand } from "./secrecy.js";
import { threadCommand } from "./thread.js";
import { timelineCommand } from "./timeline.js";

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cablegram-cli-analytics-"));
  db = join(dir, "a.db");
  await buildFixtureArchive(db);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a command on the fixture archive (unless `--db` is given) with its output captured. */
function run(command: (args: string[]) => Promise<number>, ...args: string[]) {
  return runCommand(() => command(args.includes("--db") ? args : [...args, "--db", db]));
}

describe("analytics commands", () => {
  it("timeline --csv: a header row, then one row per period with its count", async () => {
    const r = await run(timelineCommand.main, "tripoli", "--by", "year", "--csv");
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split("\r\n");
    expect(rows[0]).toBe("year,count");
    expect(rows.slice(1)).toEqual(["2007,1", "2008,5", "2009,1", "2010,1"]);
    const share = await run(timelineCommand.main, "", "--by", "month", "--share", "--csv");
    expect(share.stdout.split("\r\n")[0]).toBe("month,count,share,all cables");
    const json = JSON.parse(
      (await run(timelineCommand.main, "tripoli", "--by", "week", "--json")).stdout,
    );
    expect(json.by).toBe("week");
    const reported = await run(
      timelineCommand.main,
      "tripoli",
      "--by",
      "year",
      "--reported",
      "--csv",
    );
    const lines = reported.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe("year,count,dates reported");
    // 08TRIPOLI227 alone reports March 2 and September 1, 2008.
    expect(Number(lines.find((l) => l.startsWith("2008,"))!.split(",")[2])).toBeGreaterThanOrEqual(
      2,
    );
  });

  it("bursts, secrecy, addressees, coverage and thread print their tables", async () => {
    const b = await run(burstsCommand.main, "tripoli", "--by", "year", "--csv");
    expect(b.stdout.split("\r\n")[0]).toBe("kind,value,start,end,from,to,strength,cables,query");
    expect(b.stdout).toContain("query,tripoli,2007,2008");
    const s = await run(secrecyCommand.main, "tripoli");
    expect(s.stdout).toContain("Classification level by year");
    expect(s.stdout).toContain("Over-classification signals");
    const a = await run(addresseesCommand.main, "", "--csv");
    expect(a.stdout.split("\r\n")[0]).toBe("addressee,kind,action,info,cables");
    const c = await run(coverageCommand.main, "--csv");
    expect(c.stdout.split("\r\n")[0]).toBe(
      'station,year,held,highest serial,share held,"cited, not held"',
    );
    const t = await run(threadCommand.main, "08TRIPOLI227");
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/08TRIPOLI166 +cited/);
    expect(t.stdout).toContain("Addressed posts with no reply in the archive");
  });

  it("bad input: exit 2 with a message, a missing cable exit 1", async () => {
    const q = await run(timelineCommand.main, '"unclosed', "--csv");
    expect(q.code).toBe(2);
    expect(q.stderr).toMatch(/cablegram timeline: .*\n.*\n\s*\^/);
    expect((await run(timelineCommand.main, "x", "--by", "fortnight")).code).toBe(2);
    expect((await run(burstsCommand.main, "x", "--of", "planet")).code).toBe(2);
    expect((await run(threadCommand.main, "notanid")).code).toBe(2);
    const missing = await run(threadCommand.main, "99TRIPOLI1");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("not in the archive");
    const noDb = await run(timelineCommand.main, "x", "--db", join(dir, "nope.db"));
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain("no archive at");
  });
});
