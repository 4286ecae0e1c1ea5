/**
 * People, organisations and places named in one cable (the contract's `persons`, `organizations`,
 * `places`). Resolution across cables into entities with stable ids happens in the archive; these
 * are the per-cable mentions the parser emits. The descriptions below are the field docs: they
 * reach docs/cable.schema.json and the OpenAPI document (npm run docs).
 */
import { z } from "zod";

const paragraphs = z
  .array(z.number().int())
  .describe("Numbered paragraphs naming it; 0 for the header, Classified-By line and signature.");

export const PersonSchema = z
  .object({
    name: z
      .string()
      .describe("The fullest form the cable gives, in normal mixed case (`Mark Asquino`)."),
    variants: z
      .array(z.string())
      .describe("Every other form written (`ASQUINO`, `Asquino`), titles left out."),
    roles: z
      .array(z.string())
      .describe("Titles or positions the cable gives (`CDA`, `Deputy Minister of Interior`)."),
    paragraphs,
    usOfficial: z.boolean().describe("US Government staff."),
    protected: z
      .boolean()
      .describe("A PROTECT / STRICTLY PROTECT marker applies to this person in this cable."),
  })
  .meta({ id: "Person" });

export const OrganizationSchema = z
  .object({
    name: z.string(),
    variants: z.array(z.string()),
    paragraphs,
  })
  .meta({ id: "Organization" });

export const PlaceKindSchema = z.enum(["country", "city", "region"]);

export const PlaceSchema = z
  .object({
    name: z.string(),
    kind: PlaceKindSchema,
    variants: z
      .array(z.string())
      .describe("Other forms written, adjectives included (`Rwandan` for Rwanda)."),
    paragraphs,
  })
  .meta({ id: "Place" });

export type Person = z.infer<typeof PersonSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type PlaceKind = z.infer<typeof PlaceKindSchema>;
