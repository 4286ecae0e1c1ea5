/**
 * Levels of portion markings (`S/NF`, `C/REL ISAF`, `SBU`, `U/FOUO`): the level a marking names
 * first. Kept in the store layer because the derived analytics tables count each cable's
 * paragraphs by these levels at ingest (src/store/analytics-facts.ts); the views read the same
 * function through src/analytics/markings.ts.
 */

/** Portion-marking levels, most secret first. */
export const MARKING_LEVELS = ["TS", "S", "C", "SBU", "U"] as const;
export type MarkingLevel = (typeof MARKING_LEVELS)[number];

/** Level of a portion marking (`S/NF` → `S`), 'other' for one that names none, null for none. */
export function markingLevel(marking: string | null): MarkingLevel | "other" | null {
  if (marking === null) return null;
  // A broad set has hundreds of thousands of paragraphs and a few dozen distinct markings.
  let level = levels.get(marking);
  if (level === undefined) {
    level = readLevel(marking);
    if (levels.size < 10_000) levels.set(marking, level);
  }
  return level;
}

const levels = new Map<string, MarkingLevel | "other" | null>();

function readLevel(marking: string): MarkingLevel | "other" | null {
  if (marking.trim() === "") return null;
  const head = marking.split("/")[0]!.trim().toUpperCase();
  return (MARKING_LEVELS as readonly string[]).includes(head) ? (head as MarkingLevel) : "other";
}

/** Whole calendar years from `created` to `decl` (both dates), or null; negative when DECL is earlier. */
export function horizonYears(created: string | null, decl: string | null): number | null {
  const day = /^(\d{4})-(\d{2}-\d{2})/;
  const a = created ? day.exec(created) : null;
  const b = decl ? day.exec(decl) : null;
  if (!a || !b) return null;
  const years = Number(b[1]) - Number(a[1]);
  // Short of the anniversary: one year less (or more, counting backwards).
  if (years > 0 && b[2]! < a[2]!) return years - 1;
  if (years < 0 && b[2]! > a[2]!) return years + 1;
  return years;
}
