/**
 * Classification levels and portion markings in one vocabulary. A paragraph marking (`S/NF`,
 * `C/REL ISAF`, `SBU`, `U/FOUO`) names its level first; its level is what over-classification
 * signals compare with the cable's banner level.
 */
import { BANNER_LEVELS, type BannerLevel, LEVEL_SPELLINGS } from "../model/classification.js";
import { CLASSIFICATION_LEVELS } from "../store/write.js";

/** Banner levels, most secret first (as the archive's `level` column holds them). */
export const LEVELS: readonly string[] = CLASSIFICATION_LEVELS;

/** Portion-marking levels, most secret first. */
export const MARKING_LEVELS = ["TS", "S", "C", "SBU", "U"] as const;
export type MarkingLevel = (typeof MARKING_LEVELS)[number];

/** Marking levels that are not classified: a classified cable made only of these is a signal. */
export const UNCLASSIFIED_MARKINGS: ReadonlySet<string> = new Set(["SBU", "U"]);

/**
 * Banner level of each marking level: the level's own abbreviation (src/model/classification.ts),
 * and SBU, which marks unclassified text that is sensitive.
 */
const BANNER = (level: MarkingLevel): BannerLevel =>
  level === "SBU" ? "UNCLASSIFIED" : LEVEL_SPELLINGS[level]!;

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

/** The banner level a marking level stands for. */
export function bannerOf(level: MarkingLevel): string {
  return BANNER(level);
}

/** Banner levels above UNCLASSIFIED, most secret first. */
export const CLASSIFIED_LEVELS: readonly BannerLevel[] = BANNER_LEVELS.filter(
  (l) => l !== "UNCLASSIFIED",
);

/** Banner levels above UNCLASSIFIED. */
export function isClassified(level: string | null): boolean {
  return level !== null && level !== "UNCLASSIFIED" && LEVELS.includes(level);
}
