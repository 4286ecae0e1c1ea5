/**
 * Classification reasons of a "Classified By" line, normalised to `1.4(b)`-style codes (spec §4.7):
 * `1.4 (b) and (d)`, `1.4(b), (d)`, `1.4 (b,d)`, `1.4 b/d`, `1.5 B,D`, `1.5.D`, `1.4 (b+d)`,
 * `REASONS: 1.5 (B), (C) AND (D)`, and the wrap damage `1. 4`, `1 .4`, `( b)`, `(d )`.
 */

/** Section number `1.4`/`1.5` (E.O. 12958), with the separators copies damage (`1. 4`, `1,4`, `1/4`). */
const SECTION = /1\s*[.,/]\s*([2-6])(?!\d)/y;
/** `(a)(4)` after section 1.3 of E.O. 12356. */
const EO_12356 = /\s*\(?\s*[aA]\s*\)?\s*\(?\s*(\d{1,2})\s*\)?/y;
/** A section missing its second digit (`REASONS 1 (B)`): the letters still count. */
const BARE_ONE = /1\s*(?=\()/y;
/** One reason letter, bare or in parentheses; never the first letter of a word. */
const LETTER = /\(?\s*([a-hA-H])\s*\)?(?![A-Za-z0-9])/y;
const JOINER = /(?:\s*(?:,|\/|&|\+|;|\ba\s*nd\b|\bor\b)\s*)+|\s+|(?<=\))(?=\()/iy;
/** Where a reason clause starts: a section number, not part of a longer number (`12958`). */
const SECTION_START = /(?<![\d.])1\s*[.,/]\s*[2-6](?!\d)/g;

export interface ReasonScan {
  codes: string[];
  /** Offset just after the last character read (so callers can cut the line there). */
  end: number;
}

/** The first section number in `text[from, to)`, or -1. */
export function findSection(text: string, from: number, to: number): number {
  SECTION_START.lastIndex = from;
  const m = SECTION_START.exec(text);
  return m && m.index < to ? m.index : -1;
}

/**
 * Reads every `<section> <letters>` group from `from` on and stops at the first text that is
 * neither. `fallbackSection` applies to letters written without a section (`reasons b, d`).
 */
export function scanReasons(
  text: string,
  from: number,
  fallbackSection: string | null,
): ReasonScan {
  const codes: string[] = [];
  let pos = skipBlank(text, from);
  let end = from;
  for (let group = 0; group < 4; group++) {
    SECTION.lastIndex = pos;
    const sec = SECTION.exec(text);
    let section = fallbackSection;
    if (sec) {
      section = `1.${sec[1]}`;
      pos = SECTION.lastIndex;
      end = pos;
      // `1.5.D`: the dot between section and letter belongs to neither.
      if (text[pos] === ".") pos++;
    } else {
      if (group > 0) break;
      BARE_ONE.lastIndex = pos;
      if (BARE_ONE.exec(text)) pos = BARE_ONE.lastIndex;
    }
    if (section === "1.3") {
      // E.O. 12356 numbered its categories under 1.3(a): `1.3(a)(4)`, `1.3 (A) 5`.
      EO_12356.lastIndex = pos;
      const old = EO_12356.exec(text);
      if (!old) break;
      const code = `1.3(a)(${Number(old[1])})`;
      if (!codes.includes(code)) codes.push(code);
      pos = end = EO_12356.lastIndex;
      if (!join(text, pos)) break;
      pos = JOINER.lastIndex;
      continue;
    }
    const read = readLetters(text, pos);
    if (read.letters.length === 0) break;
    if (section) {
      for (const l of read.letters) {
        const code = `${section}(${l})`;
        if (!codes.includes(code)) codes.push(code);
      }
    }
    pos = end = read.end;
    // Another group follows only after a joiner (`1.4 (b) and 1.5 (d)`).
    if (!join(text, pos)) break;
    pos = JOINER.lastIndex;
  }
  return { codes, end };
}

function readLetters(text: string, from: number): { letters: string[]; end: number } {
  const letters: string[] = [];
  let pos = skipBlank(text, from);
  let end = from;
  let firstCase: boolean | null = null;
  let bareSpace = false;
  while (pos < text.length && letters.length < 8) {
    LETTER.lastIndex = pos;
    const m = LETTER.exec(text);
    if (!m || startsSentence(text, m[0], LETTER.lastIndex)) break;
    const letter = m[1] ?? "";
    const upper = letter === letter.toUpperCase();
    // `(b&d) (C) On March 30`: a letter in the other case after a mere space opens the next paragraph.
    if (bareSpace && firstCase !== null && upper !== firstCase) break;
    firstCase ??= upper;
    letters.push(letter.toLowerCase());
    pos = end = LETTER.lastIndex;
    // A period ends the list once a letter was read (`1.5 (D). NIACT PRECEDENCE ...`).
    if (text[pos] === ".") break;
    if (!join(text, pos)) break;
    bareSpace = /^\s+$/.test(text.slice(pos, JOINER.lastIndex));
    pos = JOINER.lastIndex;
  }
  return { letters, end };
}

/** A joiner at `pos` (then JOINER.lastIndex is past it); a blank line is never one. */
function join(text: string, pos: number): boolean {
  JOINER.lastIndex = pos;
  const j = JOINER.exec(text);
  return j !== null && !/\n[ \t]*\n/.test(j[0]);
}

/** A bare capital followed by a lower-case word is the next sentence (`(d) A meeting ...`). */
function startsSentence(text: string, match: string, after: number): boolean {
  return (
    /^[A-H]$/.test(match) &&
    /^\s+[a-z]/.test(text.slice(after, after + 3)) &&
    !/^\s+(?:and|or)\b/.test(text.slice(after, after + 6))
  );
}

function skipBlank(text: string, pos: number): number {
  let p = pos;
  while (p < text.length && /[\s:]/.test(text[p] ?? "")) p++;
  return p;
}
