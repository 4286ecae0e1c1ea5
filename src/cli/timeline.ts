import { PERIODS } from "../analytics/periods.js";
import type { Table } from "../analytics/table.js";
import { everyPeriod, share, timeline } from "../analytics/timeline.js";
import { printTables, queryPositional, tableFormat, withResultSet } from "./analytics-io.js";
import { defineCommand } from "./command.js";
import { dbOption } from "./options.js";

export const timelineCommand = defineCommand({
  name: "timeline",
  summary:
    "cables per day, week, month or year for a query (`--csv`: a header row, then one row per period)",
  positionals: queryPositional,
  options: {
    by: { type: "string", arg: "P", choices: PERIODS, default: "month", help: "period" },
    share: { type: "boolean", help: "add each period's share of all cables in the archive" },
    reported: {
      type: "boolean",
      help: "add the dates the cables report in their text, per period (cable-days)",
    },
    csv: { type: "boolean", help: "CSV: a header row, then one row per period with its count" },
    json: { type: "boolean", help: "the whole timeline as JSON" },
    db: dbOption,
  },
  async run(values, positionals) {
    const query = positionals.join(" ");
    const by = values.by;
    return withResultSet("timeline", values.db, query, async (src, set) => {
      const t = await timeline(src, [{ label: query || "all cables", ids: set.ids }], by, {
        reported: values.reported === true,
      });
      const table: Table = {
        name: "timeline",
        title: `Cables per ${by}: ${query || "all cables"} (${set.ids.length} cables)`,
        columns: [
          by,
          "count",
          ...(values.share ? ["share", "all cables"] : []),
          ...(t.reported ? ["dates reported"] : []),
        ],
        // Every period, the empty days of a day timeline included: one row per period.
        rows: (await everyPeriod(src, t)).map((p) => [
          p.period,
          p.counts[0]!,
          ...(values.share ? [share(p.counts[0]!, p.all), p.all] : []),
          ...(t.reported ? [p.reported?.[0] ?? 0] : []),
        ]),
      };
      await printTables([table], tableFormat(values), t);
    });
  },
});
