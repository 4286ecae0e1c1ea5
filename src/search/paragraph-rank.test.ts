import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snippetArchive, TOKYO } from "../../test/search/snippet-archive.js";
import type { Db } from "../store/db.js";
import { averages, bm25Score, docLength, idf, indexStats, varint } from "./paragraph-rank.js";
import { find, pattern, tokenize } from "./text-match.js";

describe("varint and the FTS5 records", () => {
  it("reads SQLite varints", () => {
    expect(varint(Uint8Array.of(0x05), 0)).toEqual([5, 1]);
    expect(varint(Uint8Array.of(0x81, 0x00), 0)).toEqual([128, 2]);
    expect(varint(Uint8Array.of(0x99, 0xc1, 0x21), 0)).toEqual([417_953, 3]);
  });

  it("survives empty and truncated records", () => {
    expect(averages(null)).toEqual({ rows: 1, avgdl: 1 });
    expect(averages(Uint8Array.of())).toEqual({ rows: 1, avgdl: 1 });
    expect(averages(Uint8Array.of(0x81))).toEqual({ rows: 1, avgdl: 1 });
    expect(docLength(null)).toBeNull();
    expect(docLength(Uint8Array.of(0x81, 0x00))).toBe(128);
  });

  it("clamps the IDF of very common phrases as bm25() does", () => {
    expect(idf(100, 99)).toBe(1e-6);
    expect(idf(100, 1)).toBeCloseTo(Math.log(99.5 / 1.5), 12);
  });
});

describe("bm25Score against FTS5's bm25()", () => {
  let db: Db;
  beforeAll(() => {
    db = snippetArchive();
  });
  afterAll(() => db.close());

  it("reads the row count and mean length bm25() uses", () => {
    const stats = indexStats(db);
    const rows = db.prepare<[], number>("SELECT count(*) FROM paragraphs").pluck().get()!;
    expect(stats.rows).toBe(rows);
    expect(stats.avgdl).toBeGreaterThan(20);
    expect(stats.count('"iceland"')).toBe(4);
  });

  it("gives every paragraph the score bm25() gives it", () => {
    const stats = indexStats(db);
    const phrases = ['"iceland"', '"whaling"', '"market"'];
    const pats = ["iceland", "whaling", "market"].map((w) => pattern(w, false)!);
    const idfs = phrases.map((p) => idf(stats.rows, stats.count(p)));
    const rows = db
      .prepare<[string], { text: string; score: number; sz: Uint8Array }>(
        `SELECT p.text, bm25(paragraphs_fts) AS score, d.sz FROM paragraphs_fts
           JOIN paragraphs p ON p.id = paragraphs_fts.rowid
           JOIN paragraphs_fts_docsize d ON d.id = p.id
          WHERE paragraphs_fts MATCH ?`,
      )
      .all(phrases.join(" OR "));
    expect(rows.length).toBe(TOKYO.length);
    for (const r of rows) {
      const tokens = tokenize(r.text);
      expect(docLength(r.sz)).toBe(tokens.length);
      const freqs = find(tokens, pats).counts;
      expect(bm25Score(idfs, freqs, tokens.length, stats.avgdl)).toBeCloseTo(-r.score, 10);
    }
  });

  it("sees the archive change", () => {
    const before = indexStats(db).count('"zuwara"');
    db.prepare("INSERT INTO paragraphs (cable_id, seq, number, text) VALUES (1, 99, 99, ?)").run(
      "Zuwara",
    );
    const id = db.prepare<[], number>("SELECT max(id) FROM paragraphs").pluck().get()!;
    db.prepare("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, 'Zuwara')").run(id);
    expect(indexStats(db).count('"zuwara"')).toBe(before + 1);
  });
});
