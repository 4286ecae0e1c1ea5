/**
 * Line-break tags printed as text: a few mirror copies (09LAPAZ96, 09MALABO48, 09TRIPOLI475) carry
 * the page's `<br>` literally, at line ends, on lines of their own, or (where the copy joined two
 * lines) between words. The line break is there already at a line end; elsewhere the tag stands for
 * one. A cable's own text never holds the tag (issue 8, class 11).
 */

const BR = /[ \t]*<br[ \t]*\/?>[ \t]*(\n|$)?/gi;

export function removeBreakTags(text: string): { text: string; count: number } {
  if (!text.includes("<br") && !text.includes("<BR")) return { text, count: 0 };
  let count = 0;
  const out = text.replace(BR, (_whole, eol: string | undefined) => {
    count++;
    return eol === undefined ? "\n" : eol;
  });
  return { text: out, count };
}
