import { BURST_DIMENSIONS, burstTable, dimensionBursts, queryBursts } from "../analytics/bursts.js";
import { PERIODS } from "../analytics/periods.js";
import { printTables, queryPositional, tableFormat, withResultSet } from "./analytics-io.js";
import { defineCommand } from "./command.js";
import { dbOption } from "./options.js";

const KINDS = ["query", ...BURST_DIMENSIONS] as const;

export const burstsCommand = defineCommand({
  name: "bursts",
  summary: "Kleinberg bursts of a query's series, or of every TAG or origin in it, strongest first",
  positionals: queryPositional,
  options: {
    of: {
      type: "string",
      arg: "K",
      choices: KINDS,
      default: "query",
      help: "the query's own series, or every TAG / origin within the query's cables",
    },
    by: {
      type: "string",
      arg: "P",
      choices: PERIODS,
      default: "month",
      help: "period of the query's series (TAG and origin series are monthly)",
    },
    limit: { type: "integer", arg: "N", min: 1, default: 20, help: "bursts listed" },
    csv: { type: "boolean", help: "CSV: a header row, then one row per burst" },
    json: { type: "boolean", help: "the bursts with their first cables as JSON" },
    db: dbOption,
  },
  notes: [
    "Two-state automaton (s=2, gamma=1) against all cables of each period: a burst is a rise in",
    "the share of the traffic (docs/analytics.md).",
  ],
  async run(values, positionals) {
    const query = positionals.join(" ");
    const kind = values.of;
    return withResultSet("bursts", values.db, query, async (src, set) => {
      const bursts =
        kind === "query"
          ? (await queryBursts(src, { ...set, label: query || "all cables" }, values.by)).slice(
              0,
              values.limit,
            )
          : await dimensionBursts(src, kind, {
              set: set.query === "" ? undefined : set,
              limit: values.limit,
            });
      const title = `Bursts of ${kind === "query" ? `'${query}'` : `every ${kind}`}`;
      await printTables([burstTable("bursts", title, bursts)], tableFormat(values), bursts);
    });
  },
});
