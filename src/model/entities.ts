/**
 * People, organisations and places named in one cable (the contract's `persons`, `organizations`,
 * `places`). Resolution across cables into entities with stable ids happens in the archive; these
 * are the per-cable mentions the parser emits.
 */
import { z } from "zod";

export const PersonSchema = z.object({
  /** The fullest form the cable gives, in normal mixed case (`Mark Asquino`). */
  name: z.string(),
  /** Every other form written (`ASQUINO`, `Asquino`), titles left out. */
  variants: z.array(z.string()),
  /** Titles or positions the cable gives (`CDA`, `Deputy Minister of Interior`). */
  roles: z.array(z.string()),
  /** Numbered paragraphs naming the person; 0 for the header, Classified-By line and signature. */
  paragraphs: z.array(z.number().int()),
  /** US Government staff. */
  usOfficial: z.boolean(),
  /** A PROTECT / STRICTLY PROTECT marker applies to this person in this cable. */
  protected: z.boolean(),
});

export const OrganizationSchema = z.object({
  name: z.string(),
  variants: z.array(z.string()),
  paragraphs: z.array(z.number().int()),
});

export const PlaceKindSchema = z.enum(["country", "city", "region"]);

export const PlaceSchema = z.object({
  name: z.string(),
  kind: PlaceKindSchema,
  /** Other forms written, adjectives included (`Rwandan` for Rwanda). */
  variants: z.array(z.string()),
  paragraphs: z.array(z.number().int()),
});

export type Person = z.infer<typeof PersonSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type PlaceKind = z.infer<typeof PlaceKindSchema>;
