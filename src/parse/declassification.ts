import type { Declassification } from "../model/cable.js";
import { captionAreaEnd } from "./caption-area.js";
import type { BodyDoc } from "./doc.js";

/**
 * The E.O. line and its declassification instruction (spec §4.3, declassification-markers.csv):
 * `E.O. 12958: DECL: 09/10/2027`, `EO 12958 DECL: 2020/02/23`, `E.o. 12958: decl: 01/07/2014`,
 * `E.O. 12356: DECL: OADR`, `E.O. 11652: GDS`, `E.O. 12958: N/A`, glued to a passing instruction
 * before it or to TAGS/SUBJECT after it. Dates are month/day/year unless the year comes first.
 */

/** The order: `E.O.`/`EO`/`E.o.`/`E. O.`/`E.0.` (zero for O) and its number, typos included. */
const AUTHORITY = /E(?<![A-Za-z]E)[ \t]?\.?[ \t]?[Oo0]\.?[ \t]*\d{4,5}\b/;

/** A DECL instruction without an order in front (`DECL: 08/22/2017 AGS: ...`). */
const DECL_ONLY = /(?<![A-Za-z])(DECL)[ \t]*:/i;

/**
 * A declassification note standing alone where the E.O. line would be (`DECLASSIFIED BY NARA
 * 09/02/2009`): it records an act, not a deadline, so its date is not the declassification date.
 */
const DECLASSIFIED_NOTE = /^[ \t]*(DECLASSIFIED[ \t]+BY[ \t]+[^\n]*?)[ \t]*$/im;

/** What follows on the same line but is not part of the instruction, glued or not (`2019/12/24TAGS:`). */
const NEXT_ELEMENT =
  /[ \t]*(?:(?<![A-Za-z])(?:TAGS?|TAGE?S|TABS|TGS|AGS|SUBJ(?:ECT)?|REFS?|Classified[ \t]+By)\b[ \t]*[:;,]?|\bSUBJECT\b)/i;

const pad = (n: number) => String(n).padStart(2, "0");

/** Two-digit years: the declassification dates of 1960s-90s cables are 19xx from 61 on. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length >= 3) return n;
  return n > 60 ? 1900 + n : 2000 + n;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** `08 OCTOBER 2019`, `8 Oct. 2019`: a day, a month's name, a four-digit year. */
const NAMED_MONTH = /^(\d{1,2})[ \t]+([A-Za-z]{3,9})\.?,?[ \t]+(\d{4})(?!\d)/;

/** Date of the instruction (`DECL: 3/13/2018` → 2018-03-13), or null for N/A, OADR, X1, events. */
export function deadlineOf(instruction: string, warnings: string[] = []): string | null {
  // The label may be typed twice or with a stray letter (`DECL: DECL: 06/09/2016`, `DECLl:`), or
  // follow the reasons (`1.4 (B) 1.4(D) DECLASSIFY 11/07/2018`).
  const label = /(?:^|[ \t])DECL(?:ASSIFY|[a-z])?\b(?:[ \t]+ON)?[ \t]*[:;.]?[ \t]*(?=\d)/i.exec(
    instruction,
  );
  let s = label ? instruction.slice(label.index + label[0].length) : instruction.trim();
  for (let i = 0; i < 2; i++) {
    s = s
      .replace(/^(?:DECL(?:ASSIFY|[a-z])?\b(?:[ \t]+ON)?)[ \t]*[:;.]?[ \t]*/i, "")
      .replace(/^(?:ON|GDS|RDS-\d|XDS-\d)[ \t]+/i, "");
  }
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/.exec(s);
  if (ymd) return isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const named = NAMED_MONTH.exec(s);
  if (named) {
    const month = MONTHS.indexOf(named[2]!.slice(0, 3).toUpperCase()) + 1;
    if (month > 0) return isoDate(Number(named[3]), month, Number(named[1]));
  }
  const mdy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)/.exec(s);
  if (!mdy) return null;
  const year = fullYear(mdy[3]!);
  const first = Number(mdy[1]);
  const second = Number(mdy[2]);
  const date = isoDate(year, first, second);
  if (date) return date;
  // Day written first by a drafter abroad (`31/12/2019`): unambiguous only when the day is > 12.
  const swapped = first > 12 ? isoDate(year, second, first) : null;
  if (swapped) warnings.push(`declassification date ${mdy[0]} read as day/month/year`);
  return swapped;
}

