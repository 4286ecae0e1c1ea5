import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readSource } from "../src/formats/index.js";
import type { Cable } from "../src/model/cable.js";
import { splitId } from "../src/model/reference-id.js";
import { parseRecord } from "../src/parse/index.js";

/**
 * Corpus sweep for the people and reference fields (issue 8 classes 6-10 and 13, issue 12 item
 * 2): every cable of ../shared/corpus parsed as `cablegram parse` does it, and one detector per
 * error class counting suspicious outputs over the whole family, not only the example ids. The
 * detectors share no code with the parser: simple tests on the output and the text.
 *
 * Each count must stay at or under its ceiling, the count measured when the class was fixed (the
 * counts before the fix are in the comments). A ceiling is not a target of zero: what remains was
 * read by hand and is damage no rule can undo (a signature cut off with the text, a redacted
 * classifier, a bare serial whose station the cable never names).
 */

const CORPUS = new URL("../../shared/corpus/", import.meta.url).pathname;
const present = existsSync(join(CORPUS, "cables"));
if (!present) {
  console.warn(`people sweep skipped: ${CORPUS} not found (the shared research folder is absent)`);
}

/** Words of positions that must never be part of a classifier's name. */
const TITLE_WORD =
  /^(?:ambassador|amb|charge|cda|dcm|counselor|counsellor|minister|permrep|a\.?i\.?|acting|deputy|director|consul|officer|chief|poloff|econoff|polcouns|coun|mcounselor|cief|cooqnator)$/i;
/** A name that stops at a middle initial (`Brian A`, `Damian R`). */
const ENDS_IN_INITIAL = /(?:^|\s)[A-Z]\.?$/;
/** `Classified By` on a line with a name-like word and reasons: the line the parser should read. */
const CLASSIFIED_LINE = /classified\s+by\s*:?\s+[A-Z][^\n]{3,120}?\breasons?\b/i;

/** PROTECT in the forms drafters use as a marker (bare, bracketed or dashed); not the boilerplate. */
const PROTECT_LIKE =
  /\bstrict(?:ly)?\s+protect\b(?!ed)|(?:^|[.(:]\s*|\)\s*)(?:please\s+)?protect\s*[.:](?!\w)|\(\s*(?:please\s+|strictly\s+|strict\s+)?protect\s*\)|--\s*(?:strictly\s+)?protect\s*--/gim;
const BOILERPLATE = /protect\s+acc/i;

