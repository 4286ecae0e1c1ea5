/**
 * Where a section label (`Summary`, `Comment`) may stand: opening a line, a numbered paragraph
 * (`1. (C) Summary:`), a marking, or a heading's rule (`------- SUMMARY -------`). Checked by
 * looking back from a candidate word found with a cheap search, because one big anchored regex
 * tried at every offset of a 60 KB body is far too slow.
 */

/**
 * Scraped copies may keep a link before the number (`[1](#). (C) Summary:`); it is tolerated, and
 * so are a comma typed for the period before a marking (`1, (C) Summary:`) and a number in
 * parentheses (`(1) SUMMARY:`). A marking the copy emptied stays a marker: punctuation left where
 * it stood (`¶1.  . Summary:`, 09BRASILIA1472) or empty brackets (`1. () Summary:`).
 */
const LINE_PREFIX =
  /^[ \t]*(?:\[[^\]\n]{0,4}\]\([^)\n]{0,24}\)\d{0,2}[ \t]*\.[ \t]*|¶?[ \t]*(?:\d{1,2}|[IVX]{1,4}|[A-H])[ \t]*\.[ \t]*(?:[.,;:][ \t]*)*|¶?[ \t]*\d{1,2}[ \t]*,[ \t]*(?=\()|\(\d{1,2}\)[ \t]*)?(?:\([A-Za-z/ -]{0,20}\)[ \t]*(?:[.,;:][ \t]*)*)?(?:[-=_*/]{2,}[ \t]*)?$/i;
const LOOK_BACK = 80;

/** `at` opens a line, a numbered paragraph, a marked paragraph or a heading rule. */
export function opensParagraph(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return at - lineStart <= LOOK_BACK && LINE_PREFIX.test(text.slice(lineStart, at));
}

/** `at` opens a sentence inside a paragraph (`... talks. Comment: ...`) or a parenthesis. */
export function opensSentence(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 4), at);
  return /[.!?"”)][ \t]{1,3}$|\($/.test(before);
}
