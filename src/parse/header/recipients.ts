import type { Recipient } from "../../model/cable.js";
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

/** Edit distance, bounded: enough to read typos like `PIORITY`, `PRIOITY`, `IMMEDIAT`. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The precedence a word stands for, typos included (at most two edits, same first letter). */
function precedenceWord(word: string): string | null {
  if (word.length < 5) return null;
  for (const p of PRECEDENCE_WORDS) {
    if (word === p) return p;
  }
  for (const p of PRECEDENCE_WORDS) {
    const slack = p.length >= 8 ? 2 : 1;
    if (word[0] !== p[0] || Math.abs(word.length - p.length) > slack) continue;
    if (distance(word, p) <= slack) return p;
  }
  return null;
}

const ROUTE = /^([A-Z]{3,8})\/(?!\/)/;

/** One addressee line (keyword already removed) → Recipient, or null for an empty line. */
export function parseAddressee(line: string): Recipient | null {
  let rest = line.trim();
  if (rest.endsWith("\\")) rest = rest.slice(0, -1).trim();
  if (rest === "") return null;
  let route: string | null = null;
  const r = rest.includes("/") ? ROUTE.exec(rest) : null;
  if (r) {
    route = r[1]!;
    rest = rest.slice(r[0].length).trim();
  }
  // An MCN glued to the name (`UNVIE VIENNA0162`).
  const tail = rest.charCodeAt(rest.length - 1);
  if (tail >= 48 && tail <= 57) rest = rest.replace(/(?<=[A-Z])(\d{3,})$/, " $1");
  // From the end: MCN and precedence, in either order (`LONDON 8778 PRIORITY` occurs too).
  let mcn: string | null = null;
  let precedence: string | null = null;
  const words = /\s\s|\t/.test(rest) ? rest.split(/\s+/) : rest.split(" ");
  for (let k = 0; k < 3 && words.length > 1; k++) {
    const last = words[words.length - 1]!;
    if (mcn === null && /^\d{3,}(?:-\d{3,})?$/.test(last)) {
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
  const name = words.join(" ").trim();
  if (name === "" && route === null) return null;
  return { route, name, precedence, mcn, excluded: [] };
}

type Section = "none" | "to" | "info";

/** Parses FM, TO, INFO and XMT lines of a header (any header form; other lines are ignored). */
export function parseAddressBlock(header: string): AddressBlock {
  const block: AddressBlock = { from: null, to: [], info: [] };
  let section: Section = "none";
  let excluding = false;
  for (const raw of header.split("\n")) {
    const kw = addressKeyword(raw);
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
