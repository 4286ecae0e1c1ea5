import type { Cable } from "../model/cable.js";
import { type Db, perConnection } from "./db.js";
import { cableEntities, type EntityType } from "./entities-input.js";
import { mentionKeys } from "./entities-rule.js";
import { buildIndex } from "./entities-stage.js";
import { pauseSummaryJournal } from "./entity-summary-journal.js";
import { withheldIn } from "./protection-inherit.js";

/**
 * The writer's part of the entity layer: a cable's persons, organisations and places as rows of
 * `mentions`, unresolved (entity_id NULL) until resolveEntities runs at the end of the ingest,
 * each with the resolution group it belongs to (mentionKeys).
 * Deleting them with the cable is the writer's child-table cleanup (src/store/write.ts).
 */

const stmts = perConnection((db: Db) => ({
  insert: db.prepare(
    `INSERT INTO mentions (cable_id, seq, type, name, variants, roles, paragraphs, kind, us_official,
       protected, key, vkeys)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  forms: db
    .prepare<[string], string>("SELECT form FROM protected_forms WHERE reference_id = ?")
    .pluck(),
}));

const EMPTY = "[]";
const list = (xs: readonly unknown[]) => (xs.length === 0 ? EMPTY : JSON.stringify(xs));

function groupOf(type: EntityType, name: string, variants: readonly string[]): [string, string] {
  const { key, vkeys } = mentionKeys({ type, name, variants });
  return [key, vkeys.join("\n")];
}

/**
 * `protected` is what public mode withholds (protection-inherit.ts, withheldIn): the persons the
 * cable protects, in this version or another (`protected_forms`, which the writer fills before it
 * calls this), and every name sharing a word with them. The Cable JSON keeps the contract's
 * `protected`, the persons alone.
 */
export function insertMentions(db: Db, cableId: number, cable: Cable): void {
  const { persons, organizations, places } = cableEntities(cable);
  if (persons.length + organizations.length + places.length === 0) return;
  const { insert, forms } = stmts(db);
  const withheld = withheldIn(cable, cable.referenceId ? forms.all(cable.referenceId) : []);
  const flag = (e: Parameters<typeof withheld>[0]) => (withheld(e) ? 1 : 0);
  let seq = 0;
  for (const p of persons) {
    insert.run(
      cableId,
      seq++,
      "person",
      p.name,
      list(p.variants),
      list(p.roles),
      list(p.paragraphs),
      null,
      p.usOfficial ? 1 : 0,
      flag(p),
      ...groupOf("person", p.name, p.variants),
    );
  }
  for (const o of organizations) {
    insert.run(
      cableId,
      seq++,
      "org",
      o.name,
      list(o.variants),
      EMPTY,
      list(o.paragraphs),
      null,
      0,
      flag(o),
      ...groupOf("org", o.name, o.variants),
    );
  }
  for (const l of places) {
    insert.run(
      cableId,
      seq++,
      "place",
      l.name,
      list(l.variants),
      EMPTY,
      list(l.paragraphs),
      l.kind,
      0,
      flag(l),
      ...groupOf("place", l.name, l.variants),
    );
  }
}

/** `mentions_key` as migration 008 defines it. */
export const MENTIONS_KEY_INDEX = "CREATE INDEX IF NOT EXISTS mentions_key ON mentions(type, key)";

/**
 * A load into an archive that holds no mention yet (a first ingest) writes `mentions` without the
 * two indexes only resolution reads: `mentions_key` (its groups) and `mentions_entity` (the
 * entities' mentions). Kept up to date row by row, `mentions_key` takes each of the archive's
 * mentions (6.5 million at 251,287 cables) to the page of its group, which is a random page of a
 * few hundred MB; built once after the load it is one sort (scripts/bench-mention-writes.ts
 * measures both). A full resolution follows such a load (the archive has no entity yet), and it
 * builds `mentions_entity` itself when it applies its placements (entities-stage.ts), so that one
 * is not built here at all.
 *
 * The dropped indexes are what marks the load: an ingest killed part-way leaves them missing, its
 * resumption goes on without them, and whichever run finishes builds them (finishMentionLoad).
 * Any load while a full summary build is pending also goes without the summary journal's
 * triggers (entity-summary-journal.ts).
 */
export function startMentionLoad(db: Db): void {
  pauseSummaryJournal(db);
  if (db.prepare("SELECT 1 FROM mentions LIMIT 1").get() !== undefined) return;
  db.exec("DROP INDEX IF EXISTS mentions_key; DROP INDEX IF EXISTS mentions_entity");
}

/** Builds `mentions_key` where a load left it missing (the first step of resolution reads it). */
export function finishMentionLoad(db: Db): void {
  buildIndex(db, MENTIONS_KEY_INDEX);
}
