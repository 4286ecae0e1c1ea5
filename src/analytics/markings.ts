/**
 * Classification levels and portion markings in one vocabulary. A paragraph marking (`S/NF`,
 * `C/REL ISAF`, `SBU`, `U/FOUO`) names its level first; its level is what over-classification
 * signals compare with the cable's banner level.
 */
import { BANNER_LEVELS, type BannerLevel, LEVEL_SPELLINGS } from "../model/classification.js";
import type { MarkingLevel } from "../store/analytics-markings.js";
import { CLASSIFICATION_LEVELS } from "../store/write.js";

/** Banner levels, most secret first (as the archive's `level` column holds them). */
export const LEVELS: readonly string[] = CLASSIFICATION_LEVELS;

export { MARKING_LEVELS, type MarkingLevel, markingLevel } from "../store/analytics-markings.js";

/** Marking levels that are not classified: a classified cable made only of these is a signal. */
export const UNCLASSIFIED_MARKINGS: ReadonlySet<string> = new Set(["SBU", "U"]);

/**
 * Banner level of each marking level: the level's own abbreviation (src/model/classification.ts),
 * and SBU, which marks unclassified text that is sensitive.
 */
const BANNER = (level: MarkingLevel): BannerLevel =>
  level === "SBU" ? "UNCLASSIFIED" : LEVEL_SPELLINGS[level]!;

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
