import type { Db } from "./db.js";
import type { EntityType } from "./entities-input.js";
import { type MentionFacts, resolve } from "./entities-rule.js";
import { fold, nameWords } from "./entity-names.js";

/**
 * Resolution over the whole archive: every mention placed in its entity by the rule
 * (entities-rule.ts), then the tables derived from the mentions rebuilt (entities, their forms and
 * the words looked up by name). Runs at the end of each ingest, in one transaction; the rule is
 * deterministic, so mentions that were already placed keep their entity and are not rewritten.
 */

interface Row {
  cable_id: number;
  seq: number;
  type: EntityType;
  name: string;
  variants: string;
  roles: string;
  protected: number;
  entity_id: string | null;
  link: string | null;
  station: string | null;
  year: number | null;
  created: string | null;
}

export interface ResolveReport {
  mentions: number;
  entities: number;
  changed: number;
  ms: number;
}

interface Agg {
  type: EntityType;
  cables: Set<number>;
  publicCables: Set<number>;
  first: string | null;
  last: string | null;
  forms: Map<string, { cables: Set<number>; publicCables: Set<number> }>;
}

export function resolveEntities(db: Db): ResolveReport {
  const started = performance.now();
  return db.transaction((): ResolveReport => {
    const rows = db
      .prepare<[], Row>(
        `SELECT m.cable_id, m.seq, m.type, m.name, m.variants, m.roles, m.protected, m.entity_id,
                m.link, c.station, c.year, c.created
           FROM mentions m JOIN cables c ON c.id = m.cable_id`,
      )
      .all();
    const facts: MentionFacts[] = rows.map((r) => ({
      type: r.type,
      name: r.name,
      variants: JSON.parse(r.variants) as string[],
      roles: JSON.parse(r.roles) as string[],
      station: r.station,
      year: r.year,
    }));
    const { placements, names } = resolve(facts);

    const countEntities = db.prepare<[], number>("SELECT count(*) FROM entities").pluck();
    const update = db.prepare(
      "UPDATE mentions SET entity_id = ?, link = ? WHERE cable_id = ? AND seq = ?",
    );
    let changed = 0;
    const aggs = new Map<string, Agg>();
    rows.forEach((r, i) => {
      const p = placements[i]!;
      if (p.entityId !== r.entity_id || p.link !== r.link) {
        update.run(p.entityId, p.link, r.cable_id, r.seq);
        changed++;
      }
      let a = aggs.get(p.entityId);
      if (!a) {
        a = {
          type: r.type,
          cables: new Set(),
          publicCables: new Set(),
          first: null,
          last: null,
          forms: new Map(),
        };
        aggs.set(p.entityId, a);
      }
      a.cables.add(r.cable_id);
      if (!r.protected) a.publicCables.add(r.cable_id);
      if (r.created) {
        if (a.first === null || r.created < a.first) a.first = r.created;
        if (a.last === null || r.created > a.last) a.last = r.created;
      }
      for (const form of [r.name, ...facts[i]!.variants]) {
        const f = a.forms.get(form) ?? {
          cables: new Set<number>(),
          publicCables: new Set<number>(),
        };
        a.forms.set(form, f);
        f.cables.add(r.cable_id);
        if (!r.protected) f.publicCables.add(r.cable_id);
      }
    });

    // Every placement as it was: the derived tables are what they were (a rerun, a re-ingest).
    if (changed === 0 && aggs.size === countEntities.get()) {
      return {
        mentions: rows.length,
        entities: aggs.size,
        changed,
        ms: performance.now() - started,
      };
    }
    for (const table of ["entities", "entity_forms", "entity_words"])
      db.exec(`DELETE FROM ${table}`);
    const insEntity = db.prepare(
      `INSERT INTO entities (id, type, name, cables, public_cables, first_created, last_created)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insForm = db.prepare(
      "INSERT INTO entity_forms (entity_id, form, cables, public_cables) VALUES (?, ?, ?, ?)",
    );
    const insWord = db.prepare(
      "INSERT INTO entity_words (word, entity_id, public) VALUES (?, ?, ?)",
    );
    // Rows go in in key order: appends to the WITHOUT ROWID b-trees instead of page splits.
    const ids = [...aggs.keys()].sort();
    const words = new Map<string, number>();
    for (const id of ids) {
      const a = aggs.get(id)!;
      insEntity.run(
        id,
        a.type,
        names.get(id)!,
        a.cables.size,
        a.publicCables.size,
        a.first,
        a.last,
      );
      for (const form of [...a.forms.keys()].sort()) {
        const f = a.forms.get(form)!;
        const pub = f.publicCables.size > 0 ? 1 : 0;
        insForm.run(id, form, f.cables.size, f.publicCables.size);
        for (const raw of nameWords(form)) {
          const key = `${fold(raw.replace(/\.$/, ""))}\u0000${id}`;
          words.set(key, Math.max(words.get(key) ?? 0, pub));
        }
      }
    }
    for (const key of [...words.keys()].sort()) {
      const [word, id] = key.split("\u0000") as [string, string];
      insWord.run(word, id, words.get(key)!);
    }
    return {
      mentions: rows.length,
      entities: aggs.size,
      changed,
      ms: performance.now() - started,
    };
  })();
}
