/**
 * The entity answers (`/api/entities`, `/api/entities/:id`, the reader's mentions) as zod schemas,
 * for the OpenAPI document. The store declares these shapes as interfaces (src/store/entities-read.ts,
 * written beside the SQL that fills them); the assertions at the end make tsc fail when the two
 * part, so neither can change alone.
 */
import { z } from "zod";
import { ENTITY_TYPES } from "../store/entities-input.js";
import type {
  CableMention,
  EntityCable,
  EntityDetail,
  EntitySummary,
  RoleSpan,
} from "../store/entities-read.js";

const EntityTypeSchema = z.enum(ENTITY_TYPES as ["person", "org", "place"]);
const count = z.number().int().min(0);
const paragraphs = z.array(z.number().int().min(0));

export const EntitySummarySchema = z
  .object({
    id: z.string().describe("Stable id: `person-…`, `org-…`, `place-…`."),
    type: EntityTypeSchema,
    name: z.string(),
    cables: count.describe("Cables naming it (in public mode: outside the cables protecting it)."),
    firstCreated: z.string().nullable(),
    lastCreated: z.string().nullable(),
  })
  .meta({ id: "EntitySummary" });

export const EntityListSchema = z
  .object({
    q: z.string(),
    type: EntityTypeSchema.nullable(),
    entities: z.array(EntitySummarySchema),
  })
  .meta({ id: "EntityList" });
export type EntityListData = z.infer<typeof EntityListSchema>;

const RelatedSchema = z
  .object({ id: z.string(), type: EntityTypeSchema, name: z.string(), cables: count })
  .meta({ id: "RelatedEntity" });

const RoleSpanSchema = z.object({
  role: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  stations: z.array(z.string()),
  cables: count,
});

const EntityCableSchema = z.object({
  referenceId: z.string(),
  created: z.string().nullable(),
  station: z.string().nullable(),
  subject: z.string().nullable(),
  name: z.string().describe("The fullest form this cable gives."),
  variants: z.array(z.string()),
  roles: z.array(z.string()),
  paragraphs,
  link: z.string().describe("The resolution rule that placed this mention in the entity."),
  protected: z
    .boolean()
    .optional()
    .describe(
      "Local mode only: public mode withholds this mention (the cable protects this person, or one whose name shares a word with theirs).",
    ),
});

export const EntityDetailSchema = EntitySummarySchema.extend({
  forms: z.array(z.object({ form: z.string(), cables: count })),
  roles: z.array(RoleSpanSchema),
  posts: z.array(z.object({ station: z.string(), cables: count })),
  months: z.array(z.object({ month: z.string(), count })),
  evidence: z
    .array(z.object({ link: z.string(), cables: count }))
    .describe("Why mentions were placed here: each rule with its number of cables."),
  coPersons: z.array(RelatedSchema),
  coOrganizations: z.array(RelatedSchema),
  coPlaces: z.array(RelatedSchema),
  cableList: z
    .array(EntityCableSchema)
    .describe("Cables naming the entity, newest first: one page (200), from `after` if given."),
  next: z
    .string()
    .nullable()
    .describe("Cursor of the next page of cables (pass it as `after`), null on the last page."),
  stale: z
    .object({
      source: z.literal("live"),
      notice: z.string(),
      rebuild: z.string().describe("The command that builds the pending summaries."),
    })
    .optional()
    .describe(
      "Present when the entity summaries were not current: the figures were counted from the mentions (slow, not wrong).",
    ),
}).meta({ id: "Entity" });

export const CableMentionSchema = z
  .object({
    entityId: z.string().nullable(),
    type: EntityTypeSchema,
    name: z.string(),
    variants: z.array(z.string()),
    roles: z.array(z.string()),
    paragraphs,
    protected: z.boolean(),
  })
  .meta({ id: "CableMention" });

// Both directions: a field added on either side without the other is a compile error.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <_T extends true>() => undefined;
same<Same<z.infer<typeof EntitySummarySchema>, EntitySummary>>();
same<Same<z.infer<typeof EntityDetailSchema>, EntityDetail>>();
same<Same<z.infer<typeof EntityCableSchema>, EntityCable>>();
same<Same<z.infer<typeof RoleSpanSchema>, RoleSpan>>();
same<Same<z.infer<typeof CableMentionSchema>, CableMention>>();
