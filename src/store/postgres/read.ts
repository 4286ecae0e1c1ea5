/** Whole cables, versions and the archive's figures out of a PostgreSQL archive (as src/store/read.ts, stats.ts). */
import { z } from "zod";
import type { Cable } from "../../model/cable.js";
import { restoreCable } from "../cable-json.js";
import { type StoredVersion, storedJson, storedVersion, type VersionRow } from "../read.js";
import type { ArchiveStats } from "../stats.js";
import { unbuiltAfterBulkLoad } from "./bulk-load.js";
import type { Sql } from "./connect.js";
import { resolutionPending, unresolvedMentionsPg } from "./entities-read.js";
import { deadRuns } from "./ingest-runs.js";

interface CableRow {
  id: number;
  body: string;
  subject: string | null;
  summary: string | null;
  comment: string | null;
  cable_json: string;
}

/** Current versions by rowid, in the order asked, skipping the missing: two queries for any number. */
export async function cablesByRowid(sql: Sql, rowids: readonly number[]): Promise<Cable[]> {
  if (rowids.length === 0) return [];
  const rows = await sql<CableRow[]>`
    SELECT id, body, subject, summary, comment, cable_json FROM cables WHERE id = ANY(${rowids as number[]}::bigint[])`;
  const texts = await sql<{ cable_id: number; texts: string[] }[]>`
    SELECT cable_id, array_agg(text ORDER BY seq) AS texts FROM paragraphs
     WHERE cable_id = ANY(${rowids as number[]}::bigint[]) GROUP BY cable_id`;
  const byCable = new Map(texts.map((t) => [t.cable_id, t.texts]));
  const byId = new Map(
    rows.map((r) => [r.id, restoreCable(r.cable_json, r, byCable.get(r.id) ?? [])]),
  );
  return rowids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
}

export async function getCable(sql: Sql, referenceId: string): Promise<Cable | null> {
  const [row] = await sql<
    { id: number }[]
  >`SELECT id FROM cables WHERE reference_id = ${referenceId}`;
  if (!row) return null;
  return (await cablesByRowid(sql, [row.id]))[0] ?? null;
}

/** Every distinct text stored for an id, oldest ingest first. */
export async function getVersions(sql: Sql, referenceId: string): Promise<StoredVersion[]> {
  const rows = await sql<
    VersionRow[]
  >`SELECT v.id, v.text_hash, v.content_hash, v.released, v.source_id, v.source_format, v.source_file,
           v.source_offset, v.source_line, v.ingested_at, v.cable_json, c.id AS cable_rowid
      FROM versions v LEFT JOIN cables c ON c.reference_id = v.reference_id AND c.version_id = v.id
     WHERE v.reference_id = ${referenceId} ORDER BY v.id`;
  const out: StoredVersion[] = [];
  for (const v of rows) {
    const cable =
      v.cable_rowid !== null ? (await cablesByRowid(sql, [v.cable_rowid]))[0] : storedJson(v);
    if (!cable) throw new Error(`archive damaged: version ${v.id} has no stored cable`);
    out.push(storedVersion(v, cable));
  }
  return out;
}

/** Plain arrays, not the client's result lists (which carry extra fields). */
const rows = async <T>(q: Promise<readonly T[]>): Promise<T[]> => [...(await q)];

const one = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);

/** The figures of `cablegram stats`, as src/store/stats.ts computes them for SQLite. */
export async function archiveStats(sql: Sql): Promise<ArchiveStats> {
  const logged = await sql<
    { id: number; startedAt: string; finishedAt: string | null; status: string }[]
  >`SELECT id, started_at AS "startedAt", finished_at AS "finishedAt", status FROM ingest_runs ORDER BY id`;
  // A `running` row whose ingest is gone (killed) counts as interrupted, as on SQLite.
  const dead = await deadRuns(sql);
  const runs = logged.map((r) => ({
    ...r,
    status: r.status === "running" && dead.has(Number(r.id)) ? "interrupted" : r.status,
  }));
  const unfinishedRuns = { interrupted: 0, failed: 0 };
  for (const r of runs)
    if (r.status === "interrupted" || r.status === "failed") unfinishedRuns[r.status]++;
  const last = runs.at(-1);
  return {
    cables: await one(sql`SELECT count(*)::int AS n FROM cables`),
    versions: await one(sql`SELECT count(*)::int AS n FROM versions`),
    references: await one(sql`SELECT count(*)::int AS n FROM refs`),
    citedCables: await one(
      sql`SELECT count(DISTINCT target_id)::int AS n FROM refs WHERE target_id IS NOT NULL`,
    ),
    missingCables: await one(sql`
      SELECT count(*)::int AS n FROM (SELECT DISTINCT target_id FROM refs WHERE target_id IS NOT NULL) t
       WHERE NOT EXISTS (SELECT 1 FROM cables c WHERE c.reference_id = t.target_id)`),
    partial: await one(sql`SELECT count(*)::int AS n FROM cables WHERE partial`),
    byYear: await rows(sql<{ year: number | null; count: number }[]>`
      SELECT year, count(*)::int AS count FROM cables GROUP BY year ORDER BY year NULLS FIRST`),
    byClassification: await rows(sql<{ classification: string | null; count: number }[]>`
      SELECT classification, count(*)::int AS count FROM cables
       GROUP BY classification ORDER BY count DESC, classification COLLATE "C" NULLS FIRST`),
    bytes: await one(sql`SELECT pg_database_size(current_database()) AS n`),
    lastIngest: last
      ? {
          startedAt: last.startedAt,
          finishedAt: last.finishedAt,
          status: last.status as NonNullable<ArchiveStats["lastIngest"]>["status"],
        }
      : null,
    unfinishedRuns,
    entityResolution: {
      unplaced: await unresolvedMentionsPg(sql),
      pending: await resolutionPending(sql),
    },
    unbuiltIndexes: await unbuiltAfterBulkLoad(sql),
  };
}

/**
 * The server that answers, for `stats`: with `--db-read` it shows that reads went to the replica
 * (`replica`: PostgreSQL's `pg_is_in_recovery()`, true on a standby) and which one.
 */
export const ServerInfoSchema = z.object({
  backend: z.literal("postgres"),
  address: z
    .string()
    .nullable()
    .describe("host:port as the server sees itself; null over a Unix socket"),
  database: z.string(),
  replica: z.boolean().describe("a standby (streaming replica) answered, not the primary"),
  version: z.string(),
});
export type ServerInfo = z.infer<typeof ServerInfoSchema>;

export async function serverInfo(sql: Sql): Promise<ServerInfo> {
  const [r] = await sql<
    {
      addr: string | null;
      port: number | null;
      database: string;
      replica: boolean;
      version: string;
    }[]
  >`SELECT host(inet_server_addr()) AS addr, inet_server_port() AS port, current_database() AS database,
           pg_is_in_recovery() AS replica, current_setting('server_version') AS version`;
  return {
    backend: "postgres",
    address: r!.addr ? `${r!.addr}:${r!.port}` : null,
    database: r!.database,
    replica: r!.replica,
    version: r!.version,
  };
}
