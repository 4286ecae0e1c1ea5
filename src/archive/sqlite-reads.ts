/**
 * The server's reads on a SQLite archive: today's synchronous code behind the async calls, with
 * its statements prepared once per connection.
 */
import { sqliteAnalytics } from "../analytics/sqlite-source.js";
import { comentionGexf, entitiesCsv } from "../export/entities.js";
import { estimateCreated } from "../graph/estimate.js";
import { sqliteGraph } from "../graph/sqlite-source.js";
import type { QueryNode } from "../search/ast.js";
import { coMentions } from "../search/entity-facets.js";
import { searchParsed, warmUp } from "../search/index.js";
import { neighbours } from "../search/neighbours.js";
import type { FacetCount, SortOrder } from "../search/types.js";
import { type Db, perConnection } from "../store/db.js";
import { protectedIndex, setPublicMode } from "../store/entities-public.js";
import { cableMentions, entityDetail, findEntities } from "../store/entities-read.js";
import { getVersions } from "../store/read.js";
import type { ArchiveReads, CountedColumn, StationNav, VersionInfo } from "./reads.js";

interface VersionRow extends Omit<VersionInfo, "current" | "source"> {
  current: number;
  format: VersionInfo["source"]["format"];
  file: string;
  offset: number;
  line: number;
}

const stmts = perConnection((db: Db) => {
  const counted = (sql: string) => db.prepare<[], FacetCount>(sql);
  return {
    // The current version through the unique reference_id index: cables.version_id has none.
    versions: db.prepare<[string], VersionRow>(
      `SELECT v.id AS versionId,
              (v.id = (SELECT c.version_id FROM cables c WHERE c.reference_id = v.reference_id)) AS current,
              v.released, v.source_format AS format, v.source_file AS file, v.source_offset AS offset,
              v.source_line AS line, v.ingested_at AS ingestedAt, v.text_hash AS textHash,
              v.content_hash AS contentHash
         FROM versions v WHERE v.reference_id = ? ORDER BY v.id`,
    ),
    place: db.prepare<
      [string],
      { id: number; station: string | null; year: number | null; serial: number | null }
    >("SELECT id, station, year, serial FROM cables WHERE reference_id = ?"),
    // Row values compare (year, serial) as a pair; cables_station_year_serial answers both.
    before: db
      .prepare<[string, number, number], string>(
        `SELECT reference_id FROM cables WHERE station = ? AND (year, serial) < (?, ?)
          ORDER BY year DESC, serial DESC LIMIT 1`,
      )
      .pluck(),
    after: db
      .prepare<[string, number, number], string>(
        `SELECT reference_id FROM cables WHERE station = ? AND (year, serial) > (?, ?)
          ORDER BY year, serial LIMIT 1`,
      )
      .pluck(),
    present: db.prepare<[string], number>("SELECT 1 FROM cables WHERE reference_id = ?").pluck(),
    cited: db.prepare<[string], number>("SELECT 1 FROM refs WHERE target_id = ? LIMIT 1").pluck(),
    origin: counted(
      `SELECT origin AS value, count(*) AS count FROM cables WHERE origin IS NOT NULL
        GROUP BY origin ORDER BY count DESC, origin`,
    ),
    classification: counted(
      `SELECT classification AS value, count(*) AS count FROM cables
        WHERE classification IS NOT NULL GROUP BY classification ORDER BY count DESC, classification`,
    ),
    tag: counted(
      "SELECT tag AS value, count(*) AS count FROM tags GROUP BY tag ORDER BY count DESC, tag",
    ),
    months: db.prepare<[], { month: string; count: number }>(
      `SELECT month, count(*) AS count FROM cables WHERE month IS NOT NULL
        GROUP BY month ORDER BY month`,
    ),
    dataVersion: db.prepare<[], number>("PRAGMA data_version").pluck(),
  };
});

function stationNav(db: Db, id: string): StationNav | null {
  const s = stmts(db);
  const p = s.place.get(id);
  if (!p?.station || p.year === null || p.serial === null) return null;
  return {
    station: p.station,
    prev: s.before.get(p.station, p.year, p.serial) ?? null,
    next: s.after.get(p.station, p.year, p.serial) ?? null,
  };
}

function resultNav(db: Db, id: string, node: QueryNode, sort: SortOrder) {
  const p = stmts(db).place.get(id);
  return p ? neighbours(db, node, sort, p.id) : null;
}

export function sqliteReads(db: Db): ArchiveReads {
  return {
    sqlite: db,
    graph: sqliteGraph(db),
    analytics: sqliteAnalytics(db),
    searchParsed: async (node, opts) => searchParsed(db, node, opts),
    versions: async (id) =>
      stmts(db)
        .versions.all(id)
        .map(({ format, file, offset, line, current, ...v }) => ({
          ...v,
          current: current === 1,
          source: { format, file, offset, line },
        })),
    olderVersions: async (id) => getVersions(db, id).filter((v) => !v.current),
    mentions: async (id) => cableMentions(db, id),
    findEntities: async (q, opts) => findEntities(db, q, opts),
    // Co-mentions counted over the search layer's facet columns, which a server keeps per
    // connection: milliseconds where the SQL join takes seconds for the most named entities.
    entityDetail: async (id, after = null) =>
      entityDetail(db, id, {
        after,
        coMentions: (e, cables, n) => coMentions(db, e, cables, n),
      }),
    entitiesCsv: async (q, type) => entitiesCsv(db, q, type),
    entityNetwork: async (opts) => comentionGexf(db, opts),
    enterPublicMode: () => setPublicMode(db),
    warmUp: async () => warmUp(db),
    protectedIndex: async () => protectedIndex(db),
    estimateCreated: async (id) => estimateCreated(db, id),
    knows: async (id) => {
      const s = stmts(db);
      return s.present.get(id) !== undefined || s.cited.get(id) !== undefined;
    },
    stationNav: async (id) => stationNav(db, id),
    resultNav: async (id, node, sort) => resultNav(db, id, node, sort),
    columnValues: async (column: CountedColumn) => stmts(db)[column].all(),
    tagCounts: async () => stmts(db).tag.all(),
    monthCounts: async () => stmts(db).months.all(),
    dataVersion: () => stmts(db).dataVersion.get() ?? 0,
  };
}
