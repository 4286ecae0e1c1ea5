import { type BodyDoc, docMemo } from "../doc.js";
import { isBlank } from "../layout-lines.js";
import { collapseRepeat, isParticle, type NameStyle, nameStyle } from "./names.js";
import { footerEnds, paragraphEnded, wrapWidth } from "./paragraph-end.js";
import { isTrailerLine, signedTrailer, smartTrailerStart, stripTrailingJunk } from "./trailer.js";

/**
 * The end of a telegram: who signed it and where its own text stops. The walk goes back from the
 * end (or from a SMART trailer) over trailer lines to the last line of text, and reads the
 * signature either as that whole line (`ASQUINO`, `MCNAMARA.`, `GILLESPIE##`) or as the name
 * glued after the last sentence (`... End comment. STEVENS`). Names stacked on separate lines are
 * several signers (`HELLING` / `MCMULLEN`); the same name twice is one.
 */
export interface Ending {
  /** Signature names as written, in order. */
  signers: string[];
  /** Offset where the cable's own text ends: the first signature character, or the end of the last text line. */
  contentEnd: number;
  /** A name line above the MAX_SIGNERS read, left in the text (reported as a warning). */
  notRead?: string;
}

interface Line {
  start: number;
  end: number;
}

interface Signature {
  name: string;
  /** Offset of the name within its line. */
  offset: number;
  /** The name stands alone on its line. */
  alone: boolean;
}

const MAX_LINES_BACK = 80;
/**
 * Most names read as a signature: cables are signed by one person, joint ones by two or three;
 * stacked upper-case name lines beyond that are a list in the text. The lines above stay text
 * (nothing is cut) and the cable says so in a warning (`Ending.notRead`).
 */
const MAX_SIGNERS = 3;
/** Three name words, and one more to see what stands before them. */
const MAX_WORDS = 5;
const BOUNDARY_CHARS = 100;
/** A line this short above a name is not running text (`GP-3`, `END TEXT`, `REGARDS`). */
const SHORT_LINE = 40;
const MAX_NAME_LINE = 60;
const PROSE = /[A-Za-z]{3}.*[A-Za-z]{3}.*[A-Za-z]{3}/;

