import type { Reference } from "../model/cable.js";
import { formatId, splitId } from "../model/reference-id.js";
import type { BodyDoc } from "./doc.js";
import { RefBlocks } from "./references/block.js";
import { type CableAtom, findCableAtoms } from "./references/cables.js";
import { type RawItem, splitItems, trimSeparators } from "./references/items.js";
import { referenceKind } from "./references/kinds.js";

/**
 * The REF block: every item in order as {label, kind, referenceId, text}. Cable citations get
 * their canonical id (the citing cable's year when none is written; null when that is unknown
 * too); other items are typed by their wording; items that are neither (`EXP.LIC. D328589`) are
 * not listed, but named in one warning so that a reader sees what was skipped. A citation of the
 * cable itself is dropped.
 */
export function parseReferences(doc: BodyDoc): Reference[] {
  // A copy can carry a truncated `REF: ...` before the real block: the first that lists anything.
  const skippedEverywhere: string[] = [];
  const blocks = new RefBlocks(doc.text);
  for (let k = 0; k < blocks.count; k++) {
    const block = blocks.read(k);
    if (block === null) continue;
    const { refs, skipped } = readBlock(block, doc);
    if (refs.length > 0) {
      const full = cutByPreview(block) ? fullCopy(doc, blocks.start(k), refs.length) : null;
      if (full) {
        warnSkipped(doc, full.skipped);
        return full.refs;
      }
      warnSkipped(doc, skipped);
      return refs;
    }
    skippedEverywhere.push(...skipped);
  }
  warnSkipped(doc, skippedEverywhere);
  return [];
}

/** A block a page's truncated preview cut off (`B. SECSTATE 1...`, `C. LIMA 2...`). */
function cutByPreview(block: string): boolean {
  return /(?:\.{3}|…)\s*$/.test(block);
}

/**
 * A page holding a truncated preview and then the full text carries the REF block twice: the
 * first whole copy after the cut, when it lists at least as many items (issue 8, class 9).
 */
function fullCopy(
  doc: BodyDoc,
  from: number,
  least: number,
): { refs: Reference[]; skipped: string[] } | null {
  const cut = doc.text.indexOf("...", from);
  if (cut < 0) return null;
  const rest = new RefBlocks(doc.text.slice(cut + 3));
  for (let k = 0; k < rest.count; k++) {
    const block = rest.read(k);
    if (block === null || cutByPreview(block)) continue;
    const read = readBlock(block, doc);
    if (read.refs.length >= least) return read;
  }
  return null;
}

function warnSkipped(doc: BodyDoc, skipped: string[]): void {
  const unique = [...new Set(skipped)];
  if (unique.length === 0) return;
  const list = unique.map((t) => JSON.stringify(t)).join(", ");
  doc.warnings.push(
    unique.length === 1
      ? `REF item not recognised as a reference: ${list}`
      : `REF items not recognised as references: ${list}`,
  );
}

