import type { Cable } from "../model/cable.js";
import { makeDoc } from "../parse/doc.js";
import { type Entities, extractEntities as extract } from "../parse/entities/index.js";

/**
 * A stored cable's entities by this build's extractor: what the parser's last stage does at
 * ingest (src/parse/index.ts), from the stored Cable, whose body is the normalised text that stage
 * read and whose subject, signers, Classified-By, paragraphs and PROTECT markers are the ones it
 * saw. Only the extractor runs again; the other parsers' output stays as stored.
 */
export function extractEntities(cable: Cable): Entities {
  const doc = makeDoc(cable.body, { year: cable.year, referenceId: cable.referenceId });
  return extract(cable, doc);
}

export interface ReextractRequest {
  id: number;
  cables: Cable[];
}

export interface ReextractResponse {
  id: number;
  entities: Entities[];
}
