import { cleanName, isBareName, nameInSegment, type Segment, SUFFIX } from "./segment-name.js";
import { isTitleWord, opensOfficeSegment } from "./titles.js";

/**
 * The classifier's name(s) and title from the "who" part of a Classified By line — the text between
 * the marker and the reasons: `CDA Mark Asquino`, `CHRISTOPHER W.S. ROSS, AMBASSADOR`, `Charge
 * d'Affaires, a.i., Arnold A. Chacon`, `AF KARL WYCOFF, ACTING AND S/CT DAS SHARI VILLAROSA`,
 * SMART's `Stepheson, Barbara J, Ambassador, State, EXEC`.
 *
 * The text is cut into segments at commas, semicolons, colons, dashes and `and`; each segment
 * may end in a name (segment-name.ts). Names are kept as written (case, `0` for `O`, `JR.`).
 */

export interface Who {
  names: string[];
  title: string | null;
}

interface Candidate {
  name: string;
  tokens: number;
  segment: number;
  /** Offset of the name's first character in the who-text. */
  start: number;
  /** Offset just after the name in the who-text. */
  end: number;
  afterTitle: boolean;
  weak: boolean;
}

export function extractWho(who: string): Who {
  // Parentheses (`(acting)`, `(AI)`, `(G)`) are blanked, not removed, to keep offsets.
  let text = who.replace(/\([^)]*\)/g, (m) => " ".repeat(m.length));
  // Quotes around a nickname (`A. "Hoot" Baez`) are no part of a word.
  if (/["“”]/.test(text)) text = text.replace(/["“”]/g, " ");
  // A comma typed for an apostrophe (`Daniel O,Grady`), and for the full stop of a middle initial
  // before the surname (`Luis G, Moreno, Reason`): one name, not two segments.
  text = text
    .replace(/\b([A-Z]),(?=[A-Z][a-z])/g, "$1'")
    .replace(/\b([A-Z][a-z]+ [A-Z]),(?= ([A-Z][a-z]+)\b)/g, (m, head: string, next: string) =>
      isTitleWord(next) ? m : `${head}.`,
    );
  // A partial extract cuts the line off (`AMBASSADOR ROLAND ARN...`): the cut word is dropped. A
  // word closed by a comma before the dots is whole (`AMB JOHN E. HERBST,...`, 00TASHKENT4223).
  const truncated = /\.{3,}/.test(text);
  text = text.replace(/[^\s,;:]*\.{3,}.*$/s, (m) => " ".repeat(m.length));
  text = text.replace(/[\s,;:-]+$/, (m) => " ".repeat(m.length));
  const mixedCase = /[a-z]/.test(text);
  // A line typed all in lower case (`com jonathan farrar`) is read as if in capitals.
  const shape = /[A-Z]/.test(text) ? text : text.toUpperCase();
  const segments = splitSegments(shape);
  const candidates =
    lastCommaFirst(shape, segments) ??
    segmentCandidates(text, shape, segments, mixedCase && shape === text);
  // A second person is named after a title of their own (`..., ACTING AND S/CT DAS SHARI
  // VILLAROSA`); words after `for` in a later segment are an office (`Counselor for Nuclear Policy`).
  const several = candidates.filter((c) => c.tokens > 1);
  const strong = several.filter((c) => !c.weak);
  const multi = (strong.length > 0 ? strong : several).filter((c, i) => i === 0 || c.afterTitle);
  let chosen = multi.length > 0 ? multi : candidates.slice(0, 1);
  // The one-word stub of a line cut off by a partial extract (`CLASSIFIED BY: Mark W...`) is no name.
  if (truncated && chosen.length === 1 && chosen[0]?.tokens === 1) chosen = [];
  const first = chosen[0];
  return {
    names: chosen.map((c) => c.name),
    title: first ? titleAround(text, segments, first) : titleOnly(text),
  };
}

function segmentCandidates(
  text: string,
  shape: string,
  segments: Segment[],
  mixedCase: boolean,
): Candidate[] {
  const out: Candidate[] = [];
  segments.forEach((seg, i) => {
    if (i > 0 && !seg.afterAnd && opensOfficeSegment(seg.text.split(/\s+/)[0] ?? "")) return;
    const c = nameInSegment(seg, mixedCase);
    if (!c) return;
    const start = seg.start + c.start;
    const end = start + c.name.length;
    const name = shape === text ? c.name : cleanName(text.slice(start, end));
    out.push({
      name,
      tokens: c.tokens,
      segment: i,
      start,
      end,
      afterTitle: c.afterTitle,
      weak: c.weak,
    });
  });
  return out;
}

/**
 * SMART lines may write the name surname first: `Stepheson, Barbara J, Ambassador, ...`,
 * `Berliner,Nicholas, PolEcon-Chief`. A lone name word, then a bare given name, then a title.
 */
function lastCommaFirst(text: string, segments: Segment[]): Candidate[] | null {
  const [a, b, c] = segments;
  if (!a || !b || !c || b.afterAnd || !text.slice(a.start + a.text.length, b.start).includes(","))
    return null;
  if (!isBareName(a, 1) || !isBareName(b, 2) || isBareName(c, 3)) return null;
  const name = cleanName(text.slice(a.start, b.start + b.text.length));
  const end = b.start + b.text.length;
  return [
    {
      name,
      tokens: 1 + b.text.split(/\s+/).length,
      segment: 1,
      start: a.start,
      end,
      afterTitle: false,
      weak: false,
    },
  ];
}

function splitSegments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /\s*(?:[,;:]|\s-{1,2}\s|\s(?:and|&)\s)\s*/gi;
  let last = 0;
  let afterAnd = false;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    pushSegment(out, text, last, m.index, afterAnd);
    afterAnd = /\band\b|&/i.test(m[0]);
    last = m.index + m[0].length;
  }
  pushSegment(out, text, last, text.length, afterAnd);
  // `SIMONS, JR.` / `Baltimore, III`: a suffix alone in its segment belongs to the one before.
  const merged: Segment[] = [];
  for (const seg of out) {
    const prev = merged[merged.length - 1];
    if (prev && SUFFIX.test(seg.text.trim())) {
      prev.text = text.slice(prev.start, seg.start + seg.text.length);
    } else merged.push(seg);
  }
  return merged;
}

function pushSegment(out: Segment[], text: string, from: number, to: number, afterAnd: boolean) {
  const raw = text.slice(from, to);
  const t = raw.trim();
  if (t) out.push({ text: t, start: from + raw.length - raw.trimStart().length, afterAnd });
}

/** The position written before the name in its line, else the segment right after the name. */
function titleAround(text: string, segments: Segment[], c: Candidate): string | null {
  const before = text
    .slice(0, c.start)
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:.-]+|[\s,;:-]+$/g, "")
    .replace(/\s+(?:by|for|of|to|and)$/i, "");
  if (before) return before;
  const next = segments.find((s) => s.start >= c.end);
  if (!next) return null;
  const t = next.text.replace(/\s+/g, " ").replace(/[\s,;:.-]+$/g, "");
  return t && !/\d/.test(t) ? t : null;
}

/** No name at all (`Classified By: Ambassador, reason 1.4`): the position written, if any. */
function titleOnly(text: string): string | null {
  const t = text.replace(/\s+/g, " ").replace(/^[\s,;:.-]+|[\s,;:.-]+$/g, "");
  if (!t) return null;
  return t.split(" ").some((w) => isTitleWord(w)) ? t : null;
}
