/**
 * Where the text starts when paragraph 1 lost its number: run-together database rows whose first
 * paragraph opens mid-sentence right under the TAGS line (06BUENOSAIRES2711, 08BUENOSAIRES1305),
 * or paragraph 1 glued to the Classified-By line behind a bare marking (`… (d). -- (C) During a
 * November 3 meeting …`, 09CAIRO2133). The summary of such a cable, bounded by its `End summary`,
 * runs from there: everything between the last caption and that marker is the drafter's text.
 */

/**
 * A caption label: at a line start, or after a blank in run-together text (`… SIPDIS E.O. 12958:
 * DECL: 09/17/2028 TAGS: PREL …`). Upper case or as the Classified-By line writes it, so that `ref:`
 * in a sentence is not a caption.
 */
const CAPTION =
  /(?:^|[ \t])(?:TAGS?[ \t]*:|SUBJ(?:ECT)?[ \t]*:|REF(?:S|TEL)?[ \t]*:|(?:Classified|CLASSIFIED)[ \t]+(?:By|BY)[ \t]*:?|E\.[ \t]?O\.[ \t]?1\d{4}[ \t]*:)/gm;
/** A numbered paragraph: the text has started before it, so no caption after it counts. */
const NUMBERED =
  /(?:^|[ \t])¶?[ \t]*\d{1,2}[ \t]*\.[ \t]*\((?:U|C|S|SBU|TS|LOU)(?:\/\/?[A-Z]+)?\)/m;
/**
 * Paragraph 1 glued to the end of a caption sentence, its number lost or left as punctuation:
 * `(d). -- (C) During …`, `(d). (C) During …`.
 */
const GLUED_MARK =
  /[.)][ \t]+(?:-{1,3}|\.|1[ \t]*[.,)])?[ \t]*(\((?:U|C|S|SBU|TS|LOU)(?:\/\/?[A-Z]+)?\)[ \t]+)(?=[A-Z])/;
/** A caption's wrapped continuation: no lower-case letter (`ABOUL GHEIT`, `B. STATE 12345`). */
const CONTINUATION = /^[^a-z\n]*$/;

/** Start of the text before `endAt` when it follows the captions without a number, or -1. */
export function unnumberedTextStart(text: string, endAt: number): number {
  const numbered = NUMBERED.exec(text.slice(0, endAt));
  const bound = numbered ? numbered.index : endAt;
  let last = -1;
  for (const m of text.slice(0, bound).matchAll(CAPTION)) last = m.index + m[0].length;
  if (last < 0) return -1;
  let lineEnd = text.indexOf("\n", last);
  if (lineEnd < 0 || lineEnd > endAt) lineEnd = endAt;
  const glued = GLUED_MARK.exec(text.slice(last, lineEnd));
  if (glued) return last + glued.index + glued[0].length - glued[1]!.length;
  // Skip the caption's wrapped lines, up to a blank line, then the blank lines: the text opens on
  // the next line (in an all-capitals cable the blank line is what tells them apart).
  let start = lineEnd;
  let blank = false;
  while (start < endAt) {
    let next = text.indexOf("\n", start + 1);
    if (next < 0) next = text.length;
    const line = text.slice(start + 1, next);
    if (line.trim() === "") blank = true;
    else if (blank || !CONTINUATION.test(line)) break;
    start = next;
  }
  return start + 1 < endAt ? start + 1 : -1;
}
