/** An analytics table as CSV (RFC 4180, as the exports write it): the header row, then its rows. */
import type { Table } from "../analytics/table.js";
import { csvRow } from "./index.js";

export function tableCsv(t: Table): string {
  return [csvRow(t.columns), ...t.rows.map((r) => csvRow(r))].join("");
}
