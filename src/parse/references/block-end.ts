import { knownStation } from "../../reference/stations.js";

/**
 * Where a REF block ends: at `Classified By`, a paragraph or summary start, a handling sentence
 * (`SENSITIVE BUT UNCLASSIFIED`, `PLEASE PROTECT ACCORDINGLY`), a header glued after it, or a
 * blank line after the last item — unless what follows the blank line continues the block.
 */

const MARKING =
  "(?:U|C|S|TS|SBU|[CS]\\/\\/?NF|SBU\\/\\/?NF|U\\/\\/FOUO|[CS]\\/\\/?REL[^)\\n]{0,30})";
/** What follows `1.` inside a line when it opens the first paragraph: `(C)`, `In response`. */
const PARA1_INLINE_AFTER = new RegExp(`(?:[ \\t]{0,3}\\(${MARKING}\\)|[ \\t]*[A-Z][a-z])`, "y");

/**
 * Offset of the first numbered paragraph in text[from, to): `1.` opening a line (then a space or
 * a marking), or inside unwrapped text `1. (C)`, `1.  In response`, `1.The following`. Found with
 * indexOf: this bounds every search, so it must not cost a regex scan of the whole body.
 */
export function firstParagraph(text: string, from = 0, to = text.length): number {
  for (let i = text.indexOf("1.", from); i >= 0 && i < to; i = text.indexOf("1.", i + 2)) {
    let j = i - 1;
    while (j >= from && (text[j] === " " || text[j] === "\t" || text[j] === "¶")) j--;
    const atLineStart = j < from ? from === 0 || text[from - 1] === "\n" : text[j] === "\n";
    const next = text[i + 2];
    if (atLineStart && (next === " " || next === "\t" || next === "(")) return i;
    if (j < i - 1 || atLineStart) {
      PARA1_INLINE_AFTER.lastIndex = i + 2;
      if (PARA1_INLINE_AFTER.test(text)) return i;
    }
  }
  return -1;
}

const STOP_ANY_CASE = new RegExp(
  [
    /Classified[ \t]+by\b/,
    /\bSENSITIVE[ \t]*-?[ \t]*BUT[ \t]*-?[ \t]*UNCLAS/,
    /\bPLEASE[ \t]+(?:PROTECT|HANDLE|TREAT)\b/,
    /\bTHIS[ \t]+(?:MESSAGE|CABLE|TELEGRAM)[ \t]+(?:IS|HAS|WAS|CONTAINS|REQUESTS)\b/,
    /\bTHIS[ \t]+IS[ \t]+AN?[ \t]+(?:ACTION|INFORMATION)\b/,
    /\bNOT[ \t]+FOR[ \t]+(?:INTERNET|PUBLIC)\b/,
    /\b(?:BEGIN[ \t]+)?SUMMARY[ \t]*[:.-]/,
    /^[ \t-]*(?:BEGIN[ \t]+)?SUMMARY\b/,
    /^[ \t]*(?:ACTION|INFORMATION)[ \t]+(?:REQUEST|MESSAGE)\b/,
    // A transmission header glued after the block.
    /\bVZCZC|^[ \t]*(?:DE[ \t]+RUE|ZNY[ \t]|ZNR[ \t])/,
  ]
    .map((r) => r.source)
    .join("|"),
  "i",
);

