import { BURST_DIMENSIONS, burstTable, dimensionBursts, queryBursts } from "../analytics/bursts.js";
import { PERIODS, type Period } from "../analytics/periods.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat, withResultSet } from "./analytics-io.js";
import { commandArgs } from "./args.js";

const KINDS = ["query", ...BURST_DIMENSIONS] as const;

const HELP = `usage: cablegram bursts QUERY [--of query|tag|origin] [--by P] [--limit N] [--csv|--json] [--db PATH]
  Kleinberg two-state bursts (s=2, gamma=1) against all cables of each period, strongest first.
  QUERY       query language; '' for every cable
  --of K      the query's own series (default), or every TAG / origin within the query's cables
  --by P      period of the query's series: ${PERIODS.join(", ")} (default month; TAG/origin: month)
  --limit N   bursts listed (default 20)
  --csv       CSV: header row, then one row per burst
  --json      the bursts with their first cables as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runBursts(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "bursts",
    args,
    {
      of: { type: "string", default: "query" },
      by: { type: "string", default: "month" },
      limit: { type: "string", default: "20" },
      csv: { type: "boolean" },
      json: { type: "boolean" },
      db: { type: "string", default: DEFAULT_ARCHIVE },
      help: { type: "boolean", short: "h" },
    },
    HELP,
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const kind = values.of as (typeof KINDS)[number];
  const by = values.by as Period;
  const limit = Number(values.limit);
  if (!KINDS.includes(kind) || !PERIODS.includes(by) || !Number.isSafeInteger(limit) || limit < 1) {
    process.stderr.write(`cablegram bursts: bad option\n${HELP}\n`);
    return 2;
  }
  const query = positionals.join(" ");
  return withResultSet("bursts", values.db, query, async (db, set) => {
    const bursts =
      kind === "query"
        ? queryBursts(db, { ...set, label: query || "all cables" }, by).slice(0, limit)
        : dimensionBursts(db, kind, { set: set.query === "" ? undefined : set, limit });
    const table = burstTable(
      "bursts",
      `Bursts of ${kind === "query" ? `'${query}'` : `every ${kind}`}`,
      bursts,
    );
    await printTables([table], tableFormat(values), bursts);
  });
}
