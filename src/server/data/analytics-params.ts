/**
 * Parameters of the analytics pages and API: the query and filters every view shares (so any
 * search can be analysed), the answer's format (`csv` with `table` names one chart's data), and
 * each view's own options. Validated like every other parameter (src/server/params.ts).
 */
import { z } from "zod";
import { PERIODS } from "../../analytics/periods.js";
import { SIGNALS } from "../../analytics/secrecy.js";
import { MAX_QUERY, MAX_VALUE, optional, queryShape, text } from "../params.js";

export const ANALYTICS_FORMATS = ["html", "json", "csv"] as const;
/** Queries overlaid on the first in a timeline (five series in all). */
export const MAX_OVERLAYS = 4;

const month = z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])$/, "a month: YYYY-MM");

const FLAG = ["1", "0", "true", "false", "on", "off"] as const;
const flag = optional(z.enum(FLAG)).transform((v) => v === "1" || v === "true" || v === "on");
/** A flag that is on unless turned off. */
const flagOn = optional(z.enum(FLAG)).transform(
  (v) => v === undefined || v === "1" || v === "true" || v === "on",
);

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day: YYYY-MM-DD")
  .refine(
    (d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
    },
    { message: "not a calendar day" },
  );

export const analyticsShape = {
  ...queryShape,
  format: optional(z.enum(ANALYTICS_FORMATS)),
  /** With format=csv: which table of the view (default: its first). */
  table: optional(
    z
      .string()
      .max(64)
      .regex(/^[a-z0-9-]+$/, "a table name"),
  ),
};

export const analyticsParams = z.object(analyticsShape);
export type AnalyticsParams = z.infer<typeof analyticsParams>;

export const timelineParams = z.object({
  ...analyticsShape,
  by: optional(z.enum(PERIODS)),
  normalise: flag,
  /** Also count the dates the cables report in their text (off with reported=0). */
  reported: flagOn,
  vs: z.preprocess(
    (v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== "")),
    z.array(text(MAX_QUERY)).max(MAX_OVERLAYS, `at most ${MAX_OVERLAYS} queries to compare`),
  ),
});
export type TimelineParams = z.infer<typeof timelineParams>;

export const BURST_KINDS = ["query", "tag", "origin"] as const;

export const burstsParams = z.object({
  ...analyticsShape,
  by: optional(z.enum(PERIODS)),
  kind: optional(z.enum(BURST_KINDS)),
});
export type BurstsParams = z.infer<typeof burstsParams>;

export const spikesParams = z.object({
  ...analyticsShape,
  start: optional(month),
  end: optional(month),
});
export type SpikesParams = z.infer<typeof spikesParams>;

/** The matrices and count tables whose cells drill down to their cables, by view. */
export const DRILL_MATRICES = [
  "levels",
  "caveats",
  "reasons",
  "horizon",
  "level-by-year",
  "level-by-origin",
  "flow",
  "precedence",
  "precedence-by-year",
  "collectives",
] as const;
export type DrillMatrix = (typeof DRILL_MATRICES)[number];

export const drillParams = z.object({
  ...analyticsShape,
  signal: optional(z.enum(SIGNALS)),
  sender: optional(text(MAX_VALUE)),
  addressee: optional(text(MAX_VALUE)),
  /** Any cell of a view's matrix or count table, (other) and (none) included. */
  matrix: optional(z.enum(DRILL_MATRICES)),
  row: optional(text(MAX_VALUE)),
  col: optional(text(MAX_VALUE)),
  /** Cables reporting a date in this window (the timeline's reported counts). */
  reported_from: optional(day),
  reported_to: optional(day),
});
export type DrillParams = z.infer<typeof drillParams>;

export const threadParams = z.object({
  format: optional(z.enum(ANALYTICS_FORMATS)),
  table: analyticsShape.table,
});
