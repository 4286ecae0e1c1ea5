import { addressees } from "../analytics/addressees.js";
import { matrixTable } from "../analytics/table.js";
import { printTables, queryPositional, tableFormat, withResultSet } from "./analytics-io.js";
import { defineCommand } from "./command.js";
import { dbOption } from "./options.js";

export const addresseesCommand = defineCommand({
  name: "addressees",
  summary:
    "who was told: action and info addressees, sender → addressee flow, precedence (and by year), collectives, routing indicators",
  positionals: { ...queryPositional, required: false },
  options: {
    csv: { type: "boolean", help: "every table as CSV (a header row first), blank-line separated" },
    json: { type: "boolean", help: "the whole analysis as JSON" },
    db: dbOption,
  },
  async run(values, positionals) {
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
  },
});
