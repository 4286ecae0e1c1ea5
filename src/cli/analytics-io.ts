/**
 * What the analytics commands share: the archive opened like `search` opens it, the query parsed
 * with the same caret on errors, and tables printed as aligned text, CSV (header row, then one
 * row per line) or JSON.
 */
import { type CableSet, matchQuery } from "../analytics/result.js";
import type { AnalyticsSource } from "../analytics/source.js";
import type { Table } from "../analytics/table.js";
import { tableCsv } from "../export/table-csv.js";
import { parseQuery, QuerySyntaxError } from "../search/index.js";
import { type Command, defineCommand } from "./command.js";
import { Output, withOpened } from "./io.js";
import { dbOption } from "./options.js";
import { openReadArchive, pointAt } from "./search.js";

export type TableFormat = "text" | "csv" | "json";

/** The QUERY every analytics command takes. */
export const queryPositional = {
  name: "QUERY",
  help: "query language (docs/query-language.md); '' for every cable",
  required: true,
};

export function tableFormat(values: { csv?: boolean; json?: boolean }): TableFormat {
  return values.json ? "json" : values.csv ? "csv" : "text";
}

export function tableText(t: Table): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map((c) => (c === null ? "" : String(c))))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  const numeric = t.columns.map(
    (_, i) => t.rows.length > 0 && t.rows.every((r) => typeof r[i] === "number" || r[i] === null),
  );
  const line = (r: (string | number | null)[]) =>
    r
      .map((c, i) => {
        const s = String(c ?? "");
        return numeric[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
      })
      .join("  ")
      .trimEnd();
  return `${t.title}\n${line(t.columns)}\n${t.rows.map(line).join("\n")}\n`;
}

/** Writes tables in the format asked; JSON writes `json` (the whole analysis) instead. */
export async function printTables(
  tables: Table[],
  format: TableFormat,
  json: unknown,
): Promise<void> {
  const out = new Output();
  if (format === "json") await out.write(`${JSON.stringify(json, null, 2)}\n`);
  else if (format === "csv") await out.write(tables.map(tableCsv).join("\r\n"));
  else await out.write(tables.map(tableText).join("\n"));
  await out.flush();
}

/**
 * Runs `work` over the archive and the query's result set; reports a bad archive or query on
 * stderr (exit 1 and 2), as `cablegram search` does.
 */
export async function withResultSet(
  command: string,
  dbPath: string,
  query: string,
  work: (src: AnalyticsSource, set: CableSet) => Promise<void>,
): Promise<number> {
  return withOpened(
    command,
    () => openReadArchive(dbPath),
    async (archive) => {
      try {
        const src = archive.analytics;
        const set = await matchQuery(src, parseQuery(query), query.trim());
        await work(src, set);
        return 0;
      } catch (err) {
        if (err instanceof QuerySyntaxError) {
          process.stderr.write(`cablegram ${command}: ${err.message}\n${pointAt(query, err)}\n`);
          return 2;
        }
        throw err;
      }
    },
  );
}

/**
 * A command printing every table of one analysis of the query's cables (of every cable without a
 * query), as text, CSV or, with `--json`, the whole analysis: `secrecy`, `addressees`.
 */
export function analysisCommand<A>(spec: {
  name: string;
  summary: string;
  analyse: (src: AnalyticsSource, ids: Int32Array) => Promise<A>;
  /** The tables printed, in order. */
  tables: (analysis: A) => Table[];
}): Command {
  return defineCommand({
    name: spec.name,
    summary: spec.summary,
    positionals: { ...queryPositional, required: false },
    options: {
      csv: {
        type: "boolean",
        help: "every table as CSV (a header row first), blank-line separated",
      },
      json: { type: "boolean", help: "the whole analysis as JSON" },
      db: dbOption,
    },
    async run(values, positionals) {
      return withResultSet(spec.name, values.db, positionals.join(" "), async (src, set) => {
        const a = await spec.analyse(src, set.ids);
        await printTables(spec.tables(a), tableFormat(values), a);
      });
    },
  });
}
