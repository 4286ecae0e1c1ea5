import { isClassificationLine, isPageBreakLine, isRuleLine } from "../layout-lines.js";

/**
 * What may follow the signature at the end of a body: repeated classification, `SIPDIS`, `NNNN`,
 * page headers, review stamps (`Declassified/Released US Department of State EO Systematic
 * Review 30 JUN 2006`, split over two lines or not), `NOTE BY OC/T ...`, the WikiLeaks footer
 * `> 2002ROME01196 - Classification: CONFIDENTIAL`, `End Cable Text`, markup remnants and lines of
 * punctuation. None of these is the cable's own text.
 */
const TRAILER_LINE = new RegExp(
  [
    /^\s*$/.source,
    /^[\W_]*$/.source, // `.`, `"`, `/`, `...`, `>`, `##`, `*****`
    /^\s*(?:Declassified|DECLASSIFIED)\b/.source,
    /\bSystematic\s+Review\b/.source,
    /^\s*(?:US\s+)?Department\s+of\s+State\s+EO\b/i.source,
    /^\s*Review\s+\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}\s*$/i.source,
    /^\s*NOTE\s+BY\s+OC\/?T\b/i.source,
    /\bClassification:\s*[A-Z]/.source,
    /^\s*(?:END\s+(?:OF\s+)?CABLE(?:\s+TEXT)?|End\s+Cable\s+Text)\W*$/i.source,
    /CABLE\s+ENDS/.source,
    /\bMissing\s+Section\b/i.source,
    /^\s*(?:<\/?[a-zA-Z][^>]*>\s*)+$/.source,
    /^\s*N{3,4}\s*$/i.source,
    // Page footers some posts put after the signature: `Visit Ankara's Classified Web Site at ...`.
    /^[\s"']*(?:Please\s+)?Visit\b.{0,60}\bWeb\s?site\b(?:\s*(?:at\b|:))*\s*(?:\S*(?:https?:|www\.|\.s?gov\b|[Xx]{4,})\S*)?\W*$/
      .source,
    /^\s*\S*(?:https?:\/\/|www\.|\.s?gov\b|Portal:)\S*\W*$/.source,
    /^\s*SELECT\s+\*\s+FROM\b/.source,
  ].join("|"),
  "i",
);

/** Copies of the Classified By line that web pages appended after the text, often cut (`Rea...`). */
const CUT_CLASSIFIED_BY = /^\s*Classified\s+By\b|\bRea(?:sons?)?\b.{0,40}\.\.\.\s*$/i;
const SHORT_TRAILER = 160;

/** Trailer lines are short; the test runs on the last lines of every body, SMART ones kilobytes long. */
const MAX_TRAILER_LINE = 200;

export function isTrailerLine(line: string): boolean {
  if (line.length > MAX_TRAILER_LINE) return false;
  return (
    TRAILER_LINE.test(line) ||
    (line.length <= SHORT_TRAILER && CUT_CLASSIFIED_BY.test(line)) ||
    isClassificationLine(line) ||
    isPageBreakLine(line) ||
    isRuleLine(line)
  );
}

/**
 * Tokens the copy glued after the signature on its line (`HOAGLAND NNNN`, `WOOD \`, `MULFORD "`,
 * `GILLESPIE##`, `GRAY .` keeps its dot for the caller). Walks back from the end rather than
 * using a regex: a `(x+|y)+$` pattern backtracks without end on lines of aligned table columns.
 */
const JUNK_CHARS = new Set([..." \t\r\"'“”|>\\#*_~,"]);
/** A date a database export glued after the signature (`BURNS\t2006-03-31`). */
const GLUED_DATE = /\s\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?\s*$/;
const JUNK_WORDS = ["NNNN", "NNN", "SIPDIS", "BT"];

/**
 * What a web copy glued after the signature on its line: the WikiLeaks footer (`HALL
 * 2004ROME02926 - Classification: CONFIDENTIAL`), `End Cable Text` (`SCOBEY End Cable Text`), a
 * `\v` escape (`NORLAND \v`).
 */
const GLUED_FOOTER =
  /\s+(?:\d{4}[A-Z]{3,}\d{3,}\s*-\s*(?:Classification:\s*)?[A-Z][A-Z /]*\W*|End\s+Cable\s+Text\W*|=*\s*CABLE\s+END\W*|\\v)$/i;

/** A trailer line that carries the signature before its footer (`HALL 2004ROME02926 - ...`). */
export function signedTrailer(line: string): boolean {
  if (line.length > MAX_TRAILER_LINE || !GLUED_FOOTER.test(line)) return false;
  const before = line.replace(GLUED_FOOTER, "").trim();
  return /^[A-Za-z][A-Za-z'’ -]{1,40}$/.test(before) && !isTrailerLine(before);
}

export function stripTrailingJunk(raw: string): string {
  const dated = raw.length > 40 ? raw.slice(-40) : raw;
  let line = GLUED_DATE.test(dated) ? raw.replace(GLUED_DATE, "") : raw;
  const tail = line.length > 80 ? line.slice(-80) : line;
  if (GLUED_FOOTER.test(tail)) line = line.replace(GLUED_FOOTER, "");
  let end = line.length;
  for (;;) {
    while (end > 0 && JUNK_CHARS.has(line[end - 1]!)) end--;
    const word = JUNK_WORDS.find(
      (w) => line.endsWith(w, end) && (end === w.length || /\s/.test(line[end - w.length - 1]!)),
    );
    if (!word || end === word.length) return line.slice(0, end);
    end -= word.length;
  }
}

/**
 * The SMART trailer (spec §4.11): after the signature, `0 03/13/2008 9871 PGOV,PREL,LY SUBJECT
 * summary...`, sometimes followed by a copy of another cable. Everything from it on is not the
 * cable's text. Returns its offset or -1.
 */
const SMART_TRAILER =
  /0 \d{1,2}\/\d{1,2}\/(?:19|20)\d\d(?: \d{1,7} [A-Z][A-Z0-9-]+(?=[,\s]|$)|[ \t.]*(?:\n|$))/y;

export function smartTrailerStart(text: string): number {
  // indexOf first: a regex scan of every position costs more than the rest of the parse.
  for (let i = text.indexOf("0 "); i >= 0; i = text.indexOf("0 ", i + 2)) {
    const before = i === 0 ? " " : text[i - 1]!;
    if (before !== " " && before !== "\t" && before !== "\n") continue;
    SMART_TRAILER.lastIndex = i;
    if (SMART_TRAILER.test(text)) return i;
  }
  return -1;
}