/** Before a glued signature: the end of a sentence, possibly closed by a quote or bracket. */
const SENTENCE_END = /[.!?]["'”’)\]]*$/;
/** `END COMMENT MULFORD`, `END TEXT SCOBEY`, `UNQUOTE CLINTON`, `MINIMIZE CONSIDERED EAGLETON`. */
const END_MARKER =
  /\b(?:END(?:\s+OF)?(?:\s+THE)?\s+(?:COMMENTS?|TEXT|SUMMARY|NOTE|QUOTE|MESSAGE|CABLE|TRANSLATION|POINTS|ACTION\s+REQUEST)|UNQUOTE|MINIMIZE\s+CONSIDERED)\W*$/i;
const GLUED_TO_STOP = /^(\S*[A-Za-z0-9][.!?]["'”’)]?)([A-Z][A-Z'’-]{2,})$/;
/** `... this cable. CAIRO 00000036 002 OF 002 Tueller`: a page-break marker left inline. */
const PAGE_BREAK_END = /\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}$/;
/** Tokens that end a page footer before the name: redactions, URLs, rules of stars. */
const FOOTER_TOKEN = /^(?:[Xx]{4,}\W*|[\W_]+|\S*(?:\/\/|www\.|\.s?gov|\.cfm|\.html?|_)\S*|cfm)$/;

let cacheText: string | null = null;
let cacheResult: Ending = { signers: [], contentEnd: 0 };

/** Pure; memoised on the last text because the paragraph, signer and protect parsers all ask. */
export function findEnding(text: string): Ending {
  if (text === cacheText) return cacheResult;
  const result = computeEnding(text);
  cacheText = text;
  cacheResult = result;
  return result;
}

/**
 * The ending of a doc, memoised per doc: the paragraph and signer parsers both ask, and
 * parseRecords asks for a whole batch of docs before asking again.
 */
export const docEnding: (doc: BodyDoc) => Ending = docMemo((doc) => findEnding(doc.text));

function computeEnding(text: string): Ending {
  const lines = new LinesBack(text, textLimit(text));
  let lastIdx = 0;
  while (lines.get(lastIdx) && isTrailerLine(lines.text(lastIdx)!)) {
    if (signedTrailer(lines.text(lastIdx)!)) break;
    lastIdx++;
  }
  const last = lines.get(lastIdx);
  if (!last) return { signers: [], contentEnd: lines.get(lastIdx - 1)?.start ?? text.length };

  const kept = stripTrailingJunk(lines.text(lastIdx)!);
  const wrap = wrapWidth([2, 3, 4, 5, 6, 7, 8, 9].map((k) => lines.text(lastIdx + k)));
  const sig = readSignature(kept, lines.text(lastIdx + 1), text, wrap);
  if (!sig) return { signers: [], contentEnd: last.start + kept.length };

  const signers = [sig.name];
  let contentEnd = last.start + sig.offset;
  if (!sig.alone) return { signers, contentEnd };
  for (let i = lastIdx + 1; lines.get(i); i++) {
    const t = lines.text(i)!;
    if (t.trim() === "") continue;
    const above = readSignature(stripTrailingJunk(t), lines.text(i + 1));
    if (!above?.alone) break;
    const dup = signers.findIndex((s) => s.toUpperCase() === above.name.toUpperCase());
    // Another person signs only on a line of its own, upper case, set off from the text above.
    const alone = (lines.text(i + 1) ?? "").trim() === "";
    if (dup < 0 && !(above.style === "upper" && !above.period && alone)) break;
    if (dup < 0 && signers.length >= MAX_SIGNERS) {
      // A fourth name up is more likely a list in the text than a signature: it stays text, said.
      return { signers, contentEnd, notRead: above.name };
    }
    // A name the copy repeated counts once, in its first form.
    if (dup >= 0) signers[dup] = above.name;
    else signers.unshift(above.name);
    contentEnd = lines.get(i)!.start + above.offset;
  }
  return { signers, contentEnd };
}

/**
 * Where the cable's text can end: at a SMART trailer, unless the record put its numbered text
 * after the trailer (some pages carry a short version, the trailer, then the full cable).
 */
function textLimit(text: string): number {
  const trailer = smartTrailerStart(text);
  if (trailer < 0) return text.length;
  const before = FIRST_PARAGRAPH.test(text.slice(0, trailer));
  return before || !FIRST_PARAGRAPH.test(text.slice(trailer)) ? trailer : text.length;
}

const FIRST_PARAGRAPH = /^[ \t]*¶?1\.(?!\d)/m;

/** The lines before `limit`, last first, split only as far back as the walk goes. */
class LinesBack {
  private readonly lines: Line[] = [];
  private next: number;
  constructor(
    private readonly src: string,
    limit: number,
  ) {
    this.next = limit;
  }

  get(i: number): Line | undefined {
    while (this.lines.length <= i && this.next >= 0 && this.lines.length < MAX_LINES_BACK) {
      const nl = this.next > 0 ? this.src.lastIndexOf("\n", this.next - 1) : -1;
      this.lines.push({ start: nl + 1, end: this.next });
      this.next = nl;
    }
    return i >= 0 ? this.lines[i] : undefined;
  }

  /** Text of line i, or null before the start of the text. */
  text(i: number): string | null {
    const l = this.get(i);
    return l ? this.src.slice(l.start, l.end) : null;
  }
}

interface ReadSignature extends Signature {
  style: NameStyle;
  period: boolean;
}

/** Reads the signature from a text line already stripped of glued trailer tokens. */
function readSignature(
  line: string,
  above: string | null,
  text = "",
  wrap = 0,
): ReadSignature | null {
  // `Timken jr`: a suffix typed in lower case after the surname.
  const suffix = /\s+(?:jr|sr)\.?$/.exec(line);
  if (suffix) {
    const sig = readSignature(line.slice(0, suffix.index), above, text, wrap);
    return sig ? { ...sig, name: `${sig.name}${suffix[0].replace(/^\s+/, " ")}` } : null;
  }
  let cut = line.length;
  while (cut > 0 && (line[cut - 1] === "." || /\s/.test(line[cut - 1]!))) cut--;
  const core = line.slice(0, cut);
  const period = line.indexOf(".", cut) >= 0;
  // Only the last few words can be a signature; a SMART paragraph line runs to kilobytes.
  const { tokens, complete } = lastWords(core, MAX_WORDS);
  // `... at the Vatican table.ROONEY`: a name glued to the last sentence's full stop.
  const glued = GLUED_TO_STOP.exec(tokens.at(-1)?.word ?? "");
  if (glued) {
    const t = tokens.pop()!;
    const cut = glued[1]!.length;
    tokens.push({ word: glued[1]!, at: t.at }, { word: glued[2]!, at: t.at + cut });
  }
  if (tokens.length === 0) return null;
  const words = tokens.map((t) => t.word);

  const whole = complete ? collapseRepeat(words) : [];
  const style = nameStyle(whole);
  // A lone word without a full stop may stand under a paragraph that ended short (see paragraph-end).
  const lone = whole.length === 1 && !period ? whole[0]!.length : 0;
  if (style && !(period && whole.length > 1) && !continuesText(above, style, lone, wrap)) {
    return { name: whole.join(" "), offset: tokens[0]!.at, alone: true, style, period };
  }
  for (let k = Math.min(3, words.length - 1); k >= 1; k--) {
    const first = words.length - k;
    const tail = collapseRepeat(words.slice(first));
    const tailStyle = nameStyle(tail);
    if (!tailStyle || !gluedStyleOk(tailStyle, tail)) continue;
    const offset = tokens[first]!.at;
    // The boundary is in the few words before the name; the rest of a long line does not matter.
    const before = core.slice(Math.max(0, offset - BOUNDARY_CHARS), offset).trimEnd();
    if (!isBoundary(before, tailStyle) && !gluedAfterText(before, tail, tailStyle, text)) {
      continue;
    }
    return { name: tail.join(" "), offset, alone: false, style: tailStyle, period };
  }
  return null;
}

interface Token {
  word: string;
  at: number;
}

/**
 * The last `max` whitespace-separated words of `s` with their offsets, found walking back, and
 * whether they are all its words. Quotes and `#` a copy put before a word are dropped
 * (`#ERELI`, `"CASON`).
 */
function lastWords(s: string, max: number): { tokens: Token[]; complete: boolean } {
  const tokens: Token[] = [];
  let end = s.length;
  while (tokens.length < max) {
    while (end > 0 && isBlank(s.charCodeAt(end - 1))) end--;
    if (end === 0) return { tokens: tokens.reverse(), complete: true };
    let start = end;
    while (start > 0 && !isBlank(s.charCodeAt(start - 1))) start--;
    let lead = start;
    while (lead < end && `"'“‘#*,.`.includes(s[lead]!)) lead++;
    tokens.push({ word: s.slice(lead, end), at: lead });
    end = start;
  }
  while (end > 0 && isBlank(s.charCodeAt(end - 1))) end--;
  return { tokens: tokens.reverse(), complete: end === 0 };
}

/**
 * Mixed-case names glued after a sentence are taken only as one word (`... message. Scobey`) or
 * with a particle (`Van Voorst`), because a sentence may well end in capitalised words.
 */
function gluedStyleOk(style: NameStyle, words: string[]): boolean {
  if (style === "upper") return true;
  if (style !== "capitalised") return false;
  return words.length === 1 || (words.length === 2 && isParticle(words[0]!));
}

/**
 * A name glued after text that has no full stop: `... Ahmed Megahed SCOBEY`, `... Date: February
 * 14, 2010 POLASCHIK`, `(Yom 7, 8/5/2009) Scobey`. In capitals after a word with lower-case
 * letters or a number, when the word is a surname-like one (four letters or more, a vowel) the
 * text does not use anywhere else in capitals (an acronym recurs: `NATO`, `GOE`); capitalised
 * after a closing bracket.
 */
function gluedAfterText(before: string, name: string[], style: NameStyle, text: string): boolean {
  if (name.length !== 1) return false;
  const word = name[0]!;
  const prev = before.slice(before.lastIndexOf(" ") + 1);
  if (style === "capitalised") return /[)\]]$/.test(before) && word.length >= 4;
  if (style !== "upper" || word.length < 4 || !/[AEIOUY]/.test(word)) return false;
  if (!/[a-z]|\d$/.test(prev)) return false;
  const first = text.indexOf(word);
  return first >= 0 && text.indexOf(word, first + 1) < 0 && !/[A-Z]/.test(text[first - 1] ?? "");
}

