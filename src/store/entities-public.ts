/**
 * Public mode over one connection: once `setPublicMode(db)` is called (by `serve --public`), every
 * part reading through that connection hides what the archive must not show — search leaves the
 * protecting cables out of searches by a protected name (src/search/entity-visibility.ts), entity
 * pages, facets and exports leave out protected mentions, and the server masks protected names in
 * every answer about a protecting cable (src/server/public-mode.ts). A per-connection switch, not
 * a parameter threaded through each caller, so a route added later is covered too.
 */
import type { Db } from "./db.js";
import { foldedWords, type Masker, masker } from "./entities-mask.js";
import { significantWords } from "./entity-names.js";
import { coveredBy } from "./protection-inherit.js";

const publicConnections = new WeakSet<Db>();

export function setPublicMode(db: Db): void {
  // A public server never writes, so it cannot migrate: without the forms older versions protect
  // it would show them (src/store/protection-inherit.ts).
  const has = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'protected_forms'")
    .get();
  if (!has) {
    throw new Error(
      "the archive predates protection across versions (migration 016): open it once with a command that may write (cablegram entities --rebuild --db PATH), then serve it publicly",
    );
  }
  publicConnections.add(db);
}

export function isPublicMode(db: Db): boolean {
  return publicConnections.has(db);
}

/** A cable's persons as public mode lists them (both back ends): without the protected ones. */
export interface PublicPersons {
  referenceId?: string | null;
  persons?: { name: string; variants: string[]; protected: boolean }[];
}

/**
 * Whether public mode leaves a person of a cable (any of its versions) out: marked protected in
 * that version, or covered by what another version of the cable protects (protection-inherit.ts).
 */
function hiddenIn(index: ProtectedIndex, cable: PublicPersons) {
  const p = cable.referenceId ? index.byReference.get(cable.referenceId) : undefined;
  return (person: { name: string; variants: string[]; protected: boolean }) =>
    person.protected || (p !== undefined && coveredBy(p.words, person));
}

/** The cable without the persons public mode leaves out of it; the same object when none. */
export function withoutProtectedPersons<C extends PublicPersons>(
  index: ProtectedIndex,
  cable: C,
): C {
  const hidden = hiddenIn(index, cable);
  if (!cable.persons?.some(hidden)) return cable;
  return { ...cable, persons: cable.persons.filter((x) => !hidden(x)) };
}

/**
 * A whole cable as a public connection shows it: without the persons it protects (their names are
 * masked out of its text by the server, src/server/public-mode.ts). Unchanged elsewhere.
 */
export function publicView<C extends PublicPersons>(db: Db, cable: C): C {
  if (!publicConnections.has(db)) return cable;
  return withoutProtectedPersons(protectedIndex(db), cable);
}

export interface ProtectingCable {
  rowid: number;
  referenceId: string;
  /** Every form written for the persons this cable protects. */
  forms: string[];
  /** Their folded significant words (entity-names.ts). */
  words: Set<string>;
  masker: Masker;
}

export interface ProtectedIndex {
  byRowid: Map<number, ProtectingCable>;
  byReference: Map<string, ProtectingCable>;
  /** Folded word → the protecting cables whose protected persons are written with it. */
  byWord: Map<string, ProtectingCable[]>;
}

/** A protected person's mention, with the cable protecting them. */
export interface ProtectedMention {
  cable_id: number;
  reference_id: string;
  name: string;
  variants: string;
}

const cache = new WeakMap<Db, { stamp: string; index: ProtectedIndex }>();

function stampOf(db: Db): string {
  const dv = db.pragma("data_version", { simple: true }) as number;
  const own = db.prepare<[], number>("SELECT total_changes()").pluck().get() ?? 0;
  return `${dv}:${own}`;
}

/** The cables with protected persons, read once per archive state. */
export function protectedIndex(db: Db): ProtectedIndex {
  const stamp = stampOf(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.index;
  const rows = db
    .prepare<[], ProtectedMention>(
      `SELECT m.cable_id, c.reference_id, m.name, m.variants
         FROM mentions m INDEXED BY mentions_protected JOIN cables c ON c.id = m.cable_id
        WHERE m.protected = 1
       UNION ALL
       SELECT c.id, c.reference_id, p.form, '[]'
         FROM protected_forms p JOIN cables c ON c.reference_id = p.reference_id`,
    )
    .all();
  const index = indexOf(rows);
  cache.set(db, { stamp, index });
  return index;
}

/** The index over the protected mentions of an archive, from either back end. */
export function indexOf(rows: readonly ProtectedMention[]): ProtectedIndex {
  const byRowid = new Map<number, ProtectingCable>();
  for (const r of rows) {
    let p = byRowid.get(r.cable_id);
    if (!p) {
      p = {
        rowid: r.cable_id,
        referenceId: r.reference_id,
        forms: [],
        words: new Set(),
        masker: { mask: (s) => s },
      };
      byRowid.set(r.cable_id, p);
    }
    p.forms.push(r.name, ...(JSON.parse(r.variants) as string[]));
  }
  const byReference = new Map<string, ProtectingCable>();
  const byWord = new Map<string, ProtectingCable[]>();
  for (const p of byRowid.values()) {
    p.words = new Set(significantWords(p.forms));
    p.masker = masker(p.forms);
    byReference.set(p.referenceId, p);
    for (const w of p.words) {
      const list = byWord.get(w);
      if (list) list.push(p);
      else byWord.set(w, [p]);
    }
  }
  return { byRowid, byReference, byWord };
}

/** Whether any word of a query text (folded; `prefix`: its start) is a protected word of `p`. */
export function namesProtected(p: ProtectingCable, text: string, prefix: boolean): boolean {
  for (const w of foldedWords(text)) {
    if (p.words.has(w)) return true;
    if (prefix && w.length > 0) for (const pw of p.words) if (pw.startsWith(w)) return true;
  }
  return false;
}

/** The protecting cables a query text could reach through a protected word. */
export function cablesNamedBy(
  index: ProtectedIndex,
  text: string,
  prefix: boolean,
): Set<ProtectingCable> {
  const out = new Set<ProtectingCable>();
  for (const w of foldedWords(text)) {
    for (const p of index.byWord.get(w) ?? []) out.add(p);
    if (prefix && w.length > 0) {
      for (const [pw, list] of index.byWord) if (pw.startsWith(w)) for (const p of list) out.add(p);
    }
  }
  return out;
}
