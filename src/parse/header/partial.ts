/**
 * The WikiLeaks partial-extract notice (spec §5). It is the source's remark, not telegram text: it
 * sets `partial` and never reaches the body. In one-text copies it runs straight into the first line
 * of the cable (`...is not available.C O N F I D E N T I A L WELLINGTON 000555`).
 */

const NOTICE =
  /This record is a partial extract of the original cable\.?[ \t]*(?:\r?\n[ \t]*)?(?:The full text of the original cable is not available\.?)?/i;

/** How far into a text the notice may sit (a blank line or two, at most a title line, before it). */
const WINDOW = 600;

export interface PartialCut {
  partial: boolean;
  /** The text without the notice. */
  text: string;
}

/** Removes the notice from the start of `text` (or from anywhere in a separate header block). */
export function cutPartialNotice(text: string, anywhere = false): PartialCut {
  const region = anywhere ? text : text.slice(0, WINDOW);
  const m = NOTICE.exec(region);
  if (!m) return { partial: false, text };
  return { partial: true, text: text.slice(0, m.index) + text.slice(m.index + m[0].length) };
}
