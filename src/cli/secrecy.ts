import { secrecy } from "../analytics/secrecy.js";
import { matrixTable } from "../analytics/table.js";
import { analysisCommand } from "./analytics-io.js";

export const secrecyCommand = analysisCommand({
  name: "secrecy",
  summary:
    "levels, level × year and × origin, caveats, reasons, markings, DECL horizon, over-classification signals, classifiers",
  analyse: (src, ids) => secrecy(src, ids),
  tables: (s) => [
    s.levels,
    matrixTable(s.levelByYear),
    matrixTable(s.levelByOrigin),
    s.caveats,
    s.reasons,
    s.markings,
    s.horizon,
    {
      name: "signals",
      title: "Over-classification signals",
      columns: ["signal", "cables"],
      rows: Object.entries(s.signals).map(([k, v]) => [k, v.count]),
    },
    s.classifiers,
  ],
});
