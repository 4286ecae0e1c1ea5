/**
 * Whether the line above a lone last word ended the text (so the word is a signature) rather than
 * wrapping onto it. Two forms the copies show: a hard-wrapped paragraph whose last line stops short
 * with its full stop lost (`… aired in the Spanish media` / `Aguirre`, 07MADRID545), and a page
 * footer glued to the end of a run-together paragraph (`… Visit London's Classified Website:
 * XXXXXXXXXXXX e` / `Susman`, 09LONDON2639).
 */

const PROSE = /[A-Za-z]{3}.*[A-Za-z]{3}.*[A-Za-z]{3}/;
/** The embassy's page footer, its address redacted or broken, at the end of a line of text. */
const GLUED_FOOTER = /\bClassified\s+Website\s*:[^.!?]{0,80}$/i;
/** A line longer than this is a run-together paragraph, not a hard-wrapped line. */
const WRAPPED_MAX = 100;
/** Wrapped lines looked at to find the width the text wraps at. */
const WRAP_LINES = 6;

export function footerEnds(line: string): boolean {
  return GLUED_FOOTER.test(line.slice(-140));
}

/**
 * The width the text above wraps at: the longest of the few lines before `lines[0]`, or 0 when
 * they are too few or not hard-wrapped (then nothing can be told from a short line).
 */
export function wrapWidth(lines: readonly (string | null)[]): number {
  let width = 0;
  let seen = 0;
  for (const line of lines) {
    if (line === null || seen >= WRAP_LINES) break;
    const t = line.trimEnd();
    if (t === "") continue;
    if (t.length > WRAPPED_MAX) return 0;
    width = Math.max(width, t.length);
    seen++;
  }
  return seen >= 3 ? width : 0;
}

/**
 * Room asked beyond the word itself: a sentence wrapped onto its last word would carry its full
 * stop, and a copy cut off mid-word shows only a prefix (`… to the Legislative` / `Assembl`,
 * 10SANJOSE90, fills its line to the wrap width with the word's last letter still missing).
 */
const SLACK = 2;

/**
 * A paragraph ended at `above`: it is running text, and a word of `word` characters would still
 * have fitted on it within the wrap width, so the word below was not wrapped onto a new line.
 */
export function paragraphEnded(above: string, word: number, wrap: number): boolean {
  const t = above.trimEnd();
  return wrap > 0 && word > 0 && PROSE.test(t) && t.length + 1 + word + SLACK <= wrap;
}
