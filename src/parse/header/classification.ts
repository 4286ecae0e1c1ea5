/**
 * Classification markings as written at the head of a telegram (spec §4.1): plain words
 * (`CONFIDENTIAL`, `UNCLAS`, `LIMITED OFFICIAL USE`) and letter-spaced ones (`C O N F I D E N T I A L`,
 * `S e c r e t`). Shared by the header splitter (a banner glued to the last addressee line ends the
 * header) and the banner parser.
 */

import { BANNER_LEVELS, LEVEL_SPELLINGS } from "../../model/classification.js";
import { referenceTable } from "../../reference/reference-data.js";

/**
 * A level letter-spaced: letters joined by one or two spaces, up to three between words (`T O P  S E
 * C R E T`); in a whole copy the first gap may be missing (`CO N F I D...`, `SE C R E T`). With
 * `firstLost` the first letter is gone (`PRIORITYO N F I D E N T I A L`, `DCE C R E T`): the rest
 * is still a run of single letters long enough to be unmistakable.
 */
function spaced(level: string, firstLost: boolean): string {
  const word = firstLost ? level.slice(1) : level;
  let out = word.charAt(0);
  for (let i = 1; i < word.length; i++) {
    if (word[i] === " ") continue;
    const gap = word[i - 1] === " " ? " {1,3}" : i === 1 && !firstLost ? " {0,2}" : " {1,2}";
    out += gap + word.charAt(i);
  }
  return out;
}

/** The banner levels classification-markings.csv says are written letter-spaced, and how. */
const SPACED_ROWS = referenceTable("classification-markings.csv")
  .filter((r) => r.where === "body banner" && r.letter_spaced)
  .map((r) => {
    const written = (r.value ?? "").split(" / ")[0] ?? "";
    const level = LEVEL_SPELLINGS[written];
    if (!level) throw new Error(`classification-markings.csv: ${written} is not a level`);
    return { level, firstLost: r.letter_spaced === "yes, or without its first letter" };
  })
  .sort((a, b) => BANNER_LEVELS.indexOf(a.level) - BANNER_LEVELS.indexOf(b.level));

// Each form opens with its own letter (T, S, C, U; O, N, E): at one offset only one can match.
const SPACED_FORMS = [
  ...SPACED_ROWS.map((r) => spaced(r.level, false)),
  ...SPACED_ROWS.filter((r) => r.firstLost).map((r) => spaced(r.level, true)),
];

/** Letter-spaced marking anywhere (any case: `S e c r e t nairobi 001938`). */
const SPACED_MARKING = new RegExp(`(?:${SPACED_FORMS.join("|")})`, "i");

/** Plain upper-case markings, longest first so `UNCLASSIFIED` wins over `UNCLAS`. */
const PLAIN_FORMS = [
  "SENSITIVE BUT UNCLASSIFIED",
  "LIMITED OFFICIAL USE",
  "TOP SECRET",
  "UNCLASSIFIED",
  "CONFIDENTIAL",
  "UNCLAS",
  "SECRET",
];
const PLAIN_MARKING = new RegExp(`(?:${PLAIN_FORMS.join("|")})`);
const PLAIN_MARKING_ALL = new RegExp(PLAIN_MARKING.source, "g");

/**
 * What may follow a marking that opens the body: the end of the line, a `//` caveat, a section
 * count, EFTO, a caption, or a post name and serial (`TRIPOLI 000220`, `STATE 150591`). Without
 * this check `US SECRET SERVICE` or `SECRETARY` inside an addressee would end the header.
 */
const AFTER_MARKING =
  /^(?:[ \t]*$|[ \t]*\/\/|[ \t]*\\|[ \t]*\t|\s*(?:SECTION|section|Section)(?:\b|\s*\d)|\s+E ?F ?T ?O\b|\s*(?:NOFORN|SIPDIS|SENSITIVE)|\s+[A-Za-z][A-Za-z .'-]{0,30}?[A-Za-z]\s+0*\d{1,8}(?!\d|Z\b))/;

/** After a letter-spaced marking the post may follow without a space (`C O N F I D E N T I A LCAIRO`). */
const AFTER_SPACED_MARKING = /^[A-Z][A-Za-z .'-]{0,30}?[A-Za-z]\s+0*\d{1,8}(?!\d|Z\b)/;

const SPACED_HINT = /[A-Za-z] [A-Za-z] [A-Za-z] [A-Za-z]/;
const PLAIN_HINTS = ["CONFIDENTIAL", "SECRET", "UNCLAS", "LIMITED OFFICIAL USE", "SENSITIVE BUT"];

export interface MarkingMatch {
  /** Offset of the marking in the searched string. */
  index: number;
  /** Offset just after it. */
  end: number;
  /** As written. */
  raw: string;
  /** Contract name of the level (`CONFIDENTIAL`, `UNCLASSIFIED`...). */
  level: string;
}

/** Contract level for a marking as written (spacing and case ignored). */
export function levelOf(raw: string): string | null {
  const word = raw.toUpperCase().replace(/[^A-Z]/g, "");
  if (word.includes("SENSITIVEBUTUNCLASSIFIED")) return "UNCLASSIFIED";
  if (word.startsWith("TOPSECRET")) return "TOP SECRET";
  if (/^(?:S?ECRET)$/.test(word) || word === "SSECRET") return "SECRET";
  if (/^C?ONFIDENTIAL$/.test(word) || word === "CCONFIDENTIAL") return "CONFIDENTIAL";
  if (/^U?NCLAS(?:SIFIED)?(?:EFTO)?$/.test(word)) return "UNCLASSIFIED";
  if (word === "LIMITEDOFFICIALUSE") return "LIMITED OFFICIAL USE";
  return null;
}

function accept(line: string, index: number, raw: string, plain: boolean): MarkingMatch | null {
  const end = index + raw.length;
  // A plain word after a space is running text (`US SECRET SERVICE`); at the line start or glued to
  // the previous block (`8064UNCLAS`, `PRIORITYSECRET`) it opens the body.
  if (plain && line[index - 1] === " " && line.slice(0, index).trim() !== "") return null;
  const after = line.slice(end);
  if (!AFTER_MARKING.test(after) && (plain || !AFTER_SPACED_MARKING.test(after))) return null;
  const level = levelOf(raw);
  return level ? { index, end, raw, level } : null;
}

/**
 * First marking in `line` that opens the body, letter-spaced forms first (they cannot be part of an
 * addressee); a plain word counts only with an acceptable continuation (AFTER_MARKING).
 */
export function findBodyMarking(line: string): MarkingMatch | null {
  // Most lines hold no marking: a run of four single letters, or a plain word, must be there.
  const maybeSpaced = SPACED_HINT.test(line);
  const maybePlain = PLAIN_HINTS.some((h) => line.includes(h));
  if (!maybeSpaced && !maybePlain) return null;
  const s = maybeSpaced ? SPACED_MARKING.exec(line) : null;
  const spacedHit = s ? accept(line, s.index, s[0], false) : null;
  let plainHit: MarkingMatch | null = null;
  if (!maybePlain) return spacedHit;
  PLAIN_MARKING_ALL.lastIndex = 0;
  for (let m = PLAIN_MARKING_ALL.exec(line); m; m = PLAIN_MARKING_ALL.exec(line)) {
    plainHit = accept(line, m.index, m[0], true);
    if (plainHit) break;
  }
  if (spacedHit && plainHit) return spacedHit.index <= plainHit.index ? spacedHit : plainHit;
  return spacedHit ?? plainHit;
}
