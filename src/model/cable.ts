/**
 * The Cable record: the one shape shared by the parser, the archive, the API and the exports.
 * Field names and meanings follow the Cable JSON contract (docs/contract.md); add fields, never
 * rename or drop them. These zod schemas are the single source: the TypeScript types are inferred
 * from them and docs/cable.schema.json is generated from them (npm run docs).
 */
import { z } from "zod";
import { CLASSIFICATION_LEVELS } from "./classification.js";
import { OrganizationSchema, PersonSchema, PlaceSchema } from "./entities.js";

export type { Organization, Person, Place } from "./entities.js";

/** The input formats, one reader each (src/formats/index.ts). */
export const FORMAT_NAMES = ["csv", "html", "mirror", "scraped", "raw"] as const;
export const FormatNameSchema = z.enum(FORMAT_NAMES);
export type FormatName = z.infer<typeof FormatNameSchema>;

export const REFERENCE_KINDS = [
  "cable",
  "email",
  "telcon",
  "report",
  "book",
  "memo",
  "fax",
  "meeting",
  "web",
  "other",
] as const;
export const ReferenceKindSchema = z.enum(REFERENCE_KINDS);
export type ReferenceKind = z.infer<typeof ReferenceKindSchema>;

export { CLASSIFICATION_LEVELS } from "./classification.js";

export const PROTECT_MARKERS = ["PROTECT", "STRICTLY PROTECT"] as const;

const nullableString = z.string().nullable();
const referenceIdPattern = /^[0-9]{2}[A-Z]+[1-9][0-9]*$/;
const isoDateTimeOrNull = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/)
  .nullable();
const uniqueStrings = z
  .array(z.string().min(1))
  .refine((a) => new Set(a).size === a.length, { message: "values must be unique" })
  .meta({ uniqueItems: true });

export const RecipientSchema = z
  .object({
    route: nullableString.describe("Routing indicator (`RUEHC`) or null when the line has none."),
    name: z.string().min(1).describe("Addressee as written (`SECSTATE WASHDC`)."),
    precedence: nullableString.describe(
      "Precedence written on this addressee's line (`IMMEDIATE`, `NIACT IMMEDIATE`) or null.",
    ),
    mcn: z
      .string()
      .regex(/^[0-9]+$/)
      .nullable()
      .describe('Message continuity number as written (`"0109"`) or null.'),
    excluded: z.array(z.string()).describe("Addressees excluded from a collective by `XMT` lines."),
  })
  .meta({ id: "Recipient" });
export type Recipient = z.infer<typeof RecipientSchema>;

export const DeclassificationSchema = z
  .object({
    authority: nullableString.describe("The order as written (`E.O. 12958`) or null."),
    date: z
      .string()
      .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
      .nullable()
      .describe(
        "`YYYY-MM-DD` or null when the instruction is not a date (`N/A`, `OADR`, `X1`...).",
      ),
    text: z.string().describe("The rest of the line as written."),
  })
  .meta({ id: "Declassification" });
export type Declassification = z.infer<typeof DeclassificationSchema>;

export const ReferenceSchema = z
  .object({
    label: nullableString.describe("Enumeration letter (`A`) or null."),
    kind: ReferenceKindSchema,
    referenceId: z
      .string()
      .regex(referenceIdPattern)
      .nullable()
      .describe(
        "Canonical cable id for cables (year inferred from the citing cable when omitted), else null.",
      ),
    text: z.string().describe("The item as written, trimmed, without trailing handling sentences."),
  })
  .meta({ id: "Reference" });
export type Reference = z.infer<typeof ReferenceSchema>;

export const ClassifiedBySchema = z
  .object({
    names: z.array(z.string().min(1)),
    title: nullableString,
    reasons: z
      .array(z.string().regex(/^1\.[3-6]\([a-h0-9]+\)$|^[0-9.()a-zA-Z]+$/))
      .describe("Normalised reason codes: `1.4(b)`, `1.5(d)`."),
    text: z.string(),
  })
  .meta({ id: "ClassifiedBy" });
export type ClassifiedBy = z.infer<typeof ClassifiedBySchema>;

