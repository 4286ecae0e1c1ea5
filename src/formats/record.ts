import type { Provenance } from "../model/cable.js";

/** What the source says about a record outside the telegram text, as written (not normalised). */
export interface RawMetadata {
  referenceId?: string;
  /** As written: `2005-06-06 14:16` (HTML, mirror) or `6/6/2005 14:16` (CSV). */
  created?: string;
  released?: string;
  classification?: string;
  origin?: string;
  /** The WikiLeaks page subject (`<h3>` or mirror line 2); often truncated, a fallback only. */
  subject?: string;
  /** Ids the source lists as cited (CSV references column). */
  references?: string[];
}

/** One cable as a reader found it: container decoded (CSV escapes, HTML entities, charset), nothing else. */
export interface RawRecord {
  kind: "record";
  source: Provenance;
  metadata: RawMetadata;
  /** The transmission header when the source keeps it apart (HTML first block, CSV header column). */
  header: string | null;
  /** The telegram text; for formats that glue header and body together, both. */
  body: string;
  /** Decoding repairs done by the reader (charset, entities, link debris in containers). */
  warnings: string[];
}

/** A record the reader could not read; the batch goes on. */
export interface ReadError {
  kind: "error";
  source: Provenance;
  reason: string;
}

export type ReadItem = RawRecord | ReadError;
