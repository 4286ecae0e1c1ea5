/**
 * The classification levels, in one place: their order, and every spelling a source or a query
 * uses for them (`S`, `TS`, `UNCLAS`). The parser normalises metadata with it, the archive's
 * `level` column and the analytics order by it, the query language's `classification:` reads it.
 * data/reference/classification-markings.csv documents where each marking is written.
 */

/** Banner levels, most secret first. */
export const BANNER_LEVELS = ["TOP SECRET", "SECRET", "CONFIDENTIAL", "UNCLASSIFIED"] as const;
export type BannerLevel = (typeof BANNER_LEVELS)[number];

/** Levels a cable's header or banner states: the banner levels and the older LIMITED OFFICIAL USE. */
export const CLASSIFICATION_LEVELS = [
  ...[...BANNER_LEVELS].reverse(),
  "LIMITED OFFICIAL USE",
] as readonly string[];

/** Every spelling of a level, upper case (`S`, `TS`, `TOPSECRET`, `UNCLAS`) → the level. */
export const LEVEL_SPELLINGS: Readonly<Record<string, BannerLevel>> = {
  "TOP SECRET": "TOP SECRET",
  TOPSECRET: "TOP SECRET",
  TS: "TOP SECRET",
  SECRET: "SECRET",
  S: "SECRET",
  CONFIDENTIAL: "CONFIDENTIAL",
  C: "CONFIDENTIAL",
  UNCLASSIFIED: "UNCLASSIFIED",
  UNCLAS: "UNCLASSIFIED",
  U: "UNCLASSIFIED",
};
