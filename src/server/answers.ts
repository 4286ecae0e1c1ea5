/**
 * The shapes of the API's answers that the server itself assembles, as zod schemas: the OpenAPI
 * document is generated from these and from the layers' own schemas (Cable, SearchResult,
 * Neighbourhood, ArchiveStats), and the data functions' types are inferred from them.
 */
import { z } from "zod";
import { CiteEdgeSchema } from "../graph/types.js";
import { CableSchema, ProvenanceSchema } from "../model/cable.js";
import { ReasonInfoSchema } from "../reference/reasons.js";
import { TagInfoSchema } from "../reference/tags.js";
import { FacetCountSchema, MonthCountSchema } from "../search/types.js";
import { ESTIMATE_BASES } from "../store/date-estimates.js";
import { ArchiveStatsSchema } from "../store/stats.js";
import { CableMentionSchema } from "./entity-answers.js";

const isoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/)
  .nullable();

export const VersionSummarySchema = z
  .object({
    versionId: z.number().int().min(0),
    current: z.boolean(),
    released: isoDateTime,
    source: ProvenanceSchema,
    ingestedAt: z.string(),
    textHash: z.string(),
    contentHash: z.string(),
  })
  .meta({ id: "Version" });
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The estimated creation day of a cable no source dates (src/store/date-estimates.ts). */
export const DateEstimateSchema = z
  .object({
    date: isoDay.describe("The estimated day."),
    from: isoDay.describe("The interval the true date lies in (inclusive days)."),
    to: isoDay,
    basis: z.enum(ESTIMATE_BASES),
    witnesses: z.array(z.string()).describe("What each witness said, in words a reader can check."),
  })
  .meta({ id: "DateEstimate" });

/** `GET /api/cables/:id`: the Cable JSON plus the reference graph around it and its versions. */
export const CableJsonSchema = CableSchema.extend({
  createdEstimate: DateEstimateSchema.nullable().describe(
    "For a cable no source dates: its estimated creation day with interval and basis (never a fact).",
  ),
  cites: z.array(CiteEdgeSchema),
  citedBy: z.array(CiteEdgeSchema),
  versions: z.array(VersionSummarySchema).min(1),
}).meta({
  id: "CableWithGraph",
  description: "A cable: the Cable JSON plus cites, citedBy and versions.",
});
export type CableJson = z.infer<typeof CableJsonSchema>;

export const DiffLineSchema = z.object({ op: z.enum([" ", "-", "+"]), text: z.string() });
export type DiffLine = z.infer<typeof DiffLineSchema>;

export const HunkSchema = z.object({
  oldStart: z.number().int().min(1).describe("1-based first line of the hunk in the old text."),
  newStart: z.number().int().min(1).describe("1-based first line of the hunk in the new text."),
  lines: z.array(DiffLineSchema),
});
export type Hunk = z.infer<typeof HunkSchema>;

/** A line diff (src/server/data/diff.ts). */
export const DiffSchema = z
  .object({
    hunks: z.array(HunkSchema),
    added: z.number().int().min(0),
    removed: z.number().int().min(0),
    tooLarge: z
      .boolean()
      .describe("The texts differ in more lines than the diff is computed for: no hunks."),
  })
  .meta({ id: "Diff" });
export type Diff = z.infer<typeof DiffSchema>;

/** How an older version differs from the current one. */
export const VersionDiffSchema = z
  .object({
    versionId: z.number().int().min(0),
    fields: z
      .array(z.tuple([z.string(), z.string(), z.string()]))
      .describe("Metadata fields whose values differ: [field, old, new]."),
    body: DiffSchema,
  })
  .meta({ id: "VersionDiff" });
export type VersionDiff = z.infer<typeof VersionDiffSchema>;

/**
 * `GET /api/cables/:id` and `/cables/:id?format=json` (one data function, cableView): the cable
 * with its graph and versions, plus what the reader explains — the entities its mentions belong
 * to, what its TAGS and classification reasons mean, and how each older version differs.
 */
export const CableViewSchema = CableJsonSchema.extend({
  mentions: z
    .array(CableMentionSchema)
    .describe("The cable's persons, organisations and places with their entity ids."),
  tagInfo: z.array(TagInfoSchema.extend({ tag: z.string() })).describe("What each TAG means."),
  reasonInfo: z
    .array(
      z.union([
        ReasonInfoSchema,
        z.object({ code: z.string(), unknown: z.literal(true) }).meta({ id: "UnknownReason" }),
      ]),
    )
    .describe("What each classification reason means (`unknown` for a code no table knows)."),
  diffs: z.array(VersionDiffSchema).describe("Each older version against the current one."),
}).meta({
  id: "CableView",
  description:
    "A cable as the reader shows it: the Cable JSON plus cites, citedBy, versions, entity mentions, TAG and reason meanings and version diffs.",
});
export type CableView = z.infer<typeof CableViewSchema>;

export const StatsDataSchema = ArchiveStatsSchema.extend({
  months: z.array(MonthCountSchema),
  topOrigins: z.array(FacetCountSchema),
  topTags: z.array(FacetCountSchema),
  topCaveats: z.array(FacetCountSchema),
}).meta({ id: "Stats" });
export type StatsData = z.infer<typeof StatsDataSchema>;

export const TagEntrySchema = TagInfoSchema.extend({
  tag: z.string(),
  count: z.number().int().min(0),
}).meta({ id: "TagEntry" });
export type TagEntry = z.infer<typeof TagEntrySchema>;

export const TagsDataSchema = z
  .object({ total: z.number().int().min(0), tags: z.array(TagEntrySchema) })
  .meta({ id: "Tags" });
export type TagsData = z.infer<typeof TagsDataSchema>;

/** RFC 9457 problem details: every error answer of the API and of `?format=json`. */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    param: z.string().optional().describe("The request parameter at fault, when there is one."),
    position: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("0-based position of a query syntax error in `q`."),
  })
  .meta({
    id: "Problem",
    description:
      "RFC 9457 problem details; extra members carry context (e.g. `citedBy` of an id cited but absent).",
  });
