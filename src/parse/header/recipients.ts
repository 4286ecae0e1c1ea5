import { distance } from "fastest-levenshtein";
import type { Recipient } from "../../model/cable.js";
import { isDigit, isSpace, isUpperAscii } from "../chars.js";
import { addressKeyword, isFurniture, PAGE_HEADER } from "./lines.js";

/**
 * The address block, FL6-FL9 (spec §3.6-3.9): action addressees after `TO`, information addressees
 * after `INFO`, one per line as `[RI/]PLAD [precedence] [MCN]`, and `XMT` lines naming the posts a
 * collective excludes. Page headers printed inside the block and furniture lines are skipped.
 */

export interface AddressBlock {
  from: string | null;
  to: Recipient[];
  info: Recipient[];
}

const PRECEDENCE_WORDS = ["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE"];
const EXACT_PRECEDENCE = new Set(PRECEDENCE_WORDS);

/**
 * The precedence a word stands for, typos included (`PIORITY`, `IMMEDIAT`: at most two edits, same
 * first letter).
 */
function precedenceWord(word: string): string | null {
  if (word.length < 5) return null;
  if (EXACT_PRECEDENCE.has(word)) return word;
  for (const p of PRECEDENCE_WORDS) {
    const slack = p.length >= 8 ? 2 : 1;
    if (word[0] !== p[0] || Math.abs(word.length - p.length) > slack) continue;
    if (distance(word, p) <= slack) return p;
  }
  return null;
}

/**
 * Length of a routing indicator opening the line (`RUEHRO/`: three to eight capitals, then one
 * slash), or 0. What `/^([A-Z]{3,8})\/(?!\/)/` matches, read on char codes: this runs on every
 * addressee line.
 */
function routeLength(rest: string): number {
  let n = 0;
  while (n < 9 && isUpperAscii(rest.charCodeAt(n))) n++;
  if (n < 3 || n > 8 || rest.charCodeAt(n) !== 47 || rest.charCodeAt(n + 1) === 47) return 0;
  return n;
}

/** `^\d{3,}(?:-\d{3,})?$`: an MCN, with the range form some collectives use. */
function isMcn(word: string): boolean {
  let i = 0;
  while (isDigit(word.charCodeAt(i))) i++;
  if (i < 3) return false;
  if (i === word.length) return true;
  if (word.charCodeAt(i) !== 45) return false;
  let j = i + 1;
  while (isDigit(word.charCodeAt(j))) j++;
  return j - i - 1 >= 3 && j === word.length;
}

/** One addressee line (keyword already removed) → Recipient, or null for an empty line. */
export function parseAddressee(line: string): Recipient | null {
  let rest = line.trim();
  if (rest.endsWith("\\")) rest = rest.slice(0, -1).trim();
  if (rest === "") return null;
  let route: string | null = null;
  const r = routeLength(rest);
  if (r > 0) {
    route = rest.slice(0, r);
    rest = rest.slice(r + 1).trim();
  }
  // An MCN glued to the name (`UNVIE VIENNA0162`): three or more digits ending the line, right
  // after a capital.
  let digits = rest.length;
  while (digits > 0 && isDigit(rest.charCodeAt(digits - 1))) digits--;
  if (rest.length - digits >= 3 && isUpperAscii(rest.charCodeAt(digits - 1))) {
    rest = `${rest.slice(0, digits)} ${rest.slice(digits)}`;
  }
  // From the end: MCN and precedence, in either order (`LONDON 8778 PRIORITY` occurs too).
  let mcn: string | null = null;
  let precedence: string | null = null;
  const words = splitWords(rest);
  for (let k = 0; k < 3 && words.length > 1; k++) {
    const last = words[words.length - 1]!;
    if (mcn === null && isMcn(last)) {
      mcn = last;
      words.pop();
      continue;
    }
    const p: string | null = precedence === null ? precedenceWord(last) : null;
    if (p || (precedence === null && last === "NIACT")) {
      words.pop();
      precedence = p ?? "NIACT IMMEDIATE";
      if (p === "IMMEDIATE" && words.length > 1 && words[words.length - 1] === "NIACT") {
        words.pop();
        precedence = "NIACT IMMEDIATE";
      }
      continue;
    }
    break;
  }
  let name = words[0]!;
  for (let k = 1; k < words.length; k++) name += ` ${words[k]}`;
  name = name.trim();
  if (name === "" && route === null) return null;
  return { route, name, precedence, mcn, excluded: [] };
}

/**
 * The words of a trimmed addressee: split at runs of `\s` when the line has a tab or two blanks in
 * a row (aligned columns), else at single spaces — `split(/\s+/)` and `split(" ")` without their
 * cost, which is most of reading an address line.
 */
function splitWords(rest: string): string[] {
  const n = rest.length;
  let runs = false;
  for (let i = 0; i < n; i++) {
    const c = rest.charCodeAt(i);
    if (c === 9 || (isSpace(c) && i + 1 < n && isSpace(rest.charCodeAt(i + 1)))) {
      runs = true;
      break;
    }
  }
  const words: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = rest.charCodeAt(i);
    if (runs ? !isSpace(c) : c !== 32) continue;
    words.push(rest.slice(start, i));
    if (runs) while (i + 1 < n && isSpace(rest.charCodeAt(i + 1))) i++;
    start = i + 1;
  }
  words.push(rest.slice(start));
  return words;
}

type Section = "none" | "to" | "info";

/** Parses FM, TO, INFO and XMT lines of a header (any header form; other lines are ignored). */
export function parseAddressBlock(header: string): AddressBlock {
  const block: AddressBlock = { from: null, to: [], info: [] };
  let section: Section = "none";
  let excluding = false;
  // Letters a damaged copy broke off a routing indicator onto lines of their own (`R`, `E`,
  // `DJ/AMEMBASSY DJIBOUTI`): carried on to the line they belong to, never addressees.
  let carried = "";
  for (const line of header.split(/\n|[\u2028\u2029]/)) {
    const raw = carried ? `${carried}${line.trimStart()}` : line;
    carried = "";
    const kw = addressKeyword(raw);
    if (!kw && section !== "none" && /^[ \t]*[A-Z]{1,2}[ \t]*$/.test(raw)) {
      carried = raw.trim();
      continue;
    }
    let text = raw;
    if (kw) text = raw.replace(/^[ \t]*(?:FM|TO|INFO|XMT)[ \t/]*/, "");
    if (kw === "FM") {
      block.from ??= text.replace(/\\$/, "").replace(/\s+/g, " ").trim() || null;
      section = "none";
      continue;
    }
    if (kw === "TO" || kw === "INFO") {
      const next: Section = kw === "TO" ? "to" : "info";
      // A second TO after INFO (copy debris) does not reopen the action list.
      if (next === "to" && section === "info") break;
      section = next;
      excluding = false;
    }
    if (section === "none") continue;
    if (text.includes("PAGE")) text = text.replace(PAGE_HEADER, "");
    if (text.trim() === "" || (!kw && isFurniture(text))) continue;
    const list = section === "to" ? block.to : block.info;
    if (kw === "XMT") excluding = true;
    else if (/^[ \t]*XMT[ \t/]/.test(text)) {
      excluding = true;
      text = text.replace(/^[ \t]*XMT[ \t/]*/, "");
    }
    if (excluding) {
      const excluded = parseAddressee(text);
      const owner = list[list.length - 1];
      if (excluded && owner) owner.excluded.push(excluded.name);
      continue;
    }
    const rec = parseAddressee(text);
    if (rec) list.push(rec);
  }
  return block;
}
