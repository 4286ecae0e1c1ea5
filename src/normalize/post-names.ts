import { referenceTable } from "../reference/reference-data.js";

/**
 * Post names as the 2004-2010 page-break lines print them: the post in capitals, spaces kept,
 * cut to ten characters (`PORT AU PR`, `TEGUCIGALP`, `USUN NEW Y`). Used to tell where the post
 * starts when a page-break line runs inside a line of capitals (`...RARE PUBLIC GRUMBLING TRIPOLI
 * 00000961 001.2 OF 002`).
 */
export const PRINTED_POST_MAX = 10;

let known: Set<string> | null = null;
let knownPrefixes: Set<string> | null = null;

function load(): void {
  known = new Set<string>();
  for (const row of referenceTable("stations.csv")) if (row.station) known.add(row.station);
  for (const row of referenceTable("station-aliases.csv")) if (row.alias) known.add(row.alias);
  // A post printed at full width may be cut: any prefix of a known name that is that long.
  knownPrefixes = new Set<string>();
  for (const name of known) {
    for (let len = PRINTED_POST_MAX - 3; len < name.length; len++) {
      knownPrefixes.add(name.slice(0, len));
    }
  }
}

/** Whether `printed` (as written, with its spaces) names a post: whole, or cut at ten characters. */
export function isPrintedPost(printed: string): boolean {
  if (!known) load();
  const compact = printed.replace(/ /g, "");
  if (known!.has(compact)) return true;
  return printed.length === PRINTED_POST_MAX && knownPrefixes!.has(compact);
}
