import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseClassifiedBy } from "../../src/parse/classified-by.js";
import { parseComment } from "../../src/parse/comment.js";
import { makeDoc } from "../../src/parse/doc.js";
import { parseSubject } from "../../src/parse/subject.js";
import { parseSummary } from "../../src/parse/summary.js";

/**
 * Corpus sweep of the SUBJECT, Classified By, summary and comment parsers over the 6,755 cables of
 * ../shared/corpus/cables (text-mirror files: five metadata lines — id, subject, created,
 * classification, origin — then header and body glued; the 14 PDF extracts have no metadata lines
 * and are read whole). Each parser gets a BodyDoc of everything after the metadata, with the year of
 * the id.
 *
 * How "carry" is counted, independently of the parsers' own rules:
 * - a cable carries a SUBJECT label when, before the first line opening paragraph 1 (`1.`/`¶1.`
 *   followed by a marking or a word; else in the first 3,000 characters), a line holds `SUBJECT:`,
 *   `SUBJ:` or `UBJECT:` (any case) at its start or after a blank;
 * - a classified cable (metadata classification not UNCLASSIFIED...) carries a Classified By line
 *   with a name when, in its first 8,000 characters, a line starting with "Classified By" (after an
 *   optional paragraph number and marking) has, before its first reason keyword, section number or
 *   blank line, a capitalised word of two or more letters that is not a position word of the short
 *   list below, not a redaction run (XXXX), and the line is not cut off by a partial extract (`...`).
 */

const ROOT = new URL("../../", import.meta.url);
const CORPUS = new URL("../shared/corpus/cables/", ROOT);
const present = existsSync(CORPUS);
if (!present) {
  console.warn(
    `caption-fields corpus sweep skipped: ${CORPUS.pathname} is absent (needs ../shared)`,
  );
}

const PARA_ONE = /(?:^|\n)[ \t]*¶?[ \t]*1[ \t]*\.[ \t]*(?=\(|[A-Za-z])/;
const SUBJECT_LABEL = /(?:^|[\n \t])S?UBJ(?:ECT)?[ \t]*:/i;
const CB_LINE =
  /(?:^|\n)[ \t]*(?:¶?\s*\d{1,2}\s*\.\s*)?(?:\([A-Za-z/]{1,6}\)\s*)?classified\s+by\s*:?([^\n]*(?:\n[^\n]*)?)/i;
const WHO_END = /\b(?:reasons?|section|e\.\s?o\.?|derived)\b|\b1\s*\.\s*[45]|\n[ \t]*\n/i;
/** Position words only (the parser's own list is larger and tolerant of misspellings). */
const POSITION =
  /^(?:ambassador|amb|charge|d'affaires|a\.i\.|counselor|political|economic|officer|deputy|chief|mission|acting|minister|section|director|consul|general|classified|by|for|the|of|and|cda|dcm|polcouns|econcouns)$/i;

interface Sweep {
  files: number;
  errors: string[];
  subjectCarry: number;
  subjectFound: number;
  cbCarry: number;
  cbFound: number;
  missed: string[];
}

function sweep(): Sweep {
  const out: Sweep = {
    files: 0,
    errors: [],
    subjectCarry: 0,
    subjectFound: 0,
    cbCarry: 0,
    cbFound: 0,
    missed: [],
  };
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith(".txt"))) {
    out.files++;
    const raw = readFileSync(new URL(file, CORPUS), "utf8").replace(/\r\n?/g, "\n");
    const lines = raw.split("\n");
    const hasMeta = /^\d{2,4}[A-Z]/.test(lines[0] ?? "") && lines.length > 5;
    const body = hasMeta ? lines.slice(5).join("\n") : raw;
    const yy = Number(file.slice(0, 2));
    const doc = makeDoc(body, { year: yy > 50 ? 1900 + yy : 2000 + yy });
    let subject: ReturnType<typeof parseSubject> = null;
    let cb: ReturnType<typeof parseClassifiedBy> = null;
    try {
      subject = parseSubject(doc);
      cb = parseClassifiedBy(doc);
      parseSummary(doc);
      parseComment(doc);
    } catch (err) {
      out.errors.push(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    const p1 = PARA_ONE.exec(body);
    const caption = body.slice(0, p1 ? p1.index : 3_000);
    if (SUBJECT_LABEL.test(caption)) {
      out.subjectCarry++;
      if (subject) out.subjectFound++;
      else out.missed.push(`subject ${file}`);
    }
    if (
      hasMeta &&
      !/^UNCLASSIFIED/i.test(lines[3] ?? "") &&
      carriesNamedLine(body.slice(0, 8_000))
    ) {
      out.cbCarry++;
      if (cb && cb.names.length > 0) out.cbFound++;
      else out.missed.push(`classified-by ${file}`);
    }
  }
  return out;
}

function carriesNamedLine(head: string): boolean {
  const m = CB_LINE.exec(head);
  if (!m) return false;
  const rest = m[1] ?? "";
  const end = WHO_END.exec(rest);
  const who = end ? rest.slice(0, end.index) : (rest.split("\n")[0] ?? "");
  if (/\.{3}/.test(who)) return false;
  return who
    .split(/[\s,;:()-]+/)
    .some(
      (w) =>
        /^[A-Z][A-Za-z'.]+$/.test(w) && !/^X{4,}/.test(w) && !POSITION.test(w.replace(/\.$/, "")),
    );
}

describe.skipIf(!present)("caption fields over the corpus", () => {
  it("parses every cable without an exception and finds the subject and the classifier", () => {
    const s = sweep();
    const subjectRate = s.subjectFound / s.subjectCarry;
    const cbRate = s.cbFound / s.cbCarry;
    console.log(
      `caption fields: ${s.files} cables; subject ${s.subjectFound}/${s.subjectCarry} (${(100 * subjectRate).toFixed(2)}%); ` +
        `classified-by names ${s.cbFound}/${s.cbCarry} (${(100 * cbRate).toFixed(2)}%)`,
    );
    expect(s.errors).toEqual([]);
    expect(s.files).toBeGreaterThan(6_000);
    expect(subjectRate, s.missed.slice(0, 20).join(", ")).toBeGreaterThanOrEqual(0.99);
    expect(cbRate, s.missed.slice(0, 20).join(", ")).toBeGreaterThanOrEqual(0.99);
  });
});
