/**
 * The archive as the archive commands (ingest, stats, search, show, export) and the web server
 * see it: one async interface, two back ends. `--db PATH` (or CABLEGRAM_DB) is a SQLite file, wrapped here around the
 * existing synchronous code with the same calls and answers as before; `--db postgres://…` is an
 * archive on PostgreSQL (src/store/postgres/, docs/server-mode.md). The URL's password never
 * reaches a message: the archive is named by `label`.
 */

import { type ExportFormat, exportQuery } from "../export/index.js";
import { exportQueryPostgres } from "../export/postgres.js";
import { citedBy as citedBySqlite, cites as citesSqlite } from "../graph/cites.js";
import type { CiteEdge } from "../graph/types.js";
import { type IngestOptions, type IngestReport, ingest } from "../ingest/index.js";
import { ingestPostgres } from "../ingest/postgres.js";
import type { Cable } from "../model/cable.js";
import { idPrefix, MAX_SUGGESTIONS, suggestIds as suggestIdsSqlite } from "../search/ids.js";
import { type SearchTuning, search } from "../search/index.js";
import { searchPostgres } from "../search/postgres/search.js";
import { QuerySyntaxError, type SearchResult, type SortOrder } from "../search/types.js";
import { type DateEstimate, dateEstimate as dateEstimateSqlite } from "../store/date-estimates.js";
import type { Db } from "../store/db.js";
import { cancelledBy } from "../store/postgres/cancel.js";
import {
  archiveFailure,
  isPostgresUrl,
  type OpenOptions,
  openPostgres,
  type PgArchive,
  redactUrl,
} from "../store/postgres/connect.js";
import {
  dateEstimate as dateEstimatePg,
  estimateCreated as estimateCreatedPg,
} from "../store/postgres/date-estimates.js";
import {
  isPublicModePg,
  protectedIndexPg,
  withoutWithheld,
} from "../store/postgres/entities-public.js";
import { getCable as getCablePg, archiveStats as statsPg } from "../store/postgres/read.js";
import { getCable } from "../store/read.js";
import { type ArchiveStats, archiveStats } from "../store/stats.js";
import { postgresReads } from "./postgres-reads.js";
import type { ArchiveReads } from "./reads.js";
import { sqliteReads } from "./sqlite-reads.js";

export { isPostgresUrl } from "../store/postgres/connect.js";

