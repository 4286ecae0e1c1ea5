/**
 * The server's reads on an archive on PostgreSQL: the same answers as src/archive/sqlite-reads.ts
 * from the same tables (src/store/postgres/migrations). The search there does not place a cable in
 * a result list: that call answers empty (docs/server-mode.md lists what the server leaves out).
 * Public mode is a switch on the pool (src/store/postgres/entities-public.ts) every read consults.
 */
import { comentionGexfPostgres, entitiesCsvPostgres } from "../export/entities-postgres.js";
import { coMentionsFromArraysPg } from "../search/postgres/entity-columns.js";
import { searchParsedPostgres, warmUpPostgres } from "../search/postgres/search.js";
import type { FacetCount } from "../search/types.js";
import type { PgArchive } from "../store/postgres/connect.js";
import { estimateCreated } from "../store/postgres/date-estimates.js";
import {
  isPublicModePg,
  protectedIndexPg,
  setPublicModePg,
  withoutWithheld,
} from "../store/postgres/entities-public.js";
import {
  cableMentionsPg,
  entityDetailPg,
  findEntitiesPg,
} from "../store/postgres/entities-read.js";
import { archiveStamp } from "../store/postgres/per-state.js";
import { getVersions } from "../store/postgres/read.js";
import { postgresAnalytics } from "./postgres-analytics.js";
import { postgresGraph } from "./postgres-graph.js";
import type { ArchiveReads, VersionInfo } from "./reads.js";

type Guard = <T>(f: () => Promise<T>) => Promise<T>;

interface VersionRow {
  versionId: number;
  current: boolean;
  released: string | null;
  format: VersionInfo["source"]["format"];
  file: string;
  offset: number;
  line: number;
  ingestedAt: string;
  textHash: string;
  contentHash: string;
}

/** `guard` turns every failure into an error naming the archive without its password. */
export function postgresReads(pg: PgArchive, guard: Guard): ArchiveReads {
  const sql = pg.sql;
  const pub = () => isPublicModePg(sql);
  const counts = (rows: Promise<readonly FacetCount[]>) => guard(async () => [...(await rows)]);
  return {
    sqlite: null,
    graph: postgresGraph(sql, guard),
    analytics: postgresAnalytics(pg, guard),
    searchParsed: (node, opts) => guard(() => searchParsedPostgres(sql, node, opts)),
    versions: (id) =>
      guard(async () => {
        const rows = await sql<VersionRow[]>`
          SELECT v.id AS "versionId", (v.id = c.version_id) IS TRUE AS current, v.released,
                 v.source_format AS format, v.source_file AS file, v.source_offset AS offset,
                 v.source_line AS line, v.ingested_at AS "ingestedAt", v.text_hash AS "textHash",
                 v.content_hash AS "contentHash"
            FROM versions v LEFT JOIN cables c ON c.reference_id = v.reference_id
           WHERE v.reference_id = ${id} ORDER BY v.id`;
        return rows.map(({ format, file, offset, line, ...v }) => ({
          ...v,
          source: { format, file, offset: Number(offset), line },
        }));
      }),
    olderVersions: (id) =>
      guard(async () => {
        const index = pub() ? await protectedIndexPg(sql) : null;
        return (await getVersions(sql, id))
          .filter((v) => !v.current)
          .map((v) => (index ? { ...v, cable: withoutWithheld(index, v.cable) } : v));
      }),
    mentions: (id) => guard(() => cableMentionsPg(sql, id, pub())),
    findEntities: (q, opts) => guard(() => findEntitiesPg(sql, q, pub(), opts)),
    // Co-mentions over the entity arrays the server keeps for the facets, as on SQLite.
    entityDetail: (id, after = null) =>
      guard(() =>
        entityDetailPg(sql, id, pub(), after, 200, (e, n) => coMentionsFromArraysPg(sql, e, n)),
      ),
    entitiesCsv: (q, type) => guard(() => entitiesCsvPostgres(sql, q, type, pub())),
    entityNetwork: (opts) => guard(() => comentionGexfPostgres(sql, pub(), opts)),
    enterPublicMode: () => setPublicModePg(sql),
    warmUp: () => guard(() => warmUpPostgres(sql)),
    protectedIndex: () => guard(() => protectedIndexPg(sql)),
    estimateCreated: (id) => guard(() => estimateCreated(sql, id)),
    knows: (id) =>
      guard(async () => {
        const [row] = await sql<{ known: boolean }[]>`
          SELECT EXISTS (SELECT 1 FROM cables WHERE reference_id = ${id})
              OR EXISTS (SELECT 1 FROM refs WHERE target_id = ${id}) AS known`;
        return row?.known === true;
      }),
    stationNav: (id) =>
      guard(async () => {
        // Row values compare (year, serial) as a pair; cables_station_year_serial answers both.
        const [row] = await sql<{ station: string; prev: string | null; next: string | null }[]>`
          SELECT me.station,
                 (SELECT c.reference_id FROM cables c
                   WHERE c.station = me.station AND (c.year, c.serial) < (me.year, me.serial)
                   ORDER BY c.year DESC, c.serial DESC LIMIT 1) AS prev,
                 (SELECT c.reference_id FROM cables c
                   WHERE c.station = me.station AND (c.year, c.serial) > (me.year, me.serial)
                   ORDER BY c.year, c.serial LIMIT 1) AS next
            FROM cables me
           WHERE me.reference_id = ${id} AND me.station IS NOT NULL AND me.year IS NOT NULL
             AND me.serial IS NOT NULL`;
        return row ? { station: row.station, prev: row.prev, next: row.next } : null;
      }),
    resultNav: async () => null,
    // COLLATE "C": ties in the order SQLite's BINARY collation gives them.
    columnValues: (column) =>
      counts(
        column === "origin"
          ? sql<FacetCount[]>`
              SELECT origin AS value, count(*)::int AS count FROM cables WHERE origin IS NOT NULL
               GROUP BY origin ORDER BY count DESC, origin COLLATE "C"`
          : sql<FacetCount[]>`
              SELECT classification AS value, count(*)::int AS count FROM cables
               WHERE classification IS NOT NULL
               GROUP BY classification ORDER BY count DESC, classification COLLATE "C"`,
      ),
    tagCounts: () =>
      counts(sql<FacetCount[]>`
        SELECT tag AS value, count(*)::int AS count FROM tags
         GROUP BY tag ORDER BY count DESC, tag COLLATE "C"`),
    monthCounts: () =>
      guard(async () => [
        ...(await sql<{ month: string; count: number }[]>`
          SELECT month, count(*)::int AS count FROM cables WHERE month IS NOT NULL
           GROUP BY month ORDER BY month COLLATE "C"`),
      ]),
    // Version ids only grow, one per new text, and a batch commits its versions with its
    // cables; a finished run changes what the stats page says of the last ingest; a resolution
    // changes entity answers.
    dataVersion: () => guard(() => archiveStamp(sql)),
  };
}
