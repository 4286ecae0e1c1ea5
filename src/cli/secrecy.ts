import { secrecy } from "../analytics/secrecy.js";
import { matrixTable } from "../analytics/table.js";
import { printTables, queryPositional, tableFormat, withResultSet } from "./analytics-io.js";
import { defineCommand } from "./command.js";
import { dbOption } from "./options.js";

export const secrecyCommand = defineCommand({
  name: "secrecy",
  summary:
    "levels, level × year and × origin, caveats, reasons, markings, DECL horizon, over-classification signals, classifiers",
  positionals: { ...queryPositional, required: false },
  options: {
    csv: { type: "boolean", help: "every table as CSV (a header row first), blank-line separated" },
    json: { type: "boolean", help: "the whole analysis as JSON" },
    db: dbOption,
  },
  async run(values, positionals) {
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
  },
});