export interface Archive extends ArchiveReads {
  /** How messages name the archive: its path, or its URL without the password. */
  readonly label: string;
  readonly backend: "sqlite" | "postgres";
  ingest(inputs: readonly string[], opts: IngestOptions): Promise<IngestReport>;
  stats(): Promise<ArchiveStats>;
  search(query: string, opts: SearchTuning): Promise<SearchResult>;
  getCable(referenceId: string): Promise<Cable | null>;
  cites(referenceId: string): Promise<CiteEdge[]>;
  citedBy(referenceId: string): Promise<CiteEdge[]>;
  dateEstimate(referenceId: string): Promise<DateEstimate | null>;
  suggestIds(word: string): Promise<string[]>;
  /** Chunks of the export; a bad query throws (QuerySyntaxError) before the first chunk. */
  exportChunks(
    query: string,
    format: ExportFormat,
    opts: { sort?: SortOrder },
  ): AsyncIterable<string> & { return?: (v?: undefined) => unknown };
  /**
   * Runs `fn`, whose reads stop when `signal` aborts (the server passes a request's signal: its
   * client left). On PostgreSQL each statement `fn` starts is cancelled, waiting or running, and
   * rejects with SQLSTATE 57014 (src/store/postgres/cancel.ts). SQLite's reads are synchronous and
   * short: they run to the end, and the server checks the signal before it starts one.
   */
  cancelledBy<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * For the commands that read SQLite archives only so far: a PostgreSQL URL is refused by name,
 * without its password, before anything (an existence check, a message) could echo it.
 */
export function refusePostgres(target: string): void {
  if (isPostgresUrl(target)) {
    throw new Error(
      `${redactUrl(target)} is an archive on PostgreSQL: this command reads SQLite archives only so far (docs/server-mode.md)`,
    );
  }
}

/** A SQLite archive already opened: the calls the commands made before, unchanged. */
export function sqliteArchive(db: Db, label: string): Archive {
  return {
    ...sqliteReads(db),
    label,
    backend: "sqlite",
    ingest: (inputs, opts) => ingest(db, inputs, opts),
    stats: async () => archiveStats(db),
    search: async (query, opts) => search(db, query, opts),
    getCable: async (id) => getCable(db, id),
    cites: async (id) => citesSqlite(db, id),
    citedBy: async (id) => citedBySqlite(db, id),
    dateEstimate: async (id) => dateEstimateSqlite(db, id),
    suggestIds: async (word) => suggestIdsSqlite(db, word),
    exportChunks: (query, format, opts) => exportQuery(db, query, format, opts) as never,
    cancelledBy: (_signal, fn) => fn(),
    close: async () => {
      db.close();
    },
  };
}

async function edges(
  rows: Promise<
    {
      label: string | null;
      target: string;
      present: boolean;
      subject: string | null;
      created: string | null;
    }[]
  >,
  estimate: (referenceId: string) => Promise<string | null>,
): Promise<CiteEdge[]> {
  const seen = new Set<string>();
  const out: CiteEdge[] = [];
  for (const r of await rows) {
    if (seen.has(r.target)) continue;
    seen.add(r.target);
    out.push({
      label: r.label,
      referenceId: r.target,
      present: r.present,
      subject: r.subject,
      created: r.created,
      estimatedCreated: r.present ? null : await estimate(r.target),
    });
  }
  return out;
}

export function postgresArchive(pg: PgArchive): Archive {
  const sql = pg.sql;
  const guard = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      // Query errors (QuerySyntaxError) are the user's to read as they are; anything else names
      // the archive without its password.
      if (err instanceof QuerySyntaxError) throw err;
      throw archiveFailure(pg.url, err);
    }
  };
  return {
    ...postgresReads(pg, guard),
    label: pg.label,
    backend: "postgres",
    ingest: (inputs, opts) => ingestPostgres(pg, inputs, opts),
    stats: () => guard(() => statsPg(sql)),
    search: (query, opts) => guard(() => searchPostgres(sql, query, opts)),
    getCable: (id) =>
      guard(async () => {
        const cable = await getCablePg(sql, id);
        return cable && isPublicModePg(sql)
          ? withoutWithheld(await protectedIndexPg(sql), cable)
          : cable;
      }),
    cites: (id) =>
      guard(() =>
        edges(
          sql`SELECT r.label, r.target_id AS target, (c.id IS NOT NULL) AS present, c.subject, c.created
                FROM cables me JOIN refs r ON r.cable_id = me.id
                LEFT JOIN cables c ON c.reference_id = r.target_id
               WHERE me.reference_id = ${id} AND r.target_id IS NOT NULL ORDER BY r.seq`,
          (target) => estimateCreatedPg(sql, target),
        ),
      ),
    citedBy: (id) =>
      guard(() =>
        edges(
          sql`SELECT r.label, c.reference_id AS target, true AS present, c.subject, c.created
                FROM refs r JOIN cables c ON c.id = r.cable_id
               WHERE r.target_id = ${id}
               ORDER BY c.created COLLATE "C" NULLS FIRST, c.reference_id COLLATE "C", r.seq`,
          async () => null,
        ),
      ),
    dateEstimate: (id) => guard(() => dateEstimatePg(sql, id)),
    suggestIds: (word) =>
      guard(async () => {
        const prefix = idPrefix(word);
        const rows = await sql<{ reference_id: string }[]>`
          SELECT reference_id FROM cables WHERE reference_id COLLATE "C" >= ${prefix}
             AND reference_id COLLATE "C" < ${`${prefix}\uffff`}
           ORDER BY reference_id COLLATE "C" LIMIT ${MAX_SUGGESTIONS + 1}`;
        return rows
          .map((r) => r.reference_id)
          .filter((x) => x !== prefix)
          .slice(0, MAX_SUGGESTIONS);
      }),
    exportChunks: (query, format, opts) => {
      const chunks = exportQueryPostgres(pg, query, format, opts);
      return (async function* () {
        try {
          yield* chunks;
        } catch (err) {
          throw archiveFailure(pg.url, err);
        }
      })();
    },
    cancelledBy,
    close: () => pg.close(),
  };
}

/**
 * Opens a PostgreSQL archive for a command; failures come back without the password. With
 * `readUrl` (`--db-read`: a streaming replica) every read goes there and only ingest to `url`.
 */
export async function openPostgresArchive(
  url: string,
  opts: Pick<OpenOptions, "readonly" | "statementTimeoutMs"> & { readUrl?: string } = {},
): Promise<Archive> {
  const primary = postgresArchive(await openPostgres(url, opts));
  if (!opts.readUrl) return primary;
  let reads: Archive;
  try {
    reads = postgresArchive(await openPostgres(opts.readUrl, { ...opts, readonly: true }));
  } catch (err) {
    await primary.close();
    throw err;
  }
  return {
    ...reads,
    ingest: primary.ingest,
    close: async () => {
      await Promise.all([reads.close(), primary.close()]);
    },
  };
}

/**
 * The archive a command works on: `--db` when given, else CABLEGRAM_DB, else the default path.
 * The option's default cannot say whether `--db` was typed, so the command line is asked.
 */
export function archiveTarget(value: string, argv: readonly string[] = process.argv): string {
  const typed = argv.some((a) => a === "--db" || a.startsWith("--db="));
  const env = process.env.CABLEGRAM_DB;
  return !typed && env ? env : value;
}