function readBlock(block: string, doc: BodyDoc): { refs: Reference[]; skipped: string[] } {
  // No station before the first citation: a lone serial is never given the citing post's.
  const state: ReadState = { doc, lastStation: null };
  const out: Reference[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const item of endAtProse(splitItems(block, doc.year))) {
    const refs = readItem(item, state);
    if (refs.length === 0 && item.text !== "") skipped.push(item.text);
    for (const ref of refs) {
      if (ref.referenceId !== null && ref.referenceId === doc.referenceId) continue;
      const key = `${ref.label}|${ref.kind}|${ref.referenceId}|${ref.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return { refs: out, skipped };
}

interface ReadState {
  doc: BodyDoc;
  /** Station of the last citation, for a serial written alone (`B. 2962 AND PREVIOUS`). */
  lastStation: string | null;
}

function readItem(item: RawItem, state: ReadState): Reference[] {
  const { label, text } = item;
  const atoms = findCableAtoms(text, state.doc.year);
  if (atoms.length === 0) return [loneSerial(item, state) ?? typed(label, text)].filter(isRef);
  // A typing word before the first citation, with no separator between, makes the citation part
  // of a title: `INCSR BRAZIL 2008` is a report, not cable 2008 of Brasilia.
  const head = text.slice(0, atoms[0]!.start);
  if (!/[;,:]/.test(head) && referenceKind(head)) return [typed(label, text)].filter(isRef);
  const refs: Reference[] = [];
  atoms.forEach((atom, k) => {
    const from = k === 0 ? 0 : atom.start;
    const to = atoms[k + 1]?.start ?? text.length;
    // Typed text sharing the item with citations (`E-Mail Tralala; 05 STATE 1234`) is split
    // off at a separator; other words around a citation are its caption or title.
    const lead = k === 0 ? splitAtSeparator(text.slice(0, atom.start), "last") : null;
    if (lead) {
      const r = typed(label, lead.typed);
      if (r) refs.push(r);
    }
    const tail = splitAtSeparator(text.slice(atom.end, to), "first");
    const start = lead ? atom.start : from;
    const citation = tidy(text.slice(start, tail ? atom.end + tail.keepLength : to));
    refs.push(...cableRefs(label, atom, citation, state));
    if (tail) {
      const r = typed(label, tail.typed);
      if (r) refs.push(r);
    }
    state.lastStation = atom.station;
  });
  return refs;
}

/**
 * Unwrapped copies run the REF line straight into the text (`STATE 6970 As requested in reftel,
 * contacts...`): a run of lower-case words after a number ends the item there, and the block.
 * Titles in parentheses do not count (`HANOI 60 (few changes at the plenum)`).
 */
function endAtProse(items: RawItem[]): RawItem[] {
  const out: RawItem[] = [];
  for (const item of items) {
    // Most items are upper case: no run of lower-case words, nothing to look at.
    if (!/[a-z]{2}\s+[a-z]{2}/.test(item.text)) {
      out.push(item);
      continue;
    }
    const masked = item.text.replace(/\([^()]*\)/g, (p) => "X".repeat(p.length));
    const run = /\b[a-z]{2,}\s+[a-z]{2,}\s+[a-z]{2,}\b/.exec(masked);
    const cut = run ? masked.slice(0, run.index).search(/[\d)][^\d)]*$/) : -1;
    if (run && cut >= 0) {
      out.push({ label: item.label, text: item.text.slice(0, cut + 1) });
      break;
    }
    out.push(item);
  }
  return out;
}

function cableRefs(
  label: string | null,
  atom: CableAtom,
  text: string,
  state: ReadState,
): Reference[] {
  return atom.serials.map((s) => {
    const yy = s.yy ?? (state.doc.year === null ? null : String(state.doc.year));
    return {
      label,
      kind: "cable" as const,
      referenceId: yy === null ? null : formatId(Number(yy), atom.station, s.serial),
      text,
    };
  });
}

/**
 * `B. 2962 AND PREVIOUS`: a serial alone continues the station cited before it in the block. With
 * no citation before it (`REF: A. (A) 44297`) it is the citing post's own only when it can be
 * (see ownEarlierSerial); else the station is unknown and the item stays a cable without an id,
 * never given an invented station (most such serials are the Department's). A year
 * alone (`C. 2008`, a title wrapped after its year) is no serial: it stays an item of kind other.
 */
function loneSerial(item: RawItem, state: ReadState): Reference | null {
  const m = /^#?\s*(\d{3,7})(\s*(?:\(NOTAL\)|AND PREVIOUS|and previous))?$/.exec(item.text);
  if (!m) return null;
  const serial = Number(m[1]);
  if (!serial) return null;
  const { label, text } = item;
  if (!m[2] && looksLikeYear(m[1]!, state.doc.year)) {
    return { label, kind: "other", referenceId: null, text };
  }
  const station = state.lastStation ?? ownEarlierSerial(state.doc, serial);
  const year = state.doc.year;
  return {
    label,
    kind: "cable",
    referenceId: station && year !== null ? formatId(year, station, serial) : null,
    text,
  };
}

/**
 * The citing post's own station, only where the serial can be one of its earlier cables of the
 * year: serials count up through the year, so `08STATE88235` may cite `85678`, but `08SANJOSE337`
 * cannot cite its own `44297` (that one is the Department's).
 */
function ownEarlierSerial(doc: BodyDoc, serial: number): string | null {
  const own = doc.referenceId ? splitId(doc.referenceId) : null;
  if (!own || own.year !== doc.year) return null;
  return serial < own.serial ? own.station : null;
}

const FIRST_CABLE_YEAR = 1966;

/** Four digits that read as a year near the citing cable's own (`2008` in a 2008 cable). */
function looksLikeYear(digits: string, docYear: number | null): boolean {
  if (digits.length !== 4) return false;
  const n = Number(digits);
  if (n < FIRST_CABLE_YEAR) return false;
  return docYear === null ? n <= 2011 : n <= docYear + 1 && n >= docYear - 10;
}

function typed(label: string | null, text: string): Reference | null {
  const clean = tidy(text);
  const kind = clean ? referenceKind(clean) : null;
  return kind ? { label, kind, referenceId: null, text: clean } : null;
}

/**
 * Text around a citation, cut at the separator nearest to it (`;`, `,`, `:`): the part beyond
 * is its own reference when it is typed. `keepLength` is what stays with the citation.
 */
function splitAtSeparator(
  text: string,
  which: "first" | "last",
): { typed: string; keepLength: number } | null {
  const idx =
    which === "first"
      ? text.search(/[;,:]/)
      : Math.max(text.lastIndexOf(";"), text.lastIndexOf(","), text.lastIndexOf(":"));
  if (idx < 0) return null;
  const part = which === "first" ? text.slice(idx + 1) : text.slice(0, idx);
  if (!referenceKind(part)) return null;
  return { typed: part, keepLength: idx };
}

function tidy(text: string): string {
  return trimSeparators(/\s\s|[\t\n\r]/.test(text) ? text.replace(/\s+/g, " ") : text);
}

function isRef(r: Reference | null): r is Reference {
  return r !== null;
}
