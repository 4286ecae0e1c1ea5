import { captionAreaEnd } from "./caption-area.js";
import type { BodyDoc } from "./doc.js";
import { cleanSubject } from "./subject/clean.js";
import { telegramSubject } from "./subject/email-forward.js";
import { smartTrailerSubject } from "./subject/smart-trailer.js";

/**
 * The SUBJECT line (spec §4.5): found in the caption area only, under any of its labels, followed
 * over its wrapped lines until the next element starts, cleaned to one line. Falls back to the
 * SMART trailer (spec §4.11) when the body has no label at all.
 */

export interface SubjectResult {
  /** Joined to one line, whitespace collapsed, leading marking removed; never "". */
  text: string;
  /** The portion marking written before it (`C/NF`), or null. */
  marking: string | null;
}

/**
 * Labels: `SUBJECT:`/`SUBJ:`/`Subject:` (also after other caption text on a run-together line),
 * `UBJECT:` with its first letter lost (08MANAMA117), and `SUBJECT` without a colon at a line start
 * (upper case only: a line starting "Subject to ..." is text). Candidates are found with a cheap
 * search for "ubj" and then checked in place.
 */
const UBJ = /ubj/gi;
/** At the candidate: the rest of the label and its colon, or (bare form) spaces and text. */
const COLON_AFTER = /^(?:ect)?[ \t]*:/i;
const BARE_AFTER = /^ECT[ \t]+(?!TO\b)(?=\S)/;
/** What the line holds before the label: nothing, or (colon form) caption text ending in a blank. */
const LINE_START = /^[ \t]*$/;

/** A wrapped subject runs on until a line that starts another element. */
const STOP_LINE = new RegExp(
  [
    String.raw`^REF(?:S|TELS?|\(S\))?\b`,
    String.raw`^(?:\(\w{1,5}\)\s*)?classified\s+by\b`,
    String.raw`^¶?\s*\d{1,2}\s*\.(?:\s|\(|$|[A-Z][a-z])`,
    String.raw`^(?:begin\s+)?summary\b`,
    String.raw`^PAGE\s+\d{1,3}\b`,
    String.raw`^\S.*\s\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$`,
    String.raw`^(?:[-=_*#~]\s?){3,}`,
    String.raw`^SENSITIVE\s+BUT\b`,
    String.raw`^(?:[A-Z]\s){3,}`,
    String.raw`^(?:E\.\s?O\.|EO\s+\d|TAGS\b|DECL\b)`,
    String.raw`^(?:SIPDIS|NOFORN|NODIS|EXDIS|LIMDIS|STADIS|NOTAL)\b`,
    String.raw`^this\s+is\s+an\s+action\s+request`,
    String.raw`^\((?:U|C|S|SBU|TS)(?:\/\/?[A-Z]+)?\)`,
    String.raw`^(?:SUBJECT|SUBJ)\s*:`,
  ].join("|"),
  "i",
);

/**
 * Case-sensitive stops: a heading label alone on its line (`INDEX:`, `ARTICLES:` of a press
 * summary, 06TOKYO1363), and the banner line a copy pasted again under the subject (`UNCLAS MANAMA
 * 000995 SIPDIS …`, 07MANAMA995). A subject's wrapped line is neither.
 */
const STOP_LINE_CASED =
  /^[A-Z][A-Z &/-]{2,24}:$|^(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET)(?:\s+SECTION\s+\d+\s+OF\s+\d+)?\s+[A-Z][A-Z ]{1,30}\s\d{5,6}\b/;

/**
 * Elements glued onto the subject's own line, without a line break (`...VISIT TO CAIROClassified
 * By:`, `...UK PRIMEREF: A.`, a SMART page-break marker or paragraph 1 run into the line).
 */
const INLINE_END = new RegExp(
  [
    String.raw`(?<![Dd][Ee])[Cc][Ll][Aa][Ss][Ss][Ii][Ff][Ii][Ee][Dd]\s+[Bb][Yy]\b`,
    String.raw`(?:REF|Ref)(?:S|s|TELS?|tels?|\([Ss]\))?\s*:`,
    String.raw`\s[A-Z][A-Z .]{1,24}\s\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b`,
    String.raw`\s¶?1\.\s?\((?:U|C|S|SBU|TS)(?:\/\/?[A-Z]+)?\)`,
    String.raw`\s(?:[A-Z] ){4,}[A-Z]\b`,
    // The header's address lines pasted over the subject's end: a precedence glued to a routing
    // indicator (`… COLLECTIVE IMMEDIATERUCPDOC/USDOC WASHDC`, 07MANAMA995).
    String.raw`(?:IMMEDIATE|PRIORITY|ROUTINE)R[UH][A-Z]{2,5}\/`,
  ].join("|"),
);

