/**
 * The answers of `/api/analytics/...` as zod schemas, for the generated OpenAPI document
 * (src/server/openapi.ts): each view is `{query, state, total, analysis}`, the analysis as the
 * analytics layer builds it (src/analytics/*.ts), the state as the URL gave it.
 */
import { z } from "zod";
import { PERIODS } from "../analytics/periods.js";
import { SIGNALS } from "../analytics/secrecy.js";

const count = z.number().int().min(0);
const text = z.string().nullable();
const cell = z.union([z.string(), z.number(), z.null()]);

const TableSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    columns: z.array(z.string()),
    rows: z.array(z.array(cell)),
  })
  .meta({ id: "AnalyticsTable" });

const MatrixSchema = z
  .object({
    name: z.string(),
    title: z.string(),
    rowLabel: z.string(),
    colLabel: z.string(),
    rows: z.array(z.string()),
    cols: z.array(z.string()),
    cells: z.array(z.array(count)),
    total: count.describe("Sum of every cell."),
  })
  .meta({ id: "AnalyticsMatrix" });

const StateSchema = z
  .object({
    q: z.string(),
    tag: z.array(z.string()),
    origin: z.array(z.string()),
    classification: z.array(z.string()),
    caveat: z.array(z.string()),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .meta({ id: "AnalyticsState" });

const view = <T extends z.ZodType>(id: string, analysis: T) =>
  z
    .object({
      query: z.string().describe("The query run: q with the filters as terms."),
      state: StateSchema,
      total: count.describe("Cables in the result set."),
      analysis,
    })
    .meta({ id });

const BurstCableSchema = z.object({ referenceId: z.string(), created: text, subject: text });

const BurstSchema = z
  .object({
    dimension: z.enum(["query", "tag", "origin"]),
    value: z.string(),
    start: z.string(),
    end: z.string(),
    from: z.string(),
    to: z.string(),
    strength: z.number().describe("Kleinberg's burst weight."),
    count,
    query: text.describe("Query language text listing the burst's cables."),
    cables: z.array(BurstCableSchema).optional(),
  })
  .meta({ id: "Burst" });

export const TimelineViewSchema = view(
  "TimelineView",
  z.object({
    by: z.enum(PERIODS),
    reported: z
      .boolean()
      .describe("whether points carry the dates the cables report in their text (cable-days)"),
    sparse: z
      .boolean()
      .describe(
        "whether points leave out the periods in which no series has a cable or a reported date (true for by=day: those days count zero in every series); otherwise every period from the first to the last is listed",
      ),
    series: z.array(
      z.object({
        label: z.string(),
        total: count,
        undated: count,
        reported: count.optional().describe("cable-days reported within the axis"),
        reportedOffAxis: count
          .optional()
          .describe(
            "cable-days reported more than a year outside the span the cables were sent in",
          ),
      }),
    ),
    points: z.array(
      z.object({
        period: z.string(),
        from: z.string(),
        to: z.string(),
        counts: z.array(count).describe("cables sent in the period, per series"),
        all: count,
        reported: z
          .array(count)
          .optional()
          .describe("cable-days the series' cables report in the period, per series"),
      }),
    ),
  }),
).extend({ normalise: z.boolean() });

export const BurstsViewSchema = view(
  "BurstsView",
  z.object({
    by: z.string(),
    kind: z.enum(["query", "tag", "origin"]),
    bursts: z.array(BurstSchema),
  }),
);

export const SpikesViewSchema = view(
  "SpikesView",
  z.object({
    start: z.string(),
    end: z.string(),
    tags: z.array(BurstSchema),
    origins: z.array(BurstSchema),
  }),
);

const SignalSchema = z.object({
  count,
  cables: z.array(
    z.object({
      referenceId: z.string(),
      level: z.string(),
      created: text,
      subject: text,
      markings: z.array(z.string()),
    }),
  ),
});

export const SecrecyViewSchema = view(
  "SecrecyView",
  z.object({
    total: count,
    levels: TableSchema,
    caveats: TableSchema,
    reasons: TableSchema,
    markings: TableSchema,
    levelByYear: MatrixSchema,
    levelByOrigin: MatrixSchema,
    horizon: TableSchema,
    signals: z.object(Object.fromEntries(SIGNALS.map((s) => [s, SignalSchema]))),
    classifiers: TableSchema,
  }),
);

export const AddresseesViewSchema = view(
  "AddresseesView",
  z.object({
    total: count,
    addressees: TableSchema,
    collectives: TableSchema,
    precedence: TableSchema,
    precedenceByYear: MatrixSchema,
    routes: TableSchema,
    flow: MatrixSchema,
  }),
);

export const CoverageViewSchema = view(
  "CoverageView",
  z.object({
    counted: count,
    rows: z.array(
      z.object({
        station: z.string(),
        year: z.number().int(),
        held: count,
        highestSerial: count,
        share: z.number(),
        missing: count,
      }),
    ),
  }),
);

export const DrillViewSchema = view(
  "DrillView",
  z.object({
    title: z.string(),
    count,
    cables: z.array(
      z.object({
        referenceId: z.string(),
        created: text,
        level: text,
        origin: text,
        subject: text,
        reported: z
          .array(z.string())
          .optional()
          .describe("for reported_from/reported_to: the dates the cable reports, as written"),
      }),
    ),
  }),
);

export const ThreadSchema = z
  .object({
    root: z.string(),
    messages: z.array(
      z.object({
        referenceId: z.string(),
        role: z.enum(["cited", "root", "reply", "follow-up"]),
        held: z.boolean(),
        post: text,
        created: text,
        subject: text,
        days: z.number().nullable(),
        via: text,
      }),
    ),
    answered: z.array(
      z.object({
        post: z.string(),
        first: z.string(),
        days: z.number().nullable(),
        replies: count,
      }),
    ),
    silent: z.array(z.object({ post: z.string(), role: z.enum(["to", "info"]) })),
  })
  .meta({ id: "Thread" });
