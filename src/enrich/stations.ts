import { referenceTable } from "./reference-data.js";

// PLACEHOLDER (owner: ids/references helper): station names, aliases and WikiLeaks origin labels.

let stations: Set<string> | undefined;
let aliases: Map<string, string> | undefined;

function tables() {
  if (!stations || !aliases) {
    stations = new Set(referenceTable("stations.csv").map((r) => r.station ?? ""));
    aliases = new Map(
      referenceTable("station-aliases.csv").map((r) => [r.alias ?? "", r.canonical_station ?? ""]),
    );
  }
  return { stations, aliases };
}

/** Canonical station for a post name as written (`SAO PAULO`, `SECSTATE`, `Rio`), or null. */
export function canonicalStation(name: string): string | null {
  const key = name.toUpperCase().replace(/[^A-Z]/g, "");
  const { stations, aliases } = tables();
  if (stations.has(key)) return key;
  return aliases.get(key) ?? null;
}

/** Station for a WikiLeaks origin label (`Embassy Almaty` → `ALMATY`), or null. */
export function stationFromOrigin(label: string): string | null {
  const row = referenceTable("wikileaks-origin-labels.csv").find(
    (r) => r.wikileaks_origin_label === label,
  );
  return row?.station || null;
}
