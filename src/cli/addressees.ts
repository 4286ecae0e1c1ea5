import { addressees } from "../analytics/addressees.js";
import { matrixTable } from "../analytics/table.js";
import { DEFAULT_ARCHIVE } from "../store/db.js";
import { printTables, tableFormat, withResultSet } from "./analytics-io.js";
import { commandArgs } from "./args.js";

const HELP = `usage: cablegram addressees QUERY [--csv|--json] [--db PATH]
  Who was told what: addressee posts (action and info), the sender -> addressee flow, precedence
  and precedence by year, collectives, routing indicators resolved to posts.
  --csv       every table as CSV (header row first), separated by blank lines
  --json      the whole analysis as JSON
  --db PATH   archive (default ${DEFAULT_ARCHIVE})`;

export async function runAddressees(args: string[]): Promise<number> {
  const parsed = commandArgs(
    "addressees",
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
  return withResultSet("addressees", values.db, positionals.join(" "), async (db, set) => {
    const a = addressees(db, set.ids);
    await printTables(
      [
        a.addressees,
        matrixTable(a.flow),
        a.precedence,
        matrixTable(a.precedenceByYear),
        a.collectives,
        a.routes,
      ],
      tableFormat(values),
      a,
    );
  });
}
