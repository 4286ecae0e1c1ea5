/**
 * The reader's previous / next: the cables of the same station before and after this one by year
 * and serial (the order the station sent them), and, when the reader was opened from a result
 * list, the hits before and after it there. The list travels in the URL as the search's own
 * parameters (`/cables/08TRIPOLI227?q=qadhafi&sort=-created`), so it survives a reload and a link.
 */
import { neighbours } from "../../search/neighbours.js";
import type { SortOrder } from "../../search/types.js";
import { type Db, perConnection } from "../../store/db.js";
import { composeQuery, hasFilters, type QueryInput } from "./query.js";

export interface StationNav {
  station: string;
  prev: string | null;
  next: string | null;
}

export interface ResultNav {
  position: number;
  total: number;
  prev: string | null;
  next: string | null;
}

const stmts = perConnection((db: Db) => ({
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
}));

export function stationNav(db: Db, id: string): StationNav | null {
  const s = stmts(db);
  const p = s.place.get(id);
  if (!p?.station || p.year === null || p.serial === null) return null;
  return {
    station: p.station,
    prev: s.before.get(p.station, p.year, p.serial) ?? null,
    next: s.after.get(p.station, p.year, p.serial) ?? null,
  };
}

/** The result list the reader came from, when its parameters are in the URL. */
export function resultNav(
  db: Db,
  id: string,
  input: QueryInput & { sort?: SortOrder | undefined },
): ResultNav | null {
  if (!input.q?.trim() && !hasFilters(input)) return null;
  const p = stmts(db).place.get(id);
  if (!p) return null;
  const { node } = composeQuery(input);
  return neighbours(db, node, input.sort ?? "relevance", p.id);
}
