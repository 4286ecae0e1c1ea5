/**
 * Which version of a cable is the current, searchable one.
 *
 * 1. A degraded copy never displaces a sound one: a scraped copy (link debris, damaged
 *    numbering), or a record whose source gave a garbled id that had to be repaired (WikiLeaks'
 *    "malformed duplicates" such as 08ECTION01OF02MANAMA492 beside 08MANAMA492 are damaged copies).
 * 2. Then release dates decide, because a later WikiLeaks release corrects an earlier one (created
 *    time fixed, header added, label fixed) while an older release arriving late must not undo
 *    that; a known release date beats an unknown one.
 * 3. Otherwise the version that arrives last wins: a text edited and ingested again is meant to be
 *    the one people read.
 */

export interface VersionKey {
  released: string | null;
  degraded: boolean;
}

const DEGRADED_FORMATS = new Set(["scraped"]);

/** Whether a copy is degraded (rule 1), from its format and the id its source wrote. */
export function isDegraded(format: string, sourceId: string | null, referenceId: string): boolean {
  if (DEGRADED_FORMATS.has(format)) return true;
  if (!sourceId) return false;
  // Case, spacing and leading zeros of the serial are writing habits, not damage.
  const written = sourceId
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/^(\d{2}[A-Z]+)0+(?=\d)/, "$1");
  return written !== referenceId;
}

export function supersedes(candidate: VersionKey, current: VersionKey): boolean {
  if (candidate.degraded !== current.degraded) return current.degraded;
  if (candidate.released && current.released) return candidate.released >= current.released;
  if (candidate.released || current.released) return candidate.released !== null;
  return true;
}
