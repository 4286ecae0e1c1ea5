/**
 * What may stand before the summary's first word once its span is cut out: the label itself
 * (`Summary:`, `SUMMARY` without a colon, `Summary.`), a portion marking (`(C)`, `C)` with its
 * bracket lost, `(SBU)`), a paragraph number (`1.`, `1)`, `1,`) — in any order and repeated
 * (`1) (U) Summary. On July 12…`, `C)Summary: Lega Nord…`). None of it is the author's summary.
 * A combined label goes whole (`SUMMARY, COMMENT, AND ACTION REQUEST:`). `Summary of the talks`
 * and `Summary from the NAC meeting:` are text and stay.
 */
const LEAD =
  /^(?:¶?\d{1,2}\s*[.,)](?=\s|\()\s*|\(?(?:U|C|S|SBU|TS|LOU|FOUO)(?:\s*\/{1,2}\s*[A-Z]{1,8})?\)\s*|summ?a?r?y\b(?:[ \t]*(?:,|&|\/|and\b)[ \t]*(?:and[ \t]+)?(?:comments?|action[ \t]+requests?|introduction|recommendations?|conclusions?|analysis|background|outlook)\b)*(?![ \t]+(?:of|from|for|and|to)\b)(?![ \t]*[,&/])[ \t]*(?:[:.\-—][ \t]*)*)/i;

export function dropSummaryLead(text: string | null): string | null {
  if (text === null) return null;
  let s = text;
  for (let i = 0; i < 4; i++) {
    const m = LEAD.exec(s);
    if (!m || m[0].length === 0) break;
    s = s.slice(m[0].length).trimStart();
  }
  return s || null;
}

/**
 * Paragraph 1 glued to the line before it (`…REASON: 1.4 (b), (d) 1.  (C)  Summary: In two…`,
 * 08TRIPOLI526): `1.` and an optional marking right before the label, after a blank.
 */
const GLUED_ONE = /\s¶?1\s*\.\s*(?:\([A-Za-z/ -]{1,20}\)\s*)?$/;

export function gluedParagraphOne(text: string, at: number): boolean {
  return GLUED_ONE.test(text.slice(Math.max(0, at - 30), at));
}
