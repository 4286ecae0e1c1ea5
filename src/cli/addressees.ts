import { addressees } from "../analytics/addressees.js";
import { matrixTable } from "../analytics/table.js";
import { analysisCommand } from "./analytics-io.js";

export const addresseesCommand = analysisCommand({
  name: "addressees",
  summary:
    "who was told: action and info addressees, sender → addressee flow, precedence (and by year), collectives, routing indicators",
  analyse: addressees,
  tables: (a) => [
    a.addressees,
    matrixTable(a.flow),
    a.precedence,
    matrixTable(a.precedenceByYear),
    a.collectives,
    a.routes,
  ],
});
