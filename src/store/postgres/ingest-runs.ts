/**
 * The `ingest_runs` log on PostgreSQL, and how a killed ingest is told from a running one. SQLite
 * names the holder by pid (src/store/ingest-runs.ts); an ingest into PostgreSQL may run on another
 * machine, so here the run holds a session advisory lock keyed by its id, on a connection reserved
 * for the run. The server releases it when that connection ends, however it ends (kill -9, a power
 * cut of the client): a `running` row whose lock nobody holds was interrupted. Two ingests may run
 * at once (the writer lock makes their batches take turns), so a live run does not refuse another.
 */
import type { ReservedSql } from "postgres";
import type { Pool, Sql } from "./connect.js";

/** First key of the run locks ("cabr"); the second is the run id. */
export const RUN_LOCK = 0x63616272;

/** Rows `running` whose ingest is gone: no session holds the run's lock in this database. */
const DEAD = `status = 'running' AND NOT EXISTS (
  SELECT 1 FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid::bigint = ${RUN_LOCK} AND l.objid::bigint = ingest_runs.id)`;

export interface ClaimedRun {
  id: number;
  /** Ends the claim: the lock and the reserved connection go. */
  release(): Promise<void>;
}

/**
 * Logs a run and holds it until `release`; runs left `running` by ingests that are gone are marked
 * interrupted first, as the SQLite ingest does. The lock is taken before the row is visible, so no
 * one can see the new row unheld.
 */
export async function claimRun(
  sql: Pool,
  startedAt: string,
  inputs: readonly string[],
): Promise<ClaimedRun> {
  const conn: ReservedSql = await sql.reserve();
  try {
    const [next] = await conn<{ id: number }[]>`SELECT nextval('ingest_runs_id_seq')::bigint AS id`;
    const id = next!.id;
    await conn`SELECT pg_advisory_lock(${RUN_LOCK}, ${id}::int)`;
    await conn.unsafe(
      `UPDATE ingest_runs SET status = 'interrupted',
              error = 'the ingest ended without finishing: killed, crashed or cut off from the server'
        WHERE ${DEAD}`,
    );
    await conn`INSERT INTO ingest_runs (id, started_at, inputs, status)
               VALUES (${id}, ${startedAt}, ${JSON.stringify(inputs)}, 'running')`;
    return {
      id,
      release: async () => {
        try {
          await conn`SELECT pg_advisory_unlock(${RUN_LOCK}, ${id}::int)`;
        } finally {
          conn.release();
        }
      },
    };
  } catch (err) {
    conn.release();
    throw err;
  }
}

/**
 * The ids of runs recorded `running` whose ingest is gone. A replica cannot see the primary's
 * locks, so there every `running` row is taken at its word.
 */
export async function deadRuns(sql: Sql): Promise<Set<number>> {
  const [standby] = await sql<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`;
  if (standby?.r) return new Set();
  const rows = await sql.unsafe<{ id: number }[]>(`SELECT id FROM ingest_runs WHERE ${DEAD}`);
  return new Set(rows.map((r) => Number(r.id)));
}
