/**
 * The full run of PostgreSQL's entity resolution (a first load, `entities --rebuild`): SQLite's
 * full run (src/store/entities-full.ts) on columns fed straight from PostgreSQL's rows. Every cable's
 * facts and every mention are read once, in SQLite's order, into the scan's columns (ScanFeed);
 * the groups are placed by the same code (placeAll); what moved goes back by COPY into a temporary
 * table and one `UPDATE … FROM`, and the derived tables (deriveAll's rows, the variant owners)
 * are replaced by COPY.
 *
 * Why not the scratch SQLite archive the incremental run uses (entities-scratch.ts): a full run
 * reads everything, and the scratch archive made it store every mention in SQLite, build its
 * group indexes, read it all back into the same columns, write every moved placement and every
 * derived row into SQLite and read them out again — at 251,287 cables, about half the run
 * (docs/server-mode.md, "Entities on PostgreSQL").
 */
import { deriveAll } from "../entities-derived-all.js";
import { ownerRows, planMentionWrites } from "../entities-full.js";
import { type Placed, placeAll } from "../entities-place.js";
import type { ResolveReport } from "../entities-resolve.js";
import {
  type CableRow,
  type MentionRow,
  PROTECTED,
  type Scan,
  ScanFeed,
  TYPES,
  US_OFFICIAL,
} from "../entities-scan.js";
import { EMPTY } from "../entities-scan-types.js";
import type { RowSink } from "../entities-walk.js";
import type { Sql } from "./connect.js";
import { type CopyValue, copyRows } from "./copy.js";
import { ahead, CHUNK } from "./entities-scratch.js";

/** The row ScanState.add reads, computed by the server as SQLite's scan computes it. */
const MENTION_ROW = `SELECT cable_id, seq,
         CASE type ${TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(" ")} END,
         name, NULLIF(variants, '${EMPTY}'), NULLIF(roles, '${EMPTY}'),
         (us_official::int * ${US_OFFICIAL}) | (protected::int * ${PROTECTED}),
         entity_id, link, key, vkeys
    FROM mentions ORDER BY cable_id, seq`;

export interface FullReport extends ResolveReport {
  written: number;
  readSeconds: number;
  writeSeconds: number;
}

/** Every cable and mention of the archive, as a Scan. */
async function readScan(tx: Sql): Promise<Scan> {
  const [count] = await tx<{ n: number }[]>`SELECT count(*)::int8 AS n FROM mentions`;
  const feed = new ScanFeed(count!.n);
  const cables = tx`SELECT id, station, year, created, signers FROM cables ORDER BY id`;
  for await (const rows of ahead(cables.cursor(CHUNK)))
    for (const c of rows as unknown as CableRow[]) feed.cable(c);
  const mentions = tx.unsafe(MENTION_ROW).values();
  for await (const rows of ahead(mentions.cursor(CHUNK)))
    for (const r of rows as unknown as MentionRow[]) feed.mention(r);
  return feed.finish();
}

/** Rows held for one COPY (deriveAll hands its tables' rows out interleaved). */
class HeldCopy implements RowSink {
  readonly rows: CopyValue[][] = [];
  constructor(readonly table: string) {}
  add(row: readonly unknown[]): void {
    this.rows.push(row as CopyValue[]);
  }
  flush(): void {}
}

/** `into` as deriveAll names it, `table (col, ...)`, split for copyRows. */
function tableAndColumns(into: string): [string, string] {
  const m = /^(\w+) \((.*)\)$/.exec(into);
  if (!m) throw new Error(`not a table and its columns: ${into}`);
  return [m[1]!, m[2]!];
}

/** The placements that moved (with their group keys as the rule computes them), by one UPDATE. */
async function writePlacements(tx: Sql, s: Scan, placed: Placed): Promise<number> {
  const planned = planMentionWrites(s, placed);
  if (!planned) return 0;
  const w = planned;
  await tx.unsafe(`CREATE TEMP TABLE cg_placed (cable_id bigint, seq integer, entity_id text,
                   link text, key text, vkeys text) ON COMMIT DROP`);
  function* rows(): Generator<CopyValue[]> {
    for (let i = 0; i < w.n; i++) {
      const what = w.what[i]!;
      if (what === 0) continue;
      // Not rekeyed: the stored keys are the rule's (ScanState.add compared them).
      const c = s.combo[i]!;
      yield [
        w.cableId[w.cable[i]!]!,
        w.seq[i]!,
        w.entityIds[w.entity[i]!] ?? null,
        w.links[w.link[i]!] ?? null,
        s.groupKeys[s.comboGroup[c]!]!,
        s.comboVkeys[c]!,
      ];
    }
  }
  const moved = await copyRows(
    tx,
    "cg_placed",
    "cable_id, seq, entity_id, link, key, vkeys",
    rows(),
  );
  await tx.unsafe(`UPDATE mentions m SET entity_id = p.entity_id, link = p.link, key = p.key,
                          vkeys = p.vkeys
                     FROM cg_placed p WHERE m.cable_id = p.cable_id AND m.seq = p.seq`);
  return moved;
}

/**
 * The full run inside the caller's transaction (which holds the writer lock). `meanwhile` is sent
 * to the server before the rule blocks this thread, and awaited after it.
 */
export async function resolveAllPg(
  tx: Sql,
  meanwhile?: (tx: Sql) => Promise<unknown>,
): Promise<FullReport> {
  const started = performance.now();
  const s = await readScan(tx);
  const readSeconds = (performance.now() - started) / 1000;
  const server = meanwhile?.(tx);
  server?.catch(() => {});
  if (server) await new Promise((sent) => setImmediate(sent));
  const placed = placeAll(s);
  const held: HeldCopy[] = [];
  deriveAll(s, placed.entity, (into) => {
    const rows = new HeldCopy(into);
    held.push(rows);
    return rows;
  });
  let entities = 0;
  for (const h of held) if (tableAndColumns(h.table)[0] === "entities") entities = h.rows.length;
  await server;
  const t1 = performance.now();
  const written = await writePlacements(tx, s, placed);
  // DELETE, not TRUNCATE: a reader's snapshot keeps the old rows until the commit, where
  // TRUNCATE would show it empty tables (and public mode nobody to protect).
  for (const h of held) {
    const [table, columns] = tableAndColumns(h.table);
    await tx.unsafe(`DELETE FROM ${table}`);
    await copyRows(tx, table, columns, h.rows);
  }
  await tx.unsafe("DELETE FROM entity_owners");
  await copyRows(tx, "entity_owners", "type, vkey, key, mentions", ownerRows(s));
  return {
    mode: "full",
    mentions: s.n,
    entities,
    changed: placed.changed,
    ms: performance.now() - started,
    written,
    readSeconds,
    writeSeconds: (performance.now() - t1) / 1000,
  };
}
