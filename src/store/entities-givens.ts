import { referenceTable } from "../reference/reference-data.js";
import { leadersNamed } from "./entities-leaders.js";
import { holdersNamed } from "./entities-offices.js";
import { fold, type NameShape, oneSlip } from "./entity-names.js";

/**
 * Which given name each written given name of a surname stands for (entities-persons.ts): the
 * reference tables' spelling, a nickname's formal name, a typing slip's more written neighbour.
 */

/** Given names long enough that one slip between two of them is a typing slip, not a new name. */
const SLIP_MIN = 5;

/** Office holders and leaders of a surname: the tables spell their given names. */
export function tableNamed(surname: string): { given: string; also: readonly string[] }[] {
  const leaders = leadersNamed(surname).filter((l) => l.surname === surname);
  return [...holdersNamed(surname), ...leaders];
}

let nickTable: Map<string, string[]> | null = null;

/** Folded nickname → the given names it is short for (data/reference/nicknames.csv). */
function nicknames(): Map<string, string[]> {
  if (nickTable) return nickTable;
  nickTable = new Map();
  for (const r of referenceTable("nicknames.csv")) {
    const list = nickTable.get(fold(r.nickname!)) ?? [];
    list.push(fold(r.given!));
    nickTable.set(fold(r.nickname!), list);
  }
  return nickTable;
}

/** A holder's given name outweighs any count of written ones: the table spells it. */
export const TABLE_WEIGHT = Number.MAX_SAFE_INTEGER;

/**
 * Per surname, the given name each written given name stands for: the given name of an office
 * holder of that surname for its other forms (`Bill` → `William` Clinton), else the most written
 * one within one typing slip of it (`Magaret Scobey` is `Margaret Scobey`; `Condoleeza Rice` is
 * the table's `Condoleezza`); ties go to the first in alphabetical order, so the choice does not
 * depend on the order of the mentions.
 */
export function canonicalGivens(shapes: readonly NameShape[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const s of shapes) {
    if (!s.given || !s.surname) continue;
    let c = counts.get(s.surname);
    if (!c) {
      c = new Map<string, number>();
      counts.set(s.surname, c);
      for (const h of tableNamed(s.surname)) c.set(h.given, TABLE_WEIGHT);
    }
    if (c.get(s.given) !== TABLE_WEIGHT) c.set(s.given, (c.get(s.given) ?? 0) + 1);
  }
  const out = new Map<string, string>();
  for (const [surname, c] of counts) {
    for (const h of tableNamed(surname))
      for (const a of h.also) if (c.has(a)) out.set(`${surname}\u0000${a}`, h.given);
    if (c.size < 2) continue;
    for (const g of c.keys()) {
      // A nickname (`Nick`) is the one formal given name it stands for written with the surname.
      if (out.has(`${surname}\u0000${g}`)) continue;
      const formal = (nicknames().get(g) ?? []).filter((f) => c.has(f));
      if (formal.length === 1) out.set(`${surname}\u0000${g}`, formal[0]!);
    }
    for (const g of c.keys()) {
      if (g.length < SLIP_MIN || out.has(`${surname}\u0000${g}`)) continue;
      let best = g;
      for (const [h, n] of c) {
        if (h === g || h.length < SLIP_MIN || !oneSlip(g, h)) continue;
        const m = c.get(best)!;
        if (n > m || (n === m && h < best)) best = h;
      }
      if (best !== g) out.set(`${surname}\u0000${g}`, best);
    }
  }
  return out;
}
