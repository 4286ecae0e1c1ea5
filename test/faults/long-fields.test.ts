import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/index.js";
import { openArchive } from "../../src/store/db.js";
import { getCable } from "../../src/store/read.js";
import { MIRROR, removeTempDirs, tempDir } from "./harness.js";

/**
 * Fields far longer than any real cable's: 10,000 REF items, a list lettered past Z, 250
 * numbered paragraphs, a subject of twelve lines, four stacked signature names, a summary of
 * 30,000 characters with no end. Each goes through the real ingest into a real archive. No item
 * is lost or cut mid-citation; where a reader stops on purpose (the comments on MAX_NUMBER,
 * MAX_LINES, MAX_SIGNERS, OPEN_SPAN say why) it stops at a line end, the text stays whole in the
 * cable and a warning says so.
 */

const TEMPLATE = readFileSync(join(MIRROR, "00HARARE5461.txt"), "utf8");
const ID = "00HARARE5461";
const ITEMS = 10_000;
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function serial(i: number): number {
  return 100_000 + i;
}

/** Twenty-six lettered items (A. to Z.), each citing its share of the 10,000 cables. */
function letteredList(): string {
  const per = Math.ceil(ITEMS / LETTERS.length);
  const lines: string[] = [];
  for (let k = 0; k < LETTERS.length; k++) {
    const cites: string[] = [];
    for (let i = k * per; i < Math.min(ITEMS, (k + 1) * per); i++) cites.push(`STATE ${serial(i)}`);
    lines.push(`${LETTERS[k]}. ${cites.join(", ")}`);
  }
  return lines.join("\n");
}

/** One citation a line, no letters. */
function plainList(): string {
  return Array.from({ length: ITEMS }, (_, i) => `STATE ${serial(i)}`).join("\n");
}

function withRefs(list: string): string {
  const out = TEMPLATE.replace("REF: HARARE 5346  CONFIDENTIAL", `REF: ${list}`);
  expect(out).not.toBe(TEMPLATE);
  return out;
}

async function ingestOne(name: string, text: string) {
  const dir = tempDir("long");
  writeFileSync(join(dir, name), text);
  const db = openArchive(join(dir, "a.db"));
  const report = await ingest(db, [join(dir, name)], { workers: 0 });
  expect(report).toMatchObject({ records: 1, new: 1, rejected: 0 });
  return { db, cable: getCable(db, ID)! };
}

afterAll(removeTempDirs);

describe("fields longer than any real cable's", () => {
  for (const [layout, list] of [
    ["lettered A. to Z., many citations each", letteredList],
    ["one citation a line, unlettered", plainList],
  ] as const) {
    it(`keeps all ${ITEMS.toLocaleString("en-US")} REF items, none cut (${layout})`, async () => {
      const { db, cable } = await ingestOne("refs.txt", withRefs(list()));
      const refs = cable.references;
      expect(refs).toHaveLength(ITEMS);
      // Every item whole and in order: its text is exactly the citation, its id the cable cited.
      refs.forEach((r, i) => {
        if (r.text !== `STATE ${serial(i)}` || r.referenceId !== `00STATE${serial(i)}`) {
          throw new Error(`item ${i}: ${JSON.stringify(r)}`);
        }
      });
      if (layout.startsWith("lettered")) {
        expect(refs[0]!.label).toBe("A");
        expect(refs.at(-1)!.label).toBe("Z");
      }
      expect(cable.warnings.join("\n")).not.toMatch(/REF item/);
      // The edges of the reference graph are stored too, one per item.
      const cableId = db
        .prepare("SELECT id FROM cables WHERE reference_id = ?")
        .pluck()
        .get(ID) as number;
      expect(db.prepare("SELECT count(*) FROM refs WHERE cable_id = ?").pluck().get(cableId)).toBe(
        ITEMS,
      );
      db.close();
    }, 120_000);
  }

  it("reads a list lettered past Z (AA. to ZZ., then AAA.): each item its own label and text", async () => {
    const labels = [1, 2, 3].flatMap((n) => [...LETTERS].map((l) => l.repeat(n))).slice(0, 60);
    const list = labels.map((l, i) => `${l}. STATE ${serial(i)}`).join("\n");
    const { db, cable } = await ingestOne("lettered.txt", withRefs(list));
    expect(cable.references.map((r) => [r.label, r.text])).toEqual(
      labels.map((l, i) => [l, `STATE ${serial(i)}`]),
    );
    db.close();
  }, 60_000);

  it("keeps paragraphs past 199, a twelve-line subject and a fourth signer in the text, each with a warning", async () => {
    const start = TEMPLATE.indexOf("\n¶1. ");
    expect(start).toBeGreaterThan(0);
    const paragraphs = Array.from(
      { length: 250 },
      (_, i) => `${i + 1}. (C) Paragraph ${i + 1} of the talks.\n`,
    ).join("\n");
    const subject = Array.from({ length: 12 }, (_, i) => `SUBJECT LINE ${i + 1} OF MANY`).join(
      "\n",
    );
    const text =
      `${TEMPLATE.slice(0, start + 1)}${paragraphs}\n\nJONES\n\nBROWN\n\nGREEN\n\nSMITH\n`
        .replace(/SUBJECT:[^\n]*\nTHAT INVOLVES[^\n]*\n/, `SUBJECT: ${subject}\n`)
        .replace("REF: HARARE 5346  CONFIDENTIAL", "REF: HARARE 5346");
    const { db, cable } = await ingestOne("long.txt", text);
    const warnings = cable.warnings.join("\n");

    expect(cable.paragraphs).toHaveLength(199);
    const last = cable.paragraphs.at(-1)!;
    expect(last.number).toBe(199);
    // Paragraphs 200 to 250 are whole, inside the text of 199.
    for (let n = 200; n <= 250; n++)
      expect(last.text).toContain(`${n}. (C) Paragraph ${n} of the talks.`);
    expect(warnings).toMatch(
      /paragraph numbers stop at 199: paragraph 199 holds the text of paragraphs 200 and on/,
    );

    // The subject is cut at a line end, never inside a line; the rest stays in the body.
    expect(cable.subject).toMatch(/SUBJECT LINE 8 OF MANY$/);
    expect(cable.body).toContain("SUBJECT LINE 12 OF MANY");
    expect(warnings).toMatch(/subject read up to 8 lines/);

    expect(cable.signers).toEqual(["BROWN", "GREEN", "SMITH"]);
    expect(cable.body).toContain("JONES");
    expect(warnings).toMatch(/name line above them \("JONES"\) stays in the text/);
    db.close();
  }, 60_000);

  it("reads a summary with no end and no break up to its bound, at a line end, with a warning", async () => {
    const start = TEMPLATE.indexOf("\nSUMMARY\n");
    expect(start).toBeGreaterThan(0);
    const lines = Array.from({ length: 1000 }, (_, i) => `LINE ${i + 1} OF THE SUMMARY GOES ON.`);
    const text = `${TEMPLATE.slice(0, start + 1)}SUMMARY: ${lines.join("\n")}\n\n1. (C) The rest.\n\nSMITH\n`;
    const { db, cable } = await ingestOne("summary.txt", text);
    expect(cable.summary!.length).toBeGreaterThan(19_000);
    expect(cable.summary).toMatch(/SUMMARY GOES ON\.$/);
    expect(cable.body).toContain("LINE 1000 OF THE SUMMARY GOES ON.");
    expect(cable.warnings.join("\n")).toMatch(
      /summary without an end marker or a break read up to 20,000 characters/,
    );
    db.close();
  }, 60_000);
});