export const ParagraphSchema = z
  .object({
    number: z.number().int().min(0).describe("The number as the drafter wrote it."),
    marking: nullableString.describe(
      "Portion marking without parentheses (`C`, `S/NF`, `C/REL LIBYA`) or null.",
    ),
    heading: nullableString.describe("Section heading opening this paragraph, or null."),
    text: z.string(),
  })
  .meta({ id: "Paragraph" });
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const ProtectSchema = z
  .object({
    marker: z.enum(PROTECT_MARKERS),
    paragraph: z.number().int().nullable(),
    text: z.string(),
  })
  .meta({ id: "Protect" });
export type Protect = z.infer<typeof ProtectSchema>;

/** Where a raw record was read: enough to point a user at the bytes. */
export const ProvenanceSchema = z
  .object({
    format: FormatNameSchema,
    file: z.string(),
    offset: z.number().int().min(0).describe("Byte offset of the record's first byte in the file."),
    line: z.number().int().min(1).describe("1-based line of the record's first byte in the file."),
  })
  .meta({ id: "Provenance" });
export type Provenance = z.infer<typeof ProvenanceSchema>;

const classificationPattern = new RegExp(`^(${CLASSIFICATION_LEVELS.join("|")})(//[A-Z /]+)?$`);

export const CableSchema = z
  .object({
    referenceId: z.string().regex(referenceIdPattern).nullable(),
    station: z
      .string()
      .regex(/^[A-Z]+$/)
      .nullable(),
    year: z.number().int().min(1900).max(2099).nullable(),
    serial: z.number().int().min(1).nullable(),
    created: isoDateTimeOrNull,
    released: isoDateTimeOrNull,
    origin: nullableString,
    classification: z.string().regex(classificationPattern).nullable(),
    caveats: uniqueStrings,
    partial: z.boolean(),
    transmissionId: z
      .string()
      .regex(/^VZCZC[A-Z]{3}[0-9]+$/)
      .nullable(),
    precedence: nullableString,
    dtg: isoDateTimeOrNull,
    from: nullableString,
    to: z.array(RecipientSchema),
    info: z.array(RecipientSchema),
    declassification: DeclassificationSchema.nullable(),
    tags: uniqueStrings,
    tagsAsWritten: z
      .array(z.string())
      .describe(
        "TAGS upper-cased as written, before splitting, fixing and de-duplication (an addition).",
      ),
    subject: z.string().min(1).nullable(),
    subjectMarking: nullableString.describe(
      "Portion marking written before the subject (`C/NF` for `(C/NF) ...`), or null (an addition).",
    ),
    references: z.array(ReferenceSchema),
    classifiedBy: ClassifiedBySchema.nullable(),
    paragraphs: z.array(ParagraphSchema),
    summary: nullableString,
    comment: nullableString,
    signers: z.array(z.string().min(1)),
    protect: z.array(ProtectSchema),
    persons: z
      .array(PersonSchema)
      .describe("People named in the cable, once each (contract: `persons`)."),
    organizations: z.array(OrganizationSchema),
    places: z.array(PlaceSchema),
    redactions: z.number().int().min(0),
    body: z.string(),
    warnings: z.array(z.string()),
    source: ProvenanceSchema.optional().describe(
      "Where the record came from (file, position, format); an addition to the contract.",
    ),
  })
  .meta({
    id: "Cable",
    title: "Cable",
    description:
      "One parsed diplomatic cable, as printed by `cablegram parse` and served by /api/cables/:id. Field meanings: docs/contract.md.",
  });
export type Cable = z.infer<typeof CableSchema>;

export function emptyCable(): Cable {
  return {
    referenceId: null,
    station: null,
    year: null,
    serial: null,
    created: null,
    released: null,
    origin: null,
    classification: null,
    caveats: [],
    partial: false,
    transmissionId: null,
    precedence: null,
    dtg: null,
    from: null,
    to: [],
    info: [],
    declassification: null,
    tags: [],
    tagsAsWritten: [],
    subject: null,
    subjectMarking: null,
    references: [],
    classifiedBy: null,
    paragraphs: [],
    summary: null,
    comment: null,
    signers: [],
    protect: [],
    persons: [],
    organizations: [],
    places: [],
    redactions: 0,
    body: "",
    warnings: [],
  };
}