const STOP_CASED = new RegExp(
  [
    /\bE\.[ \t]?O\.[ \t]?1\d{4}\b/,
    /(?:^|[^(\w])(?:TAGS|SUBJECT|SUBJ)[ \t]?:/,
    // A date-time group (`P 171259Z JUN 09`) of a header glued after the block.
    /\b(?:[ZOPR][ \t]+){1,2}\d{6}Z[ \t]+[A-Z]{3}[ \t]+\d{2}/,
    /-{4,}|_{4,}/,
    // A portion-marked sentence, or a marking after a citation: the text has started.
    /\((?:SBU|U|TS|[CS]\/NF|SBU\/NF)\)[ \t]+[A-Z][a-z]+[ \t,]/,
    /\d[ \t]*\((?:U|SBU|TS|LOU|[CS]\/\/?NF|SBU\/\/?NF|U\/\/FOUO)\)/,
    // `id: 166149`, `date: ...`: a record dump, never a reference.
    /^[a-z]{2,12}:[ \t]/,
  ]
    .map((r) => r.source)
    .join("|"),
);

/** Offset in the line where the block ends, or the line's length when it goes on. */
export function blockEnds(line: string): number {
  let end = line.length;
  const para = firstParagraph(line);
  if (para >= 0) end = para;
  for (const stop of [STOP_ANY_CASE, STOP_CASED]) {
    const m = stop.exec(line);
    // Some stops match a character before the marker (`1234 (U)`, ` TAGS:`); cut at the marker.
    if (m) end = Math.min(end, m.index + m[0].search(/[^\d\s,.;]/));
  }
  return end;
}

/** Copy debris a line may still carry: `¶`, `[B](#)` links, `<br>`, a `\` line end. */
export function cleanLine(line: string): string {
  if (!/[\\¶<[\r]/.test(line)) return line;
  return line
    .replace(/[ \t]*\\[ \t]*$/, "")
    .replace(/\[([A-Za-z0-9]{1,2})\]\(#\)/g, "$1")
    .replace(/<br\s*\/?>/gi, "")
    .replace(/¶/g, " ")
    .replace(/\r/g, "");
}

const LABEL_IN_TEXT = /(?:^|[\s;,])[([]?([A-Z])(?:[.:](?=\s|$)|[)\]])/gi;
const LABEL_AT_LINE_START = /^[ \t-]*(?:REF[ \t]*)?[([]?([A-Za-z])(?:[.):\]]|[ \t]+-[ \t])/;

/**
 * After a blank line the block goes on only with the next enumerator, or with the rest of an
 * item cut in two (`(B) Rio de Janeiro␤␤00723`, `C) RIO␤␤DE JANEIRO 1291`, `D)␤␤Taipei 03196`).
 * When the keyword's line was empty, the first line after it opens the block if it reads like
 * an item rather than prose.
 */
export function continuesAfterBlank(sofar: string, next: string): boolean {
  const done = sofar.trimEnd();
  if (done.trim() === "") return /^[ \t-]*(?:[([]?[A-Za-z][.):\]]|\d|[A-Z]{2,}\b)/.test(next);
  if (incomplete(done)) return true;
  const m = LABEL_AT_LINE_START.exec(next);
  // Only the next letter continues: a repeated one after a blank line is a marking, `(C) FCO…`.
  return m ? m[1]!.toUpperCase() === nextLabel(done) : false;
}

/** The enumerator that would come next after the text so far (`A` when it has none). */
function nextLabel(done: string): string {
  let last: string | null = null;
  for (const l of done.matchAll(LABEL_IN_TEXT)) last = l[1]!.toUpperCase();
  return last === null ? "A" : String.fromCharCode(last.charCodeAt(0) + 1);
}

/** The text so far stops mid-item: on an enumerator, a connector, or a station without serial. */
function incomplete(done: string): boolean {
  const open = /(?:^|[\s;,([])[([]?([A-Za-z])[.):\]]$/.exec(done);
  if (open) {
    // `D)` waiting for its citation; `STATE 109397 (U)` is a marking, not an enumerator.
    const before = done.slice(0, done.length - open[0].trimStart().length);
    return open[1]!.toUpperCase() === nextLabel(before);
  }
  if (/(?:[,;&:/-]|\bAND|\band)$/.test(done)) return true;
  let lastDigit = done.length - 1;
  while (lastDigit >= 0 && !(done[lastDigit]! >= "0" && done[lastDigit]! <= "9")) lastDigit--;
  const tail = done.slice(lastDigit + 1);
  const words = tail
    .replace(/[([]?\b[A-Za-z][.):\]](?=\s|$)/g, " ")
    .trim()
    .split(/\s+/)
    .filter((w) => /^[A-Za-z'.-]+$/.test(w));
  // Only a bare station: `2004 HUMAN RIGHTS REPORT FOR PANAMA` is complete.
  return words.length > 0 && words.length <= 4 && knownStation(words.join(" ")) !== null;
}
