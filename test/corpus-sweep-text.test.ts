import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import type { Cable } from "../src/model/cable.js";
import { parseRecord } from "../src/parse/index.js";

/**
 * Detectors of suspicious text fields over the whole shared corpus (issue 8, classes 1-5, 9, 11,
 * 12, 14): each counts the cables whose output has the shape of a known error class. The checks
 * share no code with the parser — they look at the output (and the normalised body) only — so a
 * rule that fixes one example but not its family shows here. Each count must stay at or under its
 * ceiling: the figure measured when the rule for the class landed (see the closing note of issue
 * 8 for the before/after figures).
 */

const CORPUS = new URL("../../shared/corpus/", import.meta.url).pathname;
const present = existsSync(join(CORPUS, "cables"));
if (!present) {
  console.warn(
    `text-field sweep skipped: ${CORPUS} not found (the shared research folder is absent)`,
  );
}

interface Detector {
  /** What the count means, for the log. */
  about: string;
  suspicious: (c: Cable) => boolean;
  ceiling: number;
}

/** A label, a portion marking or a paragraph number opening the summary's text. */
const SUMMARY_HEAD =
  /^(?:\(?(?:U|C|S|SBU|TS|LOU)(?:\/\/?[A-Z]+)?\)|¶?\d{1,2}\s*[.,)]\s|summ?a?r?y\b)/i;
const HANDLING = /SENSITIVE BUT UNCLASSIFIED|PLEASE (?:PROTECT|HANDLE) ACCORDINGLY/i;
/** What a subject line never holds: rules, other elements, markup, a database row. */
const RUN_ON =
  /-{3,}|\bsummary\s*-|\bCLASSIFIED\s+BY\b|<\/?[a-z]+>|\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d\d|\bE\.\s?O\.\s?1\d{4}|\bTAGS\s*:/i;
const SUBJECT_LINE = /^[ \t]*SUBJ(?:ECT)?[ \t]*:/im;
/** TAGS as the Department writes them: a 4-letter subject code, a 2-letter country, a program. */
const TAG = /^(?:[A-Z]{2}|[A-Z]{4}|[A-Z]{2,6}\d{0,2}|[A-Z]{3,6}-[A-Z]{1,6})$/;
const TAGS_LINE = /^[ \t]*TAGS?\b/im;
/** A preview's cut: a field ending in `...` (the full copy follows on such pages). */
const CUT = /\.\.\.\s*$/;
const BR = /<br\s*\/?>|&lt;br/i;

const paragraphTexts = (c: Cable) => c.paragraphs.map((p) => p.text);

