import { findBodyMarking, type MarkingMatch } from "./classification.js";
import {
  addressKeyword,
  isCopyCount,
  isDtgLine,
  isFurniture,
  isPlainAddressee,
  isPreambleLine,
  isRule,
  isStrongStart,
  opensDraftingBlock,
} from "./lines.js";

/**
 * Where the transmission header sits in a text that holds header and body together (mirror files,
 * raw telegrams, batch fragments). The header starts at FL1 (`VZCZC...`), at a DTG line followed by
 * `FM`, at SAS distribution furniture, or — for bare header fragments — at a first `FM`/`TO`/`INFO`
 * line; it ends where the body's classification line begins, which in copies joined from two HTML
 * blocks is in the middle of the last addressee line (`...TRIPOLI 3706C O N F I D E N T I A L`).
 */

export interface HeaderSpan {
  start: number;
  end: number;
}

interface Line {
  text: string;
  start: number;
}

/** The header starts this early or not at all; further in, header-like lines are quoted text. */
const START_WINDOW = 3_000;

const PRECEDENCE_TAIL =
  /(?:FLASH|IMMEDIATE|PRIORITY|ROUTINE|PRIOR[A-Z]*|IMMED[A-Z]*|\d{3,}(?:-\d{3,})?)$/;

/** Body openers that may follow an address block that has no classification line. */
const BODY_OPENER =
  /^[ \t]*(?:SIPDIS|NOFORN|SENSITIVE|E\.?[ \t]?[O0]\.?[ \t]*\d|E\.?O\.?[ \t]*\d|TAGS?\b|SUBJ|REFS?\b|(?:DEPT|DEPARTMENT|STATE)[ \t]+(?:FOR|PASS)\b|CLASSIFIED[ \t]+BY|Classified|C[ \t]O[ \t]R[ \t]R|SECTION[ \t]+\d|¶|\d+[ \t]*\.|\(|BEGIN|SUMMARY)/i;

/** An addressee line: upper-case PLAD with routing indicator, office symbols, precedence, MCN. */
const ADDRESSEE = /^[ \t]*[A-Z][A-Z0-9 ./&()'",+-]*\\?[ \t]*$/;

/** An addressee is shorter than this; glued debris starts before it. */
const DEBRIS_REACH = 160;

/** Copy debris glued to the last addressee: a tab, a WikiLeaks row id or date, `Cable dated:`. */
const GLUED_DEBRIS = new RegExp(
  [
    "\\t",
    "(?:ID|id): ?\\d",
    "Cable dated:",
    "\\d{4}-\\d\\d-\\d\\d",
    "\\d{1,2}\\/\\d{1,2}\\/\\d{4} \\d{1,2}:\\d\\d",
    "\\d{1,2}:\\d\\d,",
    "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, ",
    "<<\\d+>>",
    // A database row number glued to the addressee (`NSC WASHDC57344`, `PRIORITY155163,`).
    "(?<=[A-Z])\\d{5,6}(?=[\\t,]|[ \\t]*$)",
    "\\d{6}(?=,)",
    // Text glued to the MCN (`PRIORITY 0730UK OPEN TO...`, `BUENOS AIRES 0001QATAR...`).
    "(?<=[ \\t]\\d{4})[A-Za-z]",
    // The body's first words glued to the last addressee (`TRIPOLI IMMEDIATESipdis`,
    // `DIA WASHINGTON DCSIPDIS`): SIPDIS, or a mixed-case word, right after capitals.
    "(?<=[A-Z]{2})(?:SIPDIS|[A-Z][a-z]{3,}\\b(?!:))",
  ].join("|"),
);

/**
 * Lines of `text`, read lazily: the header is a few lines at the top of a long text, so
 * the rest is never split.
 */
class Lines {
  private readonly items: Line[] = [];
  private pos = 0;

  constructor(private readonly text: string) {}

  get(i: number): Line | undefined {
    while (this.items.length <= i && this.pos <= this.text.length) {
      const nl = this.text.indexOf("\n", this.pos);
      const stop = nl < 0 ? this.text.length : nl;
      this.items.push({ text: this.text.slice(this.pos, stop), start: this.pos });
      this.pos = nl < 0 ? this.text.length + 1 : nl + 1;
    }
    return this.items[i];
  }
}

const isBlank = (l: Line | undefined) => l !== undefined && l.text.trim() === "";

function nextNonBlank(lines: Lines, i: number): Line | undefined {
  for (let j = i + 1; ; j++) {
    const l = lines.get(j);
    if (!l || !isBlank(l)) return l;
  }
}

/** A first line that is an addressee line (bare header fragments such as `INFO AMEMBASSY PANAMA`). */
function isBareAddressStart(line: string): boolean {
  const kw = addressKeyword(line);
  if (!kw) return false;
  const rest = line.replace(/^[ \t]*(?:FM|TO|INFO|XMT)[ \t/]*/, "");
  if (!ADDRESSEE.test(rest)) return false;
  return (
    kw === "XMT" ||
    /^[A-Z]{3,8}\//.test(rest) ||
    /^(?:AMEMBASSY|AMCONSUL|SECSTATE|SECDEF|USMISSION|USINT|AIT|USDEL|ALL|PAGE|XMT)\b/.test(rest) ||
    PRECEDENCE_TAIL.test(rest.trim())
  );
}

function findStart(lines: Lines): number {
  let firstContent = -1;
  for (let i = 0; ; i++) {
    const line = lines.get(i);
    if (!line || line.start > START_WINDOW) break;
    if (firstContent < 0 && !isBlank(line)) firstContent = i;
    if (isStrongStart(line.text)) return backOverFurniture(lines, i);
    if (isDtgLine(line.text)) {
      const next = nextNonBlank(lines, i);
      if (next && addressKeyword(next.text) === "FM") return backOverFurniture(lines, i);
    }
    if (i === firstContent && isBareAddressStart(line.text)) return i;
  }
  return -1;
}

/** Includes the classification line, copy count and blank lines printed above SAS furniture. */
function backOverFurniture(lines: Lines, i: number): number {
  let start = i;
  for (let j = i - 1; j >= 0; j--) {
    const t = lines.get(j)!.text;
    if (t.trim() === "" || isCopyCount(t)) continue;
    if (!isFurniture(t)) break;
    start = j;
  }
  return start;
}

/**
 * Offset inside an addressee line where the body begins, or -1. A letter-spaced marking whose first
 * letter is doubled by the copy (`PRIORITYCC O N F I D E N T I A L`) takes the stray letter along.
 */
function bodyCut(line: string, marking: MarkingMatch | null): number {
  let cut = -1;
  if (marking) {
    cut = marking.index;
    const before = line.slice(0, cut).trimEnd();
    const stray = before[before.length - 1];
    if (stray && stray.toUpperCase() === marking.raw[0]?.toUpperCase()) {
      if (PRECEDENCE_TAIL.test(before.slice(0, -1).trimEnd())) cut = before.length - 1;
    }
  }
  // Debris sits right after the addressee: look no further than the marking or a line's worth.
  const debris = GLUED_DEBRIS.exec(line.slice(0, cut >= 0 ? cut : DEBRIS_REACH));
  if (debris && (cut < 0 || debris.index < cut)) cut = debris.index;
  return cut;
}

type Step = { kind: "take" } | { kind: "end"; at: number };

/**
 * An addressee line as the tests below read it, same length as written: Unicode line separators
 * a copy left in it are blanks, and a colon inside an office list (`SECDEF WASHDC//USDP:PDUSDP//`)
 * is part of the addressee, not the start of a `TAGS:`-like body line.
 */
function addresseeView(text: string): string {
  let t = text;
  if (t.includes("\u2028") || t.includes("\u2029")) t = t.replace(/[\u2028\u2029]/g, " ");
  if (t.includes(":") && t.includes("//")) {
    t = t.replace(/\/\/[^/\n]*(?:\/[^/\n]+)*\/\//g, (m) => m.replace(/:/g, "/"));
  }
  return t;
}

function addressStep(lines: Lines, i: number): Step {
  const line = lines.get(i)!;
  const t = addresseeView(line.text);
  // A line separator inside the line (`...SECURITY PRIORITY\u2028\u2028S E C R E T MEXICO 000886`):
  // what follows it is the body unless it is one more addressee.
  const sep = line.text.search(/[\u2028\u2029]/);
  if (sep >= 0) {
    const before = t.slice(0, sep);
    const after = t.slice(sep).trim();
    if (after !== "" && (!isPlainAddressee(after) || BODY_OPENER.test(after))) {
      if (before.trim() === "" || ADDRESSEE.test(before) || addressKeyword(before)) {
        return { kind: "end", at: line.start + sep };
      }
    }
  }
  if (t.trim() === "") {
    const next = nextNonBlank(lines, i);
    const kw = next ? addressKeyword(next.text) : null;
    return kw === "TO" || kw === "INFO" || kw === "XMT"
      ? { kind: "take" }
      : { kind: "end", at: line.start };
  }
  // BT (break) separates heading and text: the header ends after it.
  if (/^[ \t]*BT[ \t]*$/.test(t)) return { kind: "end", at: line.start + t.length };
  // The common case first: a plain addressee line.
  if (isPlainAddressee(t) && !BODY_OPENER.test(t)) return { kind: "take" };
  const marking = findBodyMarking(t);
  if (!marking && isFurniture(t)) return { kind: "take" };
  const cut = bodyCut(t, marking);
  if (cut >= 0) {
    const onlySpace = t.slice(0, cut).trim() === "";
    // Debris after something that is no addressee either (`Class: <TAB>SECRET`): the body begins.
    if (!onlySpace && !addressKeyword(t) && !ADDRESSEE.test(t.slice(0, cut))) {
      return { kind: "end", at: line.start };
    }
    const nextIsPage = /^[ \t]*PAGE[ \t]+\d{2}\b/.test(nextNonBlank(lines, i)?.text ?? "");
    if (onlySpace && nextIsPage) return { kind: "take" };
    return { kind: "end", at: line.start + (onlySpace ? 0 : cut) };
  }
  if (addressKeyword(t)) return { kind: "take" };
  if (BODY_OPENER.test(t) || !ADDRESSEE.test(t)) return { kind: "end", at: line.start };
  return { kind: "take" };
}

/** Finds the header in `text` (LF line ends), or null when the text starts with no header. */
export function locateHeader(text: string): HeaderSpan | null {
  const lines = new Lines(text);
  const first = findStart(lines);
  if (first < 0) return null;
  const start = lines.get(first)!.start;
  let inAddress = false;
  let drafting = false;
  for (let i = first; ; i++) {
    const line = lines.get(i);
    if (!line) break;
    const t = line.text;
    if (!inAddress) {
      if (addressKeyword(t)) inAddress = true;
      else {
        if (drafting) {
          if (!isRule(t) && !isDtgLine(t)) continue;
          drafting = false;
        }
        if (opensDraftingBlock(t)) drafting = true;
        else if (t.trim() !== "" && !isPreambleLine(t) && !isCopyCount(t)) {
          return { start, end: line.start };
        }
        continue;
      }
    }
    const step = addressStep(lines, i);
    if (step.kind === "end") return { start, end: step.at };
  }
  return { start, end: text.length };
}
