import { referenceTable } from "./reference-data.js";

/**
 * The station tables (stations.csv, station-aliases.csv, wikileaks-origin-labels.csv) indexed
 * once, lazily, for the hot lookups of canonicalStation and canonicalId.
 */

export interface StationRow {
  station: string;
  /** The table's free-text kind (`post (embassy/consulate)`, `US Mission to NATO, Brussels`...). */
  description: string;
  country: string | null;
  /** WikiLeaks "Origin" labels of the station, most usual first. */
  labels: string[];
}

export interface StationTables {
  stations: Map<string, StationRow>;
  /** Spelling → canonical station, keys as letters only (`SECSTATE`, `0TTAWA`, `PORTOFSPAIN`). */
  aliases: Map<string, string>;
  /** Prefixes dropped before lookup (`AMEMBASSY`, `EMBASSY`, `USMISSION`), longest first. */
  prefixes: string[];
  /** Lower-cased WikiLeaks origin label → station. */
  originLabels: Map<string, string>;
}

let tables: StationTables | undefined;

export function stationTables(): StationTables {
  tables ??= buildTables();
  return tables;
}

/** Letters only, upper case: the form stations and aliases are compared in. */
export function stationKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0]/g, "");
}

function buildTables(): StationTables {
  const stations = new Map<string, StationRow>();
  for (const r of referenceTable("stations.csv")) {
    const station = r.station ?? "";
    if (!station) continue;
    const labels = (r.wikileaks_origin_labels ?? "")
      .split("|")
      .map((l) => l.trim())
      .filter(Boolean)
      // "** Dhahran" is a WikiLeaks placeholder, not a name anyone would want to read.
      .sort((a, b) => Number(a.startsWith("*")) - Number(b.startsWith("*")));
    stations.set(station, {
      station,
      description: r.kind ?? "",
      country: r.country || null,
      labels,
    });
  }

  const aliases = new Map<string, string>();
  const prefixes: string[] = [];
  for (const r of referenceTable("station-aliases.csv")) {
    const alias = stationKey(r.alias ?? "");
    const target = r.canonical_station ?? "";
    if (!alias) continue;
    if (target.startsWith("(strip prefix")) {
      prefixes.push(alias);
      continue;
    }
    // The older cablemap table maps some real stations onto others (AITTAIPEI → TAIPEI,
    // BRUSSELS → USEUBRUSSELS); the current table and the spec keep those stations distinct.
    const older = (r.source ?? "").includes("older table");
    if (older && stations.has(alias)) continue;
    if (!stations.has(target)) continue;
    if (!aliases.has(alias)) aliases.set(alias, target);
  }
  // Prefixes seen in REF lines and FM lines besides the table's three.
  for (const p of ["AMCONSULATE", "AMCONSUL", "CONSULATE", "USDEL"]) prefixes.push(p);
  prefixes.sort((a, b) => b.length - a.length);

  const originLabels = new Map<string, string>();
  for (const r of referenceTable("wikileaks-origin-labels.csv")) {
    const station = (r.station ?? "").replace(/\?$/, "");
    if (r.wikileaks_origin_label && stations.has(station)) {
      originLabels.set(r.wikileaks_origin_label.toLowerCase(), station);
    }
  }
  for (const row of stations.values()) {
    for (const label of row.labels) {
      if (!originLabels.has(label.toLowerCase())) {
        originLabels.set(label.toLowerCase(), row.station);
      }
    }
  }
  return { stations, aliases, prefixes, originLabels };
}