const DETECTORS: Record<string, Detector> = {
  summaryLabel: {
    about: "summary opening with a label, marking or number (class 1)",
    suspicious: (c) => c.summary !== null && SUMMARY_HEAD.test(c.summary),
    ceiling: 3, // 71 before issue 8's rules
  },
  summaryMissed: {
    about: "summary null while the text has an END SUMMARY marker (class 2)",
    suspicious: (c) => c.summary === null && /\bEND\s+(?:OF\s+)?SUMMARY\b/i.test(c.body),
    ceiling: 8, // 15 before issue 8's rules
  },
  subjectCaveat: {
    about: "subject holding a handling caveat (class 3)",
    suspicious: (c) => c.subject !== null && HANDLING.test(c.subject),
    ceiling: 0, // 22 before issue 8's rules
  },
  subjectRunOn: {
    about: "subject running on into rules, labels, markup or a database row (class 4)",
    suspicious: (c) => c.subject !== null && (RUN_ON.test(c.subject) || c.subject.length > 300),
    ceiling: 27, // 32 before issue 8's rules
  },
  subjectNull: {
    about: "subject null while a SUBJ/Subject line exists (classes 4, 5)",
    suspicious: (c) => c.subject === null && SUBJECT_LINE.test(c.body),
    ceiling: 0, // 0 before issue 8's rules
  },
  previewCut: {
    about: "subject, Classified-By, REF or DECL cut at a preview's '...' (classes 2, 6, 9)",
    suspicious: (c) =>
      (c.subject !== null && CUT.test(c.subject)) ||
      (c.classifiedBy !== null && CUT.test(c.classifiedBy.text)) ||
      c.references.some((r) => CUT.test(r.text)) ||
      (c.declassification !== null && CUT.test(c.declassification.text)),
    ceiling: 45, // 129 before issue 8's rules
  },
  rowDebris: {
    about: "database-row or <br> debris in subject, summary or a paragraph (class 11)",
    suspicious: (c) =>
      [c.subject ?? "", c.summary ?? "", ...paragraphTexts(c)].some(
        (t) => BR.test(t) || /\.\.\.\s+\d{3,6}\s+\d{4}-\d\d-\d\d\s+\d\d[A-Z]/.test(t),
      ),
    ceiling: 8, // 11 before issue 8's rules
  },
  duplicateParagraphs: {
    about: "the same paragraph text twice in a row (class 11)",
    suspicious: (c) =>
      c.paragraphs.some(
        (p, i) => i > 0 && p.text.length > 80 && p.text === c.paragraphs[i - 1]?.text,
      ),
    ceiling: 0, // 0 before issue 8's rules
  },
  tagShape: {
    about: "a tag not shaped like a TAG (class 12)",
    suspicious: (c) => c.tags.some((t) => !TAG.test(t)),
    ceiling: 72, // 72 before issue 8's rules
  },
  tagsEmpty: {
    about: "no tags while a TAGS line exists (class 12)",
    suspicious: (c) => c.tags.length === 0 && TAGS_LINE.test(c.body),
    ceiling: 0, // 0 before issue 8's rules
  },
  scrapedNumbering: {
    about: "paragraph n+1 numbered 1(n+1) between n and n+2 (class 14)",
    suspicious: (c) =>
      c.paragraphs.some((p, i) => {
        const prev = c.paragraphs[i - 1]?.number;
        const next = c.paragraphs[i + 1]?.number;
        return (
          prev != null && next != null && p.number === Number(`1${prev + 1}`) && next === prev + 2
        );
      }),
    ceiling: 0, // 0 before issue 8's rules
  },
};

const found: Record<string, string[]> = Object.fromEntries(
  Object.keys(DETECTORS).map((k) => [k, [] as string[]]),
);
let records = 0;

describe.skipIf(!present)("text-field sweep over ../shared/corpus (issue 8)", () => {
  beforeAll(async () => {
    const files = [
      ...readdirSync(join(CORPUS, "cables"))
        .filter((f) => f.endsWith(".txt"))
        .map((f) => join(CORPUS, "cables", f)),
      ...readdirSync(join(CORPUS, "html"))
        .filter((f) => f.endsWith(".html"))
        .map((f) => join(CORPUS, "html", f)),
    ];
    for (const [i, file] of files.entries()) {
      // Let the worker answer the runner now and then: a long synchronous sweep times its RPC out.
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
      for await (const item of readSource(file)) {
        if (item.kind === "error") continue;
        records++;
        const cable = parseRecord(item);
        const name = cable.referenceId ?? file.slice(CORPUS.length);
        for (const [key, d] of Object.entries(DETECTORS)) {
          if (d.suspicious(cable)) found[key]!.push(name);
        }
      }
    }
    console.log(
      [
        `text-field sweep: ${records} records`,
        ...Object.entries(DETECTORS).map(
          ([k, d]) =>
            `  ${k.padEnd(20)} ${String(found[k]!.length).padStart(4)}  ${d.about}; e.g. ${found[k]!.slice(0, 4).join(" ")}`,
        ),
      ].join("\n"),
    );
  }, 300_000);

  for (const [key, d] of Object.entries(DETECTORS)) {
    it(`${key}: at most ${d.ceiling} cables with ${d.about}`, () => {
      expect(records).toBeGreaterThan(0);
      expect(found[key]!.length).toBeLessThanOrEqual(d.ceiling);
    });
  }
});
