/**
 * Recognisers for lines that belong to the telegram's layout rather than to its text: page-break
 * lines, old `PAGE nn` headers, classification and handling lines repeated on every page, and
 * section rules. The paragraph parser drops them from paragraph text; the signature finder skips
 * them when it walks back from the end of the body. Each test is a single anchored regex on one
 * line, so none can backtrack over a whole body.
 */

/** `TRIPOLI 00000220 002 OF 003`, `PORT AU PR 00002230 001.2 OF 002`, `TBILISI 00002290  006 OF 006`. */
const PAGE_BREAK_LINE =
  /^[ \t]*[A-Z][A-Z .'-]{1,30}[ \t]+\d{5,8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*$/;

/** `PAGE 02 ROME 01725 080532Z`, `PAGE 03        SOFIA  03382  111320Z`, `UNCLASSIFIED PAGE 02 STATE 150591`. */
const PAGE_HEADER_LINE =
  /^[ \t]*(?:(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)[ \t]+)?PAGE[ \t]+\d{1,3}(?:[ \t]+[A-Z][A-Z0-9 ]{0,60})?[ \t]*$/;

/**
 * A line made only of classification, handling and distribution words (`CONFIDENTIAL`,
 * `LIMITED OFFICIAL USE`, `SIPDIS`, `SENSITIVE BUT UNCLASSIFIED`, `NOFORN`, `NNNN`). Inside a
 * paragraph such a line is a repeated page banner; after the signature it is a trailer.
 */
const CLASSIFICATION_LINE =
  /^[ \t]*(?:(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|TOP SECRET|SECRET|LIMITED OFFICIAL USE|FOR OFFICIAL USE ONLY|SENSITIVE BUT UNCLASSIFIED|SENSITIVE|NOFORN|SIPDIS|EXDIS|NODIS|LIMDIS|STADIS|NNNN|NNN|BT|FOUO|SBU|E F T O|EFTO|ENTIRE TEXT)\b[ \t/,;.:()-]*)+$/;

/** `C O N F I D E N T I A L`, `S E C R E T` and friends, letter-spaced. */
const LETTER_SPACED_CLASSIFICATION =
  /^[ \t]*(?:U N C L A S S I F I E D|C O N F I D E N T I A L|S E C R E T|S e c r e t)[ \t]*$/;

/** A section rule: 3+ of `-`, `=`, `_`, `*`, `#`, `~`, U+2010..U+2015, or 4+ dots, nothing else. */
const RULE_LINE =
  /^[ \t\u2028\u2029\u00a0]*(?:[-=_*#~\u2010-\u2015][ \t\u2028\u2029\u00a0]*){3,}$|^[ \t]*\.{4,}[ \t]*$/;

/** Lines longer than this are text, whatever they contain: the tests below run on every line. */
const MAX_LAYOUT_LINE = 80;

export function isPageBreakLine(line: string): boolean {
  if (line.length > MAX_LAYOUT_LINE) return false;
  return (
    (line.includes("OF ") && PAGE_BREAK_LINE.test(line)) ||
    (line.includes("PAGE") && PAGE_HEADER_LINE.test(line))
  );
}

export function isClassificationLine(line: string): boolean {
  if (line.length > MAX_LAYOUT_LINE) return false;
  return CLASSIFICATION_LINE.test(line) || LETTER_SPACED_CLASSIFICATION.test(line);
}

export function isRuleLine(line: string): boolean {
  // The first visible character decides most lines before the regex is tried.
  let i = 0;
  let c = line.charCodeAt(0);
  while (c === 32 || c === 9 || c === 0x2028 || c === 0x2029 || c === 0xa0)
    c = line.charCodeAt(++i);
  const mayBeRule =
    c === 45 ||
    c === 61 ||
    c === 95 ||
    c === 42 ||
    c === 35 ||
    c === 126 ||
    c === 46 ||
    (c >= 0x2010 && c <= 0x2015);
  return mayBeRule && RULE_LINE.test(line);
}

/** Blank characters, the Unicode line separators some copies carry (U+2028) included. */
export function isBlank(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x3000
  );
}

/** Layout lines never carry paragraph text. */
export function isLayoutLine(line: string): boolean {
  return mayBeLayout(line) && (isPageBreakLine(line) || isClassificationLine(line));
}

/** Layout lines are upper case: a lower-case letter early on rules a line out cheaply. */
function mayBeLayout(line: string): boolean {
  const n = Math.min(line.length, 16);
  for (let i = 0; i < n; i++) {
    const c = line.charCodeAt(i);
    if (c >= 97 && c <= 122) return line.startsWith("S e c r e t", i - 3);
  }
  return true;
}

/**
 * Cheap test for the whole body: is there a `NNNNNNNN NNN OF NNN` marker left? Found from each
 * `OF 0` (page totals have three digits), which also occurs in `SECTION 01 OF 02` banners.
 */
export function mayHavePageBreaks(text: string): boolean {
  for (let i = nextTotal(text, 0); i >= 0; i = nextTotal(text, i + 5)) {
    if (pageNumbersBefore(text, i) >= 0) return true;
  }
  return false;
}

/**
 * Offset of the next ` OF 0` from `from`, or -1. Searched as `OF 0`: V8 finds a needle that
 * starts with a space many times slower, spaces being everywhere.
 */
function nextTotal(text: string, from: number): number {
  for (let i = text.indexOf("OF 0", from + 1); i >= 0; i = text.indexOf("OF 0", i + 4)) {
    if (text[i - 1] === " ") return i - 1;
  }
  return -1;
}

/** `00000220 003` (or `001.2`) ending at `at`, before ` OF 0`: where it starts, or -1. */
const PAGE_NUMBERS_BEFORE = /\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]*$/;

function pageNumbersBefore(text: string, at: number): number {
  const from = Math.max(0, at - 26);
  const m = PAGE_NUMBERS_BEFORE.exec(text.slice(from, at));
  return m ? from + m.index : -1;
}

/** ` OF 003` after the page numbers, and the blanks after it: its length, or 0. */
const PAGE_TOTAL = /^ OF[ \t]+\d{3}\b[ \t]*/;
const POST_CHAR = /[A-Z .'-]/;
const MAX_POST = 24;

/**
 * Page-break markers left inline in unwrapped SMART text (`... the TRIPOLI 00000220 003 OF 003
 * el-Jahmi ...`). The normaliser removes them; this is the paragraph parser's own safety net.
 * Anchored on ` OF 0`; the numbers and the post name before it are found by walking back.
 */
export function removeInlinePageBreaks(text: string): string {
  let out = "";
  let last = 0;
  for (let at = nextTotal(text, 0); at >= 0; at = nextTotal(text, at + 5)) {
    const numbers = pageNumbersBefore(text, at);
    const total = PAGE_TOTAL.exec(text.slice(at, at + 16));
    if (numbers < last || !total) continue;
    let s = numbers - 1;
    if (s < 0 || (text[s] !== " " && text[s] !== "\t")) continue;
    while (s > last && numbers - s < MAX_POST && POST_CHAR.test(text[s - 1]!)) s--;
    while (s < numbers && !/[A-Z]/.test(text[s]!)) s++;
    if (s >= numbers - 1) continue;
    out += `${text.slice(last, s).trimEnd()} `;
    last = at + total[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}
