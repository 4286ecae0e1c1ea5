/**
 * The incremental run of entity resolution on PostgreSQL: SQLite's own (src/store/entities-
 * touched.ts) on a scratch archive that holds only what it reads, so a small ingest into a large
 * archive pays for the groups it touches, not for every mention (a full run read all 6 million at
 * 251,287 cables). Its inputs are SQLite's: the mentions no resolution has placed yet and the
 * placed ones removed since the last run, which PostgreSQL migration 016's trigger journals in
 * `entity_dirty` as SQLite's `mentions_resolved_gone` does.
 *
 * The scratch archive is filled in two steps, because which entities must be rebuilt is known only
 * once the groups are placed again:
 * 1. the journal, the unplaced mentions, every mention of each group they touch (a placement
 *    depends only on its group and the variant owners), all of `entity_owners` (about 19,000 rows
 *    at 251,287 cables) and the cables of those mentions;
 * 2. after placing, every other mention of each entity whose mentions moved (in groups not
 *    touched, so as PostgreSQL holds them), and their cables.
 * Then the derived rows of those entities are rebuilt, and what changed is written back: the moved
 * placements, those entities' rows, and `entity_owners` whole.
 */
import type { Db } from "../db.js";
import type { EntityType } from "../entities-input.js";
import { buildIndex, MENTIONS_ENTITY_INDEX } from "../entities-stage.js";
import {
  affectedEntities,
  freshKeys,
  placeTouched,
  rebuildAffected,
  removedVkeys,
} from "../entities-touched.js";
import { Batches } from "../entities-walk.js";
import { finishMentionLoad, startMentionLoad } from "../entities-write.js";
import { pauseSummaryJournal } from "../entity-summary-journal.js";
import type { Sql } from "./connect.js";
import { ENTITY_COLUMNS } from "./entities-copy.js";
import {
  ahead,
  CABLE_SELECT,
  CHUNK,
  copyBack,
  MENTION_SELECT,
  scratchInserts,
  writeMoved,
} from "./entities-scratch.js";

const MENTION_NAMES = ENTITY_COLUMNS.mentions!.split(", ");
const [CABLE_ID, TYPE, NAME, VARIANTS] = ["cable_id", "type", "name", "variants"].map((c) =>
  MENTION_NAMES.indexOf(c),
) as [number, number, number, number];

/** Entity ids per query of phase 2 (each an index probe of `mentions_entity`). */
const IDS_PER_QUERY = 2_000;

export interface TouchedReport {
  mode: "incremental";
  mentions: number;
  entities: number;
  changed: number;
  written: number;
  readSeconds: number;
  writeSeconds: number;
  ms: number;
}

/** What the scratch archive has been given so far, and the statements that give it more. */
class Scratch {
  private readonly insert: ReturnType<typeof scratchInserts>;
  private readonly cables = new Set<string>();
  private readonly wanted = new Set<string>();

  constructor(
    private readonly tx: Sql,
    db: Db,
    private readonly byIdShare: number,
  ) {
    this.insert = scratchInserts(db, true);
  }

  /** Stores the mentions `query` selects (MENTION_SELECT), and notes their cables. */
  async mentions(query: string, params: unknown[], each?: (row: unknown[]) => void): Promise<void> {
    const cursor = this.tx.unsafe(query, params as never[]).values();
    for await (const rows of ahead(cursor.cursor(CHUNK))) {
      const list = rows as unknown as unknown[][];
      this.insert.mentions(list);
      for (const r of list) {
        const id = String(r[CABLE_ID]);
        if (!this.cables.has(id)) this.wanted.add(id);
        each?.(r);
      }
    }
  }

