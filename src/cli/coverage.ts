import { coverage, coverageTable } from "../analytics/coverage.js";
import { printTables, queryPositional, tableFormat, withResultSet } from "./analytics-io.js";
import { defineCommand } from "./command.js";
import { dbOption } from "./options.js";

export const coverageCommand = defineCommand({
  name: "coverage",
  summary:
    "per post and year: cables held, highest serial held or cited, share held, cited but not held",
  positionals: { ...queryPositional, required: false },
  options: {
    csv: { type: "boolean", help: "CSV: a header row, then one row per post and year" },
    json: { type: "boolean", help: "as JSON" },
    db: dbOption,
  },
  async run(values, positionals) {
    const query = positionals.join(" ");
    return withResultSet("coverage", values.db, query, async (src, set) => {
      const c = await coverage(src, query.trim() === "" ? null : set.ids);
      await printTables([coverageTable(c)], tableFormat(values), c);
    });
  },
});
