/**
 * Cables forwarded by e-mail (08TRIPOLI642, 09TRIPOLI63): the copy opens with `From:`/`Sent:`/
 * `To:`/`Subject:` lines, and the body may have no SUBJECT line of its own. The e-mail's subject
 * carries the cable's, after the telegram's own identification: station, eight-digit serial,
 * precedence, classification, date — `TRIPOLI 00000063 P CO 28-JAN-09 RISKY BUSINESS? …
 * [8466936]` — and before the message number in brackets (issue 8, class 5).
 */

/** How far into the record the e-mail's lines may stand (they precede the transmission header). */
const HEAD = 2_000;
const SENT_LINE = /(?:^|\n)Sent:[^\n]*\n(?:(?:To|Cc):[^\n]*\n)*Subject:[ \t]*/;
/** Station, serial, precedence letter, classification code, DD-MON-YY. */
const IDENTIFICATION =
  /^[A-Z][A-Z .'-]{1,30}?\s+\d{5,8}\s+[A-Z]{1,2}\s+[A-Z]{1,3}\s+\d{1,2}-[A-Z]{3}-\d{2}\s+/;
const MESSAGE_NUMBER = /\s*\[\d{4,10}\]\s*$/;

/** The subject text of an e-mail forward's `Subject:` line (wrapped lines joined), or null. */
export function forwardedSubject(raw: string): string | null {
  const head = raw.slice(0, HEAD);
  const m = SENT_LINE.exec(head);
  if (!m) return null;
  const rest = head.slice(m.index + m[0].length);
  const blank = rest.search(/\n[ \t]*\n/);
  return telegramSubject(blank < 0 ? rest : rest.slice(0, blank));
}

/**
 * The subject in a forward's `Subject:` text (`TRIPOLI 00000063 P CO 28-JAN-09 RISKY …
 * [8466936]`), or null when the text does not open with the telegram's identification. Also used
 * where the e-mail lines stayed in the body and its `Subject:` is the first label found.
 */
export function telegramSubject(raw: string): string | null {
  const line = raw.replace(/\s+/g, " ").trim();
  const id = IDENTIFICATION.exec(line);
  if (!id) return null;
  const text = line.slice(id[0].length).replace(MESSAGE_NUMBER, "").trim();
  return text === "" ? null : text;
}
