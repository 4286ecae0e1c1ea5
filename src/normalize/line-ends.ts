/**
 * Line ends and line-end whitespace: CRLF and lone CR become LF (copies made on Windows, the cp1252
 * PlusD conversions), so do the Unicode line and paragraph separators some copies use (06MEXICO2220:
 * `stable. \u2028\u2028\u2028MEXICO 00002220 002 OF 008`), and spaces or tabs at the end of a line go (the HTML copies keep the
 * printout's padding, `SIPDIS `, `THE HAGUE 00000596 002.2 OF 004 `), so that every later step can
 * rely on `\n` ending a line and on no invisible text before it.
 */

export function unifyLineEnds(text: string): { text: string; count: number } {
  if (!text.includes("\r") && !text.includes("\u2028") && !text.includes("\u2029")) {
    return { text, count: 0 };
  }
  let count = 0;
  const out = text.replace(/\r\n?|[\u2028\u2029]/g, () => {
    count++;
    return "\n";
  });
  return { text: out, count };
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

// A scan from line end to line end (single-character indexOf is the fast one) rather than a regex:
// a pattern anchored on "spaces before a line end" is tried at every space of the text, and that
// was the slowest step of normalisation.
export function trimLineEnds(text: string): { text: string; count: number } {
  // Built by concatenation: most copies pad every line, and a rope of slices is cheaper than an
  // array of them joined.
  let out = "";
  let count = 0;
  let pos = 0;
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf("\n", lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    let end = lineEnd;
    while (end > lineStart && isBlank(text.charCodeAt(end - 1))) end--;
    if (end < lineEnd) {
      out += text.slice(pos, end);
      pos = lineEnd;
      count++;
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (count === 0) return { text, count: 0 };
  return { text: out + text.slice(pos), count };
}

/**
 * Blank lines before the first and after the last line of text: what remains of a cut banner or
 * header, or of a copy's page margin. They hold no line of the cable, so they go without a warning.
 */
export function trimBlankEdges(text: string): string {
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) start = k + 1;
    else if (c !== 32 && c !== 9) break;
  }
  let end = text.length;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
