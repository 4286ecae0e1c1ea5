/**
 * The SMART trailer (spec §4.11): some 2008-10 cables end, after the signature, with
 * `0 03/13/2008 9871 PGOV,PREL,PHUM,PINR,LY DETAINED HUMAN RIGHTS ACTIVIST FATHI EL-JAHMI "RELEASED"
 * Reports by ...` — a zero, a date, a number, the TAGS joined by commas, the subject in capitals,
 * then the summary again in ordinary case. The subject is the run of words without a lower-case
 * letter; it is the only subject such a cable has when its body lost the SUBJECT line.
 */

const TRAILER =
  /(?:^|\s)0 \d{1,2}\/\d{1,2}\/\d{4} \d{1,7} [A-Z][A-Z0-9]{1,7}(?:,[A-Z][A-Z0-9]{1,7})* +/g;

/** The trailer sits at the very end; its summary copy is rarely longer than this. */
const TAIL = 12_000;

export function smartTrailerSubject(text: string): string | null {
  const from = Math.max(0, text.length - TAIL);
  const tail = from ? text.slice(from) : text;
  TRAILER.lastIndex = 0;
  let last: RegExpExecArray | null = null;
  for (let m = TRAILER.exec(tail); m; m = TRAILER.exec(tail)) last = m;
  if (!last) return null;
  const rest = tail.slice(last.index + last[0].length);
  const words: string[] = [];
  for (const w of rest.split(/[ \t]+/)) {
    if (w.includes("\n")) {
      const head = w.slice(0, w.indexOf("\n"));
      if (head && !/[a-z]/.test(head)) words.push(head);
      break;
    }
    if (/[a-z]/.test(w) || words.length >= 40) break;
    words.push(w);
  }
  // The summary may open with a marking or a lone capital (`(C)`, `A`) that is not the subject's.
  while (
    words.length > 1 &&
    /^(?:\([A-Z/]{1,8}\)|[A-Z]|[^A-Z0-9]*)$/.test(words[words.length - 1] ?? "")
  ) {
    words.pop();
  }
  const subject = words.join(" ").trim();
  return /[A-Z]{2}/.test(subject) ? subject : null;
}
