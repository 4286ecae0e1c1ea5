/**
 * A backslash at the end of every line: newlines escaped by the database export behind some
 * WikiLeaks pages (07BERN881, 06BERN1686: `VZCZCXRO4549\` ␤ `OO RUEHRG\` ...). A single line ending
 * in a backslash is left alone; only a copy where most lines carry one is repaired.
 */

const LINE_END_BACKSLASH = /\\(?=\n|$)/g;

export function removeEscapedNewlines(text: string): { text: string; count: number } {
  if (!text.includes("\\")) return { text, count: 0 };
  const marked = text.match(LINE_END_BACKSLASH)?.length ?? 0;
  if (marked < 3) return { text, count: 0 };
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text[i - 1] !== "\n") lines++;
  }
  if (marked * 2 < lines) return { text, count: 0 };
  return { text: text.replace(LINE_END_BACKSLASH, ""), count: marked };
}
