import { PERIODS, type Period } from "../analytics/periods.js";
import type { Table } from "../analytics/table.js";
import { share, timeline } from "../analytics/timeline.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat, withResultSet } from "./analytics-io.js";
import { commandArgs } from "./args.js";

const HELP = `usage: cablegram timeline QUERY --by day|week|month|year [--share] [--csv|--json] [--db PATH]
  QUERY       query language (docs/query-language.md); '' for every cable
  --by P      period: ${PERIODS.join(", ")} (default month)
  --share     add each period's share of all cables in the archive
  --csv       CSV: a header row, then one row per period with its count
  --json      the whole timeline as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runTimeline(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "timeline",
    args,
    {
      by: { type: "string", default: "month" },
      share: { type: "boolean" },
      csv: { type: "boolean" },
      json: { type: "boolean" },
      db: { type: "string", default: DEFAULT_ARCHIVE },
      help: { type: "boolean", short: "h" },
    },
    HELP,
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const by = values.by as Period;
  if (!PERIODS.includes(by)) {
    process.stderr.write(`cablegram timeline: --by takes ${PERIODS.join(", ")}\n`);
    return 2;
  }
  const query = positionals.join(" ");
  return withResultSet("timeline", values.db, query, async (db, set) => {
    const t = timeline(db, [{ label: query || "all cables", ids: set.ids }], by);
    const table: Table = {
      name: "timeline",
      title: `Cables per ${by}: ${query || "all cables"} (${set.ids.length} cables)`,
      columns: [by, "count", ...(values.share ? ["share", "all cables"] : [])],
      rows: t.points.map((p) => [
        p.period,
        p.counts[0]!,
        ...(values.share ? [share(p.counts[0]!, p.all), p.all] : []),
      ]),
    };
    await printTables([table], tableFormat(values), t);
  });
}