/**
 * Longest subject read, in lines: a subject runs to three or four lines at most, and a label with
 * no blank line or element after it would otherwise take the whole body. The subject is cut at a
 * line end, never inside one, and a longer one is reported in the warnings (its text stays in the
 * body).
 */
const MAX_LINES = 8;
const SPLIT_CLASSIFIED = /\s+CLASSIFIED\s*$/i;
const GLUED_HEADING = /\s+summary\s*$/i;

export function parseSubject(doc: BodyDoc): SubjectResult | null {
  const text = doc.text;
  const bound = captionAreaEnd(doc);
  const label = firstLabel(text.slice(0, bound));
  if (!label) {
    const smart = smartTrailerSubject(text);
    return smart ? cleanSubject(smart) : null;
  }
  const { raw, capped } = collectLines(text, label.end);
  const end = INLINE_END.exec(raw);
  if (capped && !end) {
    doc.warnings.push(
      `subject read up to ${MAX_LINES} lines: the lines after it, with no blank line or element between, stay in the body only`,
    );
  }
  let subject = end ? raw.slice(0, end.index) : raw;
  // `… IN LIBYA CLASSIFIED␤␤BY: Gene A. Cretz`: the label split over a blank line (09TRIPOLI939).
  const split = SPLIT_CLASSIFIED.exec(subject);
  if (split && /^\s*BY\b/i.test(text.slice(label.end + raw.length, label.end + raw.length + 40))) {
    subject = subject.slice(0, split.index);
  }
  // `… in Mendoza Summary␤--------`: the summary heading glued to the subject, its rule below.
  const heading = GLUED_HEADING.exec(subject);
  if (
    heading &&
    /^\s*[-=_]{3,}/.test(text.slice(label.end + raw.length, label.end + raw.length + 20))
  ) {
    subject = subject.slice(0, heading.index);
  }
  return cleanSubject(telegramSubject(subject) ?? subject);
}

/** The earliest label in the caption area, as `{index, end}` of the label text. */
function firstLabel(region: string): { index: number; end: number } | null {
  UBJ.lastIndex = 0;
  for (let m = UBJ.exec(region); m; m = UBJ.exec(region)) {
    const u = m.index;
    const hasS = u > 0 && (region[u - 1] === "S" || region[u - 1] === "s");
    const at = hasS ? u - 1 : u;
    const lineStart = region.lastIndexOf("\n", at - 1) + 1;
    const before = region.slice(lineStart, at);
    const after = region.slice(u + 3, u + 40);
    const colon = COLON_AFTER.exec(after);
    if (colon) {
      // `UBJECT:` needs a line start; `SUBJECT:`/`SUBJ:` may follow caption text and a blank.
      const ok = LINE_START.test(before) || (hasS && /[ \t]$/.test(before));
      if (ok) return { index: at, end: u + 3 + colon[0].length };
      continue;
    }
    const bare = hasS && region[at] === "S" ? BARE_AFTER.exec(after) : null;
    if (bare && LINE_START.test(before) && region.slice(at, u + 3) === "SUBJ") {
      return { index: at, end: u + 3 + bare[0].length };
    }
  }
  return null;
}

/**
 * The label's own line, then each following line until one starts another element; `capped` when
 * it stopped at MAX_LINES with the subject still running on.
 */
function collectLines(text: string, from: number): { raw: string; capped: boolean } {
  const lines: string[] = [];
  let pos = from;
  while (pos <= text.length && lines.length < MAX_LINES) {
    const nl = text.indexOf("\n", pos);
    const line = text.slice(pos, nl < 0 ? text.length : nl);
    const bare = line.replace(/\\/g, "").trim();
    if (lines.length === 0) {
      lines.push(line);
    } else if (!bare) {
      // The subject may start on the line after a bare label; otherwise a blank line ends it.
      if (lines.some((l) => l.replace(/\\/g, "").trim())) return done(lines);
      if (lines.length > 1) return done(lines);
      lines.push(line);
    } else if (STOP_LINE.test(bare) || STOP_LINE_CASED.test(bare)) {
      return done(lines);
    } else {
      lines.push(line);
    }
    if (nl < 0) return done(lines);
    pos = nl + 1;
  }
  return { raw: lines.join("\n"), capped: lines.length === MAX_LINES && runsOn(text, pos) };
}

function done(lines: string[]): { raw: string; capped: boolean } {
  return { raw: lines.join("\n"), capped: false };
}

/** Whether the line at `pos` would have continued the subject. */
function runsOn(text: string, pos: number): boolean {
  const nl = text.indexOf("\n", pos);
  const bare = text
    .slice(pos, nl < 0 ? text.length : nl)
    .replace(/\\/g, "")
    .trim();
  return bare !== "" && !STOP_LINE.test(bare) && !STOP_LINE_CASED.test(bare);
}