/** The last line with text: a surname-like word alone (`ASQUINO`, `Gallagher`), or glued after a bracket. */
const SURNAME_LINE = /(?:^|\n)[ \t]*[A-Z][A-Za-z'-]{2,}(?:[ \t]+[A-Z][A-Za-z'-]{2,})?[ \t.]*$/;
const SURNAME_GLUED = /(?:\)|\d{4}|[a-z]{3})[ \t]+[A-Z][A-Z'-]{3,}[ \t.]*$/;
const NOT_A_NAME =
  /^(?:END|TEXT|COMMENT|SUMMARY|NNNN|SIPDIS|CONFIDENTIAL|SECRET|UNCLASSIFIED|NOFORN|PAGE|XXXXX+|PRIORITY|IMMEDIATE|ROUTINE)$/i;

interface Counts {
  [detector: string]: { count: number; examples: string[] };
}

const counts: Counts = {};
function hit(detector: string, id: string): void {
  counts[detector] ??= { count: 0, examples: [] };
  const c = counts[detector];
  c.count++;
  if (c.examples.length < 12) c.examples.push(id);
}

/** Detectors over one cable; `id` names it in the examples. */
function sweep(c: Cable, id: string): void {
  const body = c.body;
  const head = body.slice(0, 6000);

  // Class 6: classifier names with title words, cut at an initial, or a line left unread.
  for (const name of c.classifiedBy?.names ?? []) {
    if (name.split(/\s+/).some((w) => TITLE_WORD.test(w)))
      hit("classifiedBy: title word in name", id);
    if (ENDS_IN_INITIAL.test(name)) hit("classifiedBy: name ends at an initial", id);
  }
  if (!c.classifiedBy && CLASSIFIED_LINE.test(head)) hit("classifiedBy: line not read", id);

  // Class 7: no signer while the text ends with a surname line (or a surname glued after text).
  if (c.signers.length === 0) {
    const lines = body
      .trimEnd()
      .split("\n")
      .filter((l) => l.trim() !== "");
    const last = (lines.at(-1) ?? "").replace(
      /\s+(?:\d{4}[A-Z]+\d+\s*-.*|End Cable Text|\\v)$/i,
      "",
    );
    const word = last.trim().split(/\s+/).at(-1)?.replace(/\W+$/, "") ?? "";
    if (!NOT_A_NAME.test(word) && (SURNAME_LINE.test(last) || SURNAME_GLUED.test(last))) {
      hit("signers: empty while the text ends with a surname", id);
    }
  }

  // Class 8: addressee names that are debris; an office list with a colon left in the body.
  for (const r of [...c.to, ...c.info]) {
    if (r.name.length < 3 || /[a-z]/.test(r.name)) hit("addressees: debris name", id);
  }
  if (/^[ \t]*[A-Z][A-Z ]+\/\/[A-Z0-9/-]*:[A-Z0-9/:-]*\/\/[ \t]*$/m.test(head)) {
    hit("addressees: office list with a colon left in the body", id);
  }

  // Classes 9 and 10: REF items cut, serials given the citing post's station or a year.
  const own = c.referenceId ? splitId(c.referenceId) : null;
  for (const r of c.references) {
    if (/\.\.\.$|…$/.test(r.text)) hit("references: item cut by a preview", id);
    if (r.kind !== "cable" || !r.referenceId) continue;
    const ref = splitId(r.referenceId);
    if (!ref) continue;
    const bare = /^#?\s*\d+\b/.test(r.text) && !/[A-Za-z]{3}/.test(r.text);
    if (
      bare &&
      own &&
      ref.station === own.station &&
      own.serial !== null &&
      ref.serial >= own.serial
    ) {
      hit("references: bare serial given the citing station", id);
    }
    if (bare && ref.serial >= 1966 && ref.serial <= 2011 && r.text.trim() === String(ref.serial)) {
      hit("references: year read as a serial", id);
    }
  }

  // Class 13: PROTECT-like text with no flag in its paragraph; flags not naming their paragraph.
  const firstPara = c.paragraphs[0];
  for (const m of body.matchAll(PROTECT_LIKE)) {
    if (BOILERPLATE.test(body.slice(m.index, m.index + 30))) continue;
    const marker = m[0]
      .replace(/\s+/g, " ")
      .trim()
      .toLowerCase()
      .replace(/^[.(:)]\s*/, "");
    const flagged = c.protect.some((p) =>
      p.text.replace(/\s+/g, " ").toLowerCase().includes(marker),
    );
    if (!flagged) hit("protect: marker-like text unflagged", id);
  }
  if (
    firstPara &&
    c.protect.some(
      (p) =>
        p.paragraph === null &&
        body.indexOf(p.text.slice(0, 30)) > body.indexOf(firstPara.text.slice(0, 30)),
    )
  ) {
    hit("protect: flag after paragraph 1 names no paragraph", id);
  }
}

/** Ceilings: the counts measured after the fixes (before → after in the comment). */
const CEILINGS: Record<string, number> = {
  "classifiedBy: title word in name": 0, // before 4
  // before 13, 3 before the last pass (00TASHKENT4223's `JOHN E. HERBST,...`: a word closed by a
  // comma before a preview's cut is whole). Left, correct as written: SMART's name-first form with
  // a bare initial (09PANAMA889 `Stepheson, Barbara J`, 09QUITO933 `Hodges, Heather M`).
  "classifiedBy: name ends at an initial": 2,
  "classifiedBy: line not read": 0, // before 5
  // before 20, 9 before the lone-word rule (src/parse/signers/paragraph-end.ts: a lone word is a
  // signer under a paragraph that ended short of the wrap width, under a glued page footer, or set
  // off by a blank line; 05RIODEJANEIRO1248 LIST, 07MADRID545 Aguirre, 09LONDON2639 Susman). Left,
  // all read, none a signature: the wrapped end of a sentence (04THEHAGUE2793 `EUR`/`Stephens.`,
  // 08SANJOSE232 `U/S`/`Padilla.`, 06BRIDGETOWN2164 `TRINIDAD'S`/`ASSISTANCE.`), an acronym ending
  // the last sentence (08ISLAMABAD525 `the DCIA.`), and copies cut off mid-text (07SANJOSE63 in a
  // table, `Commercial`; 10SANJOSE90 mid-word, `Legislative`/`Assembl`).
  "signers: empty while the text ends with a surname": 6,
  "addressees: debris name": 0, // before 2
  // before 2; left: 05NEWDELHI2299's body line `SECDEF WASHINGTON DC//USDP:DSCA//` (a passing
  // instruction in the body, not the address block).
  "addressees: office list with a colon left in the body": 1,
  // before 39; left: pages whose preview cut the list and whose full copy holds no REF block
  // this parser can find (the full text is a one-line database row).
  "references: item cut by a preview": 12,
  "references: bare serial given the citing station": 0, // before 14
  "references: year read as a serial": 0, // before 3
  "protect: marker-like text unflagged": 0, // before 1 (07THEHAGUE1994 `(Note: Please protect.`)
  "protect: flag after paragraph 1 names no paragraph": 0, // before 1
};

describe.skipIf(!present)("people and references sweep (../shared/corpus)", () => {
  let records = 0;
  beforeAll(async () => {
    const files = [
      ...readdirSync(join(CORPUS, "cables")).map((f) => join(CORPUS, "cables", f)),
      ...readdirSync(join(CORPUS, "html")).map((f) => join(CORPUS, "html", f)),
    ];
    for (const [i, file] of files.entries()) {
      // Let the worker answer the runner now and then: a long synchronous sweep times its RPC out.
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
      for await (const item of readSource(file)) {
        if (item.kind !== "record") continue;
        records++;
        sweep(parseRecord(item), file.slice(file.lastIndexOf("/") + 1));
      }
    }
    const report = Object.keys(CEILINGS)
      .map((k) => `  ${k}: ${counts[k]?.count ?? 0} ${JSON.stringify(counts[k]?.examples ?? [])}`)
      .join("\n");
    console.log(`people sweep over ${records} records:\n${report}`);
  }, 600_000);

  it("parses the whole corpus", () => {
    expect(records).toBeGreaterThan(6_800);
  });

  it.each(Object.entries(CEILINGS))("%s stays at or under %i", (detector, ceiling) => {
    expect(
      counts[detector]?.count ?? 0,
      JSON.stringify(counts[detector]?.examples),
    ).toBeLessThanOrEqual(ceiling);
  });
});