  /**
   * Stores the cables of the mentions stored since the last call: by id, or all of them in one
   * pass when the touched groups name more than half the cables (a group such as `united states`
   * names most; `byIdShare` of ResolveOptions). At 251,287 cables, 228,233 by id took 6.6 s, all
   * of them 3.5 s.
   */
  async cablesWanted(): Promise<void> {
    const ids = [...this.wanted];
    this.wanted.clear();
    if (ids.length === 0) return;
    const [{ n } = { n: 0 }] = await this.tx<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM cables`;
    if (ids.length > n * this.byIdShare) {
      const all = this.tx.unsafe(`SELECT ${CABLE_SELECT} FROM cables ORDER BY id`).values();
      for await (const rows of ahead(all.cursor(CHUNK)))
        this.insert.cables(rows as unknown as unknown[][]);
    } else {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const rows = await this.tx
          .unsafe(`SELECT ${CABLE_SELECT} FROM cables WHERE id = ANY($1::bigint[])`, [
            ids.slice(i, i + CHUNK),
          ])
          .values();
        this.insert.cables(rows as unknown as unknown[][]);
      }
    }
    for (const id of ids) this.cables.add(id);
  }

  /**
   * The entities among `ids` with mentions the scratch archive lacks: PostgreSQL's count of each
   * one's mentions (read from the index) against the scratch archive's count of those it holds
   * placed there. Only an entity that spans groups has any (`Al Aqsa Foundation` and `Al-Aqsa
   * Foundation`: two groups, one id).
   */
  async incomplete(db: Db, ids: readonly string[]): Promise<string[]> {
    // One pass over the scratch archive's mentions, rather than one count per entity.
    const held = new Map<string, number>();
    const rows = db
      .prepare<[], [string, number]>(
        "SELECT was_entity_id, count(*) FROM mentions WHERE was_entity_id IS NOT NULL GROUP BY 1",
      )
      .raw();
    for (const [id, n] of rows.iterate()) held.set(id, n);
    const out: string[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const counts = await this.tx<{ id: string; n: number }[]>`
        SELECT entity_id AS id, count(*)::int AS n FROM mentions
         WHERE entity_id COLLATE "C" = ANY(${ids.slice(i, i + IDS_PER_QUERY) as string[]}::text[])
         GROUP BY 1`;
      for (const c of counts) if (c.n > (held.get(c.id) ?? 0)) out.push(c.id);
    }
    return out;
  }
}

/**
 * Runs the incremental resolution on `db`, an empty scratch archive. `byIdShare`: the share of the
 * archive's cables up to which the cables of the touched groups are read by id rather than all.
 */
export async function resolveTouchedPg(tx: Sql, db: Db, byIdShare = 0.5): Promise<TouchedReport> {
  const started = performance.now();
  // Mentions arrive before their cables: which cables are needed is known from the mentions.
  db.pragma("foreign_keys = OFF");
  // The group indexes built once, after the rows, as a first load builds them.
  startMentionLoad(db);
  const scratch = new Scratch(tx, db, byIdShare);
  // Step 1: the journal of removed mentions and the groups it and the unplaced mentions touch.
  const touched = new Map<EntityType, Set<string>>();
  const touch = (type: EntityType, key: string) => {
    const keys = touched.get(type) ?? new Set<string>();
    touched.set(type, keys);
    keys.add(key);
  };
  const journal = db.prepare(
    "INSERT INTO entity_dirty (type, key, vkeys, entity_id) VALUES (?, ?, ?, ?)",
  );
  const removed = await tx`
    SELECT type, key, vkeys, entity_id FROM entity_dirty WHERE type <> '*'`.values();
  db.transaction(() => {
    for (const r of removed as unknown as [EntityType, string | null, string | null, string][]) {
      journal.run(...r);
      touch(r[0], r[1] ?? "");
      for (const v of removedVkeys(r[2])) touch(r[0], v);
    }
  })();
  await scratch.mentions(
    `SELECT ${MENTION_SELECT} FROM mentions m WHERE m.entity_id IS NULL ORDER BY m.cable_id, m.seq`,
    [],
    (r) => {
      const type = r[TYPE] as EntityType;
      const { key, vkeys } = freshKeys({
        type,
        name: r[NAME] as string,
        variants: r[VARIANTS] as string,
      });
      touch(type, key);
      for (const v of vkeys) touch(type, v);
    },
  );
  const types: string[] = [];
  const keys: string[] = [];
  for (const [type, set] of touched) {
    for (const key of set) {
      types.push(type);
      keys.push(key);
    }
  }
  await scratch.mentions(
    `SELECT ${MENTION_SELECT} FROM unnest($1::text[], $2::text[]) AS t(type, key)
       JOIN mentions m ON m.type = t.type AND m.key = t.key ORDER BY m.cable_id, m.seq`,
    [types, keys],
  );
  const owners = await tx`SELECT type, vkey, key, mentions FROM entity_owners`.values();
  const owner = db.prepare(
    "INSERT INTO entity_owners (type, vkey, key, mentions) VALUES (?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (const r of owners as unknown as unknown[][]) owner.run(...r);
  })();
  await scratch.cablesWanted();
  finishMentionLoad(db);
  buildIndex(db, MENTIONS_ENTITY_INDEX);
  let readSeconds = (performance.now() - started) / 1000;

  // Placed again by SQLite's code; the summary tables the scratch archive has are not kept.
  pauseSummaryJournal(db);
  let batches = new Batches(db);
  const placed = placeTouched(db, batches);
  batches.commit();

  // Step 2: the other mentions of the entities to rebuild.
  const t2 = performance.now();
  const affected = [...affectedEntities(db)];
  const incomplete = await scratch.incomplete(db, affected);
  for (let i = 0; i < incomplete.length; i += IDS_PER_QUERY) {
    await scratch.mentions(
      `SELECT ${MENTION_SELECT} FROM mentions m WHERE m.entity_id COLLATE "C" = ANY($1::text[])`,
      [incomplete.slice(i, i + IDS_PER_QUERY)],
    );
  }
  await scratch.cablesWanted();
  readSeconds += (performance.now() - t2) / 1000;
  batches = new Batches(db);
  const entities = rebuildAffected(db, batches);
  batches.commit();

  const t3 = performance.now();
  const written = await writeMoved(tx, db);
  await tx`DELETE FROM entities WHERE id = ANY(${affected}::text[])`;
  await tx`DELETE FROM entity_forms WHERE entity_id = ANY(${affected}::text[])`;
  await tx`DELETE FROM entity_words WHERE entity_id = ANY(${affected}::text[])`;
  const theirs = "IN (SELECT id FROM temp.entity_affected)";
  await copyBack(tx, db, "entities", `WHERE id ${theirs}`);
  await copyBack(tx, db, "entity_forms", `WHERE entity_id ${theirs}`);
  await copyBack(tx, db, "entity_words", `WHERE entity_id ${theirs}`);
  // DELETE, not TRUNCATE: a reader's snapshot keeps the old rows until the commit.
  await tx`DELETE FROM entity_owners`;
  await copyBack(tx, db, "entity_owners");
  return {
    mode: "incremental",
    mentions: placed.mentions,
    entities,
    changed: placed.changed,
    written,
    readSeconds,
    writeSeconds: (performance.now() - t3) / 1000,
    ms: performance.now() - started,
  };
}
