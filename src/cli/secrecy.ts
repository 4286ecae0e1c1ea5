import { secrecy } from "../analytics/secrecy.js";
import { matrixTable } from "../analytics/table.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat, withResultSet } from "./analytics-io.js";
import { commandArgs } from "./args.js";

const HELP = `usage: cablegram secrecy QUERY [--csv|--json] [--db PATH]
  Levels, level x year and level x origin, caveats, 1.4 reasons, paragraph markings, the
  declassification horizon, over-classification signals and who classifies, for a query's cables.
  --csv       every table as CSV (header row first), separated by blank lines
  --json      the whole analysis as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runSecrecy(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "secrecy",
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
  return withResultSet("secrecy", values.db, positionals.join(" "), async (db, set) => {
    const s = secrecy(db, set.ids);
    const signals = {
      name: "signals",
      title: "Over-classification signals",
      columns: ["signal", "cables"],
      rows: Object.entries(s.signals).map(([k, v]) => [k, v.count]),
    };
    await printTables(
      [
        s.levels,
        matrixTable(s.levelByYear),
        matrixTable(s.levelByOrigin),
        s.caveats,
        s.reasons,
        s.markings,
        s.horizon,
        signals,
        s.classifiers,
      ],
      tableFormat(values),
      s,
    );
  });
}