/** An instruction wrapped onto the line after `E.O. 12958:` (`DECL: 06/09/2015`, `N/A`). */
const WRAPPED_INSTRUCTION = /^[ \t]*(?:DECL\b|N\/?A\b|OADR\b|\d{1,4}\/)/i;

/** The rest of the line from `at`; the next line when the rest is empty and it holds the instruction. */
function lineAround(text: string, at: number): { rest: string } {
  const nl = text.indexOf("\n", at);
  const rest = text.slice(at, nl < 0 ? text.length : nl);
  if (nl < 0 || rest.replace(/[\s:;,.]/g, "") !== "") return { rest };
  const nl2 = text.indexOf("\n", nl + 1);
  const next = text.slice(nl + 1, nl2 < 0 ? text.length : nl2);
  return { rest: WRAPPED_INSTRUCTION.test(next) ? next : rest };
}

/** The instruction as written: up to the end of the line or a glued TAGS/SUBJECT. */
function instructionText(rest: string): string {
  const next = NEXT_ELEMENT.exec(rest);
  const text = next && next.index > 0 ? rest.slice(0, next.index) : rest;
  return text.replace(/^[ \t]*[:;,.]?[ \t]*/, "").replace(/[ \t\\]+$/, "");
}

/** First E.O. (or bare DECL) line in `text`. */
export function findDeclassification(
  text: string,
  warnings: string[] = [],
): Declassification | null {
  const a = AUTHORITY.exec(text);
  const d = a ? null : DECL_ONLY.exec(text);
  if (!a && !d) {
    const note = DECLASSIFIED_NOTE.exec(text);
    return note ? { authority: null, date: null, text: note[1]! } : null;
  }
  if (a) {
    const { rest } = lineAround(text, a.index + a[0].length);
    const instruction = instructionText(rest);
    return {
      authority: a[0].replace(/\s+/g, " ").trim(),
      date: deadlineOf(instruction, warnings),
      text: instruction,
    };
  }
  const { rest } = lineAround(text, d!.index);
  const instruction = instructionText(rest);
  return { authority: null, date: deadlineOf(instruction, warnings), text: instruction };
}

/** The E.O./DECL line of the caption area (or, failing that, of the opening of the text). */
export function parseDeclassification(doc: BodyDoc): Declassification | null {
  const end = captionAreaEnd(doc);
  let within = end;
  let found = findDeclassification(doc.text.slice(0, end), doc.warnings);
  if (!found && end < DECL_WINDOW) {
    // A search window, not a cap on the value: it runs on to the end of the line it falls in, so
    // a DECL line straddling it is read whole.
    const nl = doc.text.indexOf("\n", DECL_WINDOW);
    within = nl < 0 ? doc.text.length : nl;
    found = findDeclassification(doc.text.slice(0, within), doc.warnings);
  }
  if (!found && EO_LINE_START.test(doc.text.slice(within, within + DECL_WINDOW))) {
    doc.warnings.push(
      `an E.O. line stands after the first ${within.toLocaleString("en")} characters, where the declassification is looked for: not read`,
    );
  }
  return found;
}

/** An E.O. caption line (not `… under E.O. 13382` in the text). */
const EO_LINE_START =
  /(?:^|\n)[ \t]*(?:E\.?[ \t]?O\.?|EO)[ \t]*1\d{4}\b[ \t]*:?[ \t]*(?:DECL|N\/?A)/i;

/** Where the E.O./DECL line is looked for when the caption area ends early. */
const DECL_WINDOW = 2_500;
