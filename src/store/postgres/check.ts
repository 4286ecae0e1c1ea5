/**
 * `cablegram check --db postgres://…`: is the archive whole, in the terms of src/store/check.ts.
 * PostgreSQL has no `PRAGMA integrity_check`; its page-level checks are the amcheck extension's
 * (`verify_heapam` reads every heap page of a table, `bt_index_check(…, true)` every B-tree index
 * page and whether each heap row is in the index). amcheck is not a trusted extension, so a
 * superuser must install it; without it the report says so and names what was not checked. The
 * full-text side is what FTS5's check is on SQLite: each stored search vector (a generated
 * column) must equal the one its text gives now, else search misses or invents hits (a changed
 * `unaccent` rule file, say). GIN indexes have no checker before PostgreSQL 18 amcheck; a repair
 * would be `REINDEX`, which rebuilds them from the vectors checked here.
 */
import type { CheckReport, FtsHealth, TableDamage } from "../check.js";
import { tableRole } from "../check.js";
import type { Pool } from "./connect.js";

/** What the check could not look at, and why (empty when everything was checked). */
export interface PgCheckReport extends CheckReport {
  /** Whether amcheck read the table and index pages. */
  pagesChecked: boolean;
  unchecked: string[];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The stored search vectors and the text each is computed from (migration 001-archive). */
const VECTORS = [
  { table: "cables.tsv", sql: "tsv IS DISTINCT FROM cg_text_tsv(subject, body)" },
  {
    table: "cables.people_tsv",
    sql: "people_tsv IS DISTINCT FROM cg_text_tsv(signers, classified_by)",
  },
];

/**
 * The per-cable rows facets and has:missing / has:citedby read (migration 006) against what the
 * tables say now: a row that drifted gives wrong counts and filters as a stale vector does.
 */
async function facetRows(sql: Pool): Promise<FtsHealth> {
  const table = "cable_facets";
  try {
    const [row] = await sql<{ n: number }[]>`
      WITH now AS (SELECT * FROM cg_cable_facet_rows(ARRAY(SELECT id FROM cables)))
      SELECT count(DISTINCT id)::int AS n FROM (
        (SELECT * FROM cable_facets EXCEPT SELECT * FROM now)
        UNION ALL (SELECT * FROM now EXCEPT SELECT * FROM cable_facets)) d`;
    return row!.n === 0
      ? { table, ok: true }
      : {
          table,
          ok: false,
          detail: `${row!.n} cable(s) whose facet row differs from their tables`,
        };
  } catch (err) {
    return { table, ok: false, detail: messageOf(err) };
  }
}

async function pageChecks(sql: Pool): Promise<TableDamage[]> {
  const tables = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname`;
  const damaged: TableDamage[] = [];
  for (const { name } of tables) {
    const heap = await sql<{ blkno: number; offnum: number | null; msg: string }[]>`
      SELECT blkno, offnum, msg FROM verify_heapam(${name}::regclass) LIMIT 3`;
    const indexes = await sql<{ name: string }[]>`
      SELECT i.relname AS name FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am a ON a.oid = i.relam
       WHERE x.indrelid = ${name}::regclass AND a.amname = 'btree' ORDER BY i.relname`;
    const complaints = heap.map(
      (h) => `page ${h.blkno}${h.offnum ? `, row ${h.offnum}` : ""}: ${h.msg}`,
    );
    const indexComplaints: string[] = [];
    for (const index of indexes) {
      try {
        await sql`SELECT bt_index_check(${index.name}::regclass, true)`;
      } catch (err) {
        indexComplaints.push(`${index.name}: ${messageOf(err)}`);
      }
    }
    if (complaints.length + indexComplaints.length === 0) continue;
    damaged.push({
      table: name,
      role: tableRole(name),
      indexOnly: complaints.length === 0,
      detail: [...complaints, ...indexComplaints].slice(0, 3).join("; "),
    });
  }
  return damaged;
}

/** The archive's page-level (amcheck) and full-text checks; it writes nothing. */
export async function checkArchivePg(sql: Pool): Promise<PgCheckReport> {
  const unchecked: string[] = [];
  const [amcheck] = await sql<{ ok: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'amcheck') AS ok`;
  let damaged: TableDamage[] = [];
  const integrity: string[] = [];
  if (amcheck!.ok) {
    try {
      damaged = await pageChecks(sql);
    } catch (err) {
      integrity.push(messageOf(err));
    }
  } else {
    unchecked.push(
      "table and index pages: the amcheck extension is not installed (a superuser runs CREATE EXTENSION amcheck in this database)",
    );
  }
  if (damaged.length > 0) integrity.push(`${damaged.length} table(s) damaged`);
  const fts: FtsHealth[] = [];
  for (const v of VECTORS) {
    try {
      const [row] = await sql.unsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cables WHERE ${v.sql}`,
      );
      fts.push(
        row!.n === 0
          ? { table: v.table, ok: true }
          : {
              table: v.table,
              ok: false,
              detail: `${row!.n} cable(s) whose stored search vector differs from their text`,
            },
      );
    } catch (err) {
      fts.push({ table: v.table, ok: false, detail: messageOf(err) });
    }
  }
  fts.push(await facetRows(sql));
  unchecked.push("GIN (full-text) index pages: amcheck checks them from PostgreSQL 18 on");
  const ok = integrity.length === 0 && fts.every((f) => f.ok);
  const fullyRepairable = damaged.every((d) => d.role !== "text" || d.indexOnly);
  return {
    ok,
    integrity,
    damaged,
    fts,
    fullyRepairable,
    advice: ok ? [] : pgAdvice(damaged, fts),
    pagesChecked: amcheck!.ok,
    unchecked,
  };
}

function pgAdvice(damaged: TableDamage[], fts: FtsHealth[]): string[] {
  const out: string[] = [];
  const indexOnly = damaged.filter((d) => d.indexOnly).map((d) => d.table);
  const pages = damaged.filter((d) => !d.indexOnly).map((d) => d.table);
  if (indexOnly.length > 0) out.push(`REINDEX TABLE each of ${indexOnly.join(", ")}`);
  if (fts.some((f) => !f.ok)) {
    out.push(
      "recompute the search vectors (UPDATE cables SET subject = subject rewrites the generated columns), then REINDEX TABLE cables",
    );
  }
  if (fts.some((f) => f.table === "cable_facets" && !f.ok)) {
    out.push(
      "sync the facet rows: SELECT cg_sync_cable_facets(ARRAY(SELECT id FROM cables UNION SELECT id FROM cable_facets))",
    );
  }
  if (pages.length > 0) {
    out.push(
      `restore from the last backup (pg_dump / a replica) or ingest the sources again: rows on damaged pages of ${pages.join(", ")} cannot be read back`,
    );
  }
  out.push(
    "'cablegram check --repair' repairs SQLite files only; on PostgreSQL the steps above do",
  );
  return out;
}
