import { type Db, perConnection } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { displayNames } from "./entities-rule.js";
import { formWords } from "./entity-names.js";

/**
 * The tables derived from placed mentions — `entities`, `entity_forms`, `entity_words` — computed
 * per entity from all the mentions placed in it, the same way for a full run (every entity) and an
 * incremental one (the entities whose mentions changed).
 */

/** A placed mention, as the derived tables need it. */
export interface PlacedRow {
  entityId: string;
  type: EntityType;
  cableId: number;
  name: string;
  variants: readonly string[];
  protected: boolean;
  created: string | null;
}

interface Agg {
  type: EntityType;
  cables: Set<number>;
  publicCables: Set<number>;
  first: string | null;
  last: string | null;
  forms: Map<string, { cables: Set<number>; publicCables: Set<number> }>;
}

export function aggregate(rows: readonly PlacedRow[]): Map<string, Agg> {
  const aggs = new Map<string, Agg>();
  for (const r of rows) {
    let a = aggs.get(r.entityId);
    if (!a) {
      a = {
        type: r.type,
        cables: new Set(),
        publicCables: new Set(),
        first: null,
        last: null,
        forms: new Map(),
      };
      aggs.set(r.entityId, a);
    }
    a.cables.add(r.cableId);
    if (!r.protected) a.publicCables.add(r.cableId);
    if (r.created) {
      if (a.first === null || r.created < a.first) a.first = r.created;
      if (a.last === null || r.created > a.last) a.last = r.created;
    }
    for (const form of [r.name, ...r.variants]) {
      let f = a.forms.get(form);
      if (!f) {
        f = { cables: new Set<number>(), publicCables: new Set<number>() };
        a.forms.set(form, f);
      }
      f.cables.add(r.cableId);
      if (!r.protected) f.publicCables.add(r.cableId);
    }
  }
  return aggs;
}

const stmts = perConnection((db: Db) => ({
  insEntity: db.prepare(
    `INSERT INTO entities (id, type, name, cables, public_cables, first_created, last_created)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  insForm: db.prepare(
    "INSERT INTO entity_forms (entity_id, form, cables, public_cables) VALUES (?, ?, ?, ?)",
  ),
  insWord: db.prepare("INSERT INTO entity_words (word, entity_id, public) VALUES (?, ?, ?)"),
  forms: db.prepare<[string], string>("SELECT form FROM entity_forms WHERE entity_id = ?").pluck(),
  delWord: db.prepare("DELETE FROM entity_words WHERE word = ? AND entity_id = ?"),
  delForms: db.prepare("DELETE FROM entity_forms WHERE entity_id = ?"),
  delEntity: db.prepare("DELETE FROM entities WHERE id = ?"),
}));

/**
 * Writes the derived rows of the entities in `rows` (all their mentions, none of any other
 * entity) and returns how many rows it wrote. The caller has removed any earlier rows of those
 * entities.
 */
export function writeDerived(db: Db, rows: readonly PlacedRow[]): number {
  const aggs = aggregate(rows);
  const names = displayNames(
    rows,
    rows.map((r) => ({ entityId: r.entityId })),
  );
  const { insEntity, insForm, insWord } = stmts(db);
  // Rows go in in key order: appends to the WITHOUT ROWID b-trees instead of page splits.
  const ids = [...aggs.keys()].sort();
  const words = new Map<string, number>();
  let written = 0;
  for (const id of ids) {
    const a = aggs.get(id)!;
    insEntity.run(id, a.type, names.get(id)!, a.cables.size, a.publicCables.size, a.first, a.last);
    written++;
    for (const form of [...a.forms.keys()].sort()) {
      const f = a.forms.get(form)!;
      const pub = f.publicCables.size > 0 ? 1 : 0;
      insForm.run(id, form, f.cables.size, f.publicCables.size);
      written++;
      for (const key of formWords(form)) {
        const k = `${key}\u0000${id}`;
        words.set(k, Math.max(words.get(k) ?? 0, pub));
      }
    }
  }
  for (const key of [...words.keys()].sort()) {
    const [word, id] = key.split("\u0000") as [string, string];
    insWord.run(word, id, words.get(key)!);
    written++;
  }
  return written;
}

/** Removes the derived rows of `ids` (their words found through their stored forms). */
export function deleteDerived(db: Db, ids: Iterable<string>): void {
  const { forms, delWord, delForms, delEntity } = stmts(db);
  for (const id of ids) {
    for (const form of forms.all(id)) for (const w of formWords(form)) delWord.run(w, id);
    delForms.run(id);
    delEntity.run(id);
  }
}

/** Empties the derived tables (a full run rewrites them all). */
export function clearDerived(db: Db): void {
  for (const table of ["entities", "entity_forms", "entity_words"]) db.exec(`DELETE FROM ${table}`);
}
