import type { BodyDoc } from "./doc.js";
import { opensParagraph, opensSentence } from "./summary/label-position.js";
import { sectionText } from "./summary/section-text.js";

/**
 * The cable's last comment (spec §4.9): `Comment:` … `End comment.`; without an end marker, to the
 * end of that paragraph; under a `Comment` heading (or a label alone on its line), the paragraphs
 * that follow it up to the next heading or the signature.
 */

/**
 * A comment label stands where a sentence, a paragraph or a heading starts (`11.(C) Comment:`,
 * `(Comment: ...`, `... talks. Comment: ...`, `------- Comment -------`), never after other words
 * (`no comment.`, `Summary and Comment:`, `End comment.`), possibly after an opener (`Embassy
 * comment:`). `Comment continued` carries on the comment before it and does not start one.
 */
const OPENER =
  /(?:^|[\s(])((?:begin|embassy|embassy's|post|mission|consulate|usun|useu|usnato|department|dept|final|closing|overall|general|our)[ \t]+)$/i;
const LABEL_REST =
  /comments?(?![ \t]+continued)(?:[ \t]+and[ \t]+action[ \t]+requests?)?(?=[ \t]*(?:[-:.=—/]|\n|$))[ \t]*[-:.=—/]*/iy;
const END = /\bend\s+(?:of\s+)?(?:[A-Za-z']+\s+)?comments?\b/i;
/**
 * The paragraph a label opens ends at a blank line or at the next numbered paragraph; a blank line
 * before a lower-case word is the double spacing of some copies, not a paragraph end.
 */
const PARAGRAPH_END = /\n[ \t]*\n(?![ \t]*[a-z])|\n[ \t]*¶?[ \t]*\d{1,2}[ \t]*\.[ \t(]/;
/** A separator rule on its own line (`-------`, `- - - - -`). */
const RULE_LINE = /^[ \t]*(?:[-=_*][ \t]?){3,}[ \t]*$/;
/** The signature run onto the last sentence of an unwrapped cable (`... officials. CAULFIELD`). */
const SIGNATURE_TAIL = /(?<=[.!?"”)])\s+[A-Z][A-Z'’-]{2,}(?:\s+[A-Z][A-Z'’-]{2,})?\s*$/;

/**
 * Blocks read under a `Comment` heading before giving up on finding its end: a search bound, not a
 * cut of a value. The comment is a copy of body text, which stays whole whatever is taken here.
 */
const MAX_BLOCKS = 30;

export function parseComment(doc: BodyDoc): string | null {
  const text = doc.text;
  const from = lastLabelEnd(text);
  if (from < 0) return null;
  let rest = text.slice(from);
  const heading = headingEnd(rest);
  if (heading >= 0) rest = rest.slice(heading);
  const end = END.exec(rest);
  if (end) return sectionText(rest.slice(0, end.index));
  if (heading >= 0) {
    const under = underHeading(rest);
    if (under.capped) {
      doc.warnings.push(
        `comment section of more than ${MAX_BLOCKS} blocks under its heading: read up to there`,
      );
    }
    return sectionText(dropSignature(under.text));
  }
  const stop = PARAGRAPH_END.exec(rest);
  return sectionText(stop ? rest.slice(0, stop.index) : dropSignature(rest));
}

/**
 * When the label is a heading — alone on its line (`Comment␤-------`, `Comment and Action
 * Request:␤␤9. ...`), or naming a section between rules (`Comment: Prepare for the Challenge␤- - -`)
 * — the offset after the heading line and its rule; else -1.
 */
function headingEnd(rest: string): number {
  const nl = rest.indexOf("\n");
  if (nl < 0) return -1;
  const sameLine = rest.slice(0, nl);
  const nl2 = rest.indexOf("\n", nl + 1);
  const next = rest.slice(nl + 1, nl2 < 0 ? rest.length : nl2);
  const bare = /^[\s\-=_*/]*$/.test(sameLine);
  const titled =
    sameLine.trim().length <= 80 && !/[.:;!?]\s*$/.test(sameLine) && RULE_LINE.test(next);
  if (!bare && !titled) return -1;
  return RULE_LINE.test(next) ? (nl2 < 0 ? rest.length : nl2 + 1) : nl + 1;
}

function dropSignature(s: string): string {
  return s.replace(SIGNATURE_TAIL, "");
}

/**
 * The end of the last comment label in the body, or -1. Candidates come from forward `indexOf`
 * scans (far faster than a regex or `lastIndexOf` over a long body) and are checked from the last.
 */
function lastLabelEnd(text: string): number {
  const hits: number[] = [];
  // `omment`/`OMMENT`, found from `mment`/`MMENT`: a needle opening with `o` stops at every o.
  for (const [needle, o] of NEEDLES) {
    for (let i = text.indexOf(needle, 1); i >= 0; i = text.indexOf(needle, i + 5)) {
      if (text.charCodeAt(i - 1) === o) hits.push(i - 1);
    }
  }
  hits.sort((x, y) => y - x);
  for (const hit of hits) {
    const end = labelEndAt(text, hit - 1);
    if (end >= 0) return end;
  }
  return -1;
}

const NEEDLES: readonly [string, number][] = [
  ["mment", 0x6f],
  ["MMENT", 0x4f],
];

/** The end of a comment label whose word starts at `at`, or -1 when it is not one. */
function labelEndAt(text: string, at: number): number {
  if (at < 0 || (text[at] !== "c" && text[at] !== "C")) return -1;
  LABEL_REST.lastIndex = at;
  if (!LABEL_REST.exec(text)) return -1;
  const opener = OPENER.exec(text.slice(Math.max(0, at - 20), at));
  const start = at - (opener?.[1]?.length ?? 0);
  if (endsComment(text, start)) return -1;
  return opensParagraph(text, start) || opensSentence(text, start) ? LABEL_REST.lastIndex : -1;
}

/** `End comment`, also with the end marker split over two lines (`End␤comment.`). */
function endsComment(text: string, at: number): boolean {
  return /\bend\s+(?:of\s+)?$/i.test(text.slice(Math.max(0, at - 12), at));
}

/** The blocks under a heading, up to the next heading-like line or the signature. */
function underHeading(rest: string): { text: string; capped: boolean } {
  const blocks = rest.replace(/^[\s\-=_*/]+/, "").split(/\n[ \t]*\n(?![ \t]*[a-z])/);
  const taken: string[] = [];
  let stopped = false;
  for (const block of blocks.slice(0, MAX_BLOCKS)) {
    const b = block.trim();
    if (!b) continue;
    if (taken.length > 0 && isHeadingOrSignature(b)) {
      stopped = true;
      break;
    }
    taken.push(b);
  }
  const capped = !stopped && blocks.slice(MAX_BLOCKS).some((b) => b.trim() !== "");
  return { text: taken.join("\n\n"), capped };
}

function isHeadingOrSignature(block: string): boolean {
  if (block.includes("\n")) return false;
  if (/^(?:¶?\d{1,2}\s*\.|--?|[•*]|\(?[a-z0-9]\))/i.test(block)) return false;
  if (/^[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+){0,2}\.?$/.test(block)) return true;
  return block.length < 100 && !/[.:;!?"”)]$/.test(block);
}