function isBoundary(before: string, style: NameStyle): boolean {
  if (SENTENCE_END.test(before) || END_MARKER.test(before)) return true;
  // `... (BDF notetaker) ERELI`, `... Website at: http://.../index.c fm HOFMANN`
  if (style === "upper" && (/[)\]]$/.test(before) || before.includes("://"))) {
    return true;
  }
  return (
    FOOTER_TOKEN.test(before.slice(before.lastIndexOf(" ") + 1)) || PAGE_BREAK_END.test(before)
  );
}

/**
 * `ASSISTANCE.` under `... BRIDGETOWN APPRECIATES TRINIDAD'S`, or `Assembl` under `... the
 * Legislative`: a short line finishing the text above it (or a text cut short), not a signature.
 * A signature stands under a blank or trailer line, a finished sentence or a page footer (URL,
 * redaction); an upper-case one also under mixed-case text or a short line (`GP-3`, `END TEXT`).
 */
function continuesText(above: string | null, style: NameStyle, lone = 0, wrap = 0): boolean {
  if (above === null || isTrailerLine(above)) return false;
  const p = stripTrailingJunk(above).trimEnd();
  if (p === "" || /[.!?:;"'”’)\]]$/.test(p) || END_MARKER.test(p)) return false;
  if (footerEnds(p) || paragraphEnded(p, lone, wrap)) return false;
  // The same name typed twice (`VAN VOORST` / `van Voorst`).
  if (p.length <= MAX_NAME_LINE && nameStyle(p.trim().split(/\s+/))) return false;
  if (FOOTER_TOKEN.test(p.slice(p.lastIndexOf(" ") + 1)) || p.includes("://")) return false;
  if (style !== "upper") return true;
  // An upper-case name under mixed-case text, a short line or a row of figures is a signature;
  // under running capitals it may be the wrapped end of a sentence.
  return !/[a-z]/.test(p) && p.length > SHORT_LINE && PROSE.test(p);
}
