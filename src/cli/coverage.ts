import { coverage, coverageTable } from "../analytics/coverage.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat, withResultSet } from "./analytics-io.js";
import { commandArgs } from "./args.js";

const HELP = `usage: cablegram coverage [QUERY] [--csv|--json] [--db PATH]
  Per post and year: cables held, the highest serial held or cited, the share held, and cables
  cited but not held. Without QUERY, the whole archive.
  --csv       CSV: header row, then one row per post and year
  --json      as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runCoverage(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "coverage",
    args,
    {
      csv: { type: "boolean" },
      json: { type: "boolean" },
      db: { type: "string", default: DEFAULT_ARCHIVE },
      help: { type: "boolean", short: "h" },
    },
    HELP,
    { positionals: false },
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const query = positionals.join(" ");
  return withResultSet("coverage", values.db, query, async (db, set) => {
    const c = coverage(db, query.trim() === "" ? null : set.ids);
    await printTables([coverageTable(c)], tableFormat(values), c);
  });
}
