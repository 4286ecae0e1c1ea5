import { toLf } from "./decode.js";
import type { RawMetadata, RawRecord } from "./record.js";

/**
 * The layout of the Cablegate `cables.csv` (spec §6.1): which fields a row has, how a row starts
 * (the anchor a damaged file is resynchronised on), and what each field means for a RawRecord.
 */

export const FIELD_COUNT = 8;
export const FIELD_NAMES = [
  "row_no",
  "created",
  "id",
  "origin",
  "classification",
  "references",
  "header",
  "body",
];

const QUOTE = 0x22;
const COMMA = 0x2c;
const DIGIT = -1;

// `"<digits>","<M/D/YYYY H:MM>",` as [byte or DIGIT, min, max] steps; the anchor for resynchronising.
const ROW_START: [number, number, number][] = [
  [QUOTE, 1, 1],
  [DIGIT, 1, 12],
  [QUOTE, 1, 1],
  [COMMA, 1, 1],
  [QUOTE, 1, 1],
  [DIGIT, 1, 2],
  [0x2f, 1, 1],
  [DIGIT, 1, 2],
  [0x2f, 1, 1],
  [DIGIT, 4, 4],
  [0x20, 1, 1],
  [DIGIT, 1, 2],
  [0x3a, 1, 1],
  [DIGIT, 2, 2],
  [QUOTE, 1, 1],
  [COMMA, 1, 1],
];

export const MORE = -1;
export const NO = 0;
export const YES = 1;

/** Does a row start at `i`? MORE when the buffer ends before that is decided. */
export function rowStartAt(b: Uint8Array, i: number): -1 | 0 | 1 {
  let j = i;
  for (const [cls, min, max] of ROW_START) {
    let count = 0;
    while (count < max) {
      if (j >= b.length) return MORE;
      const c = b[j]!;
      if (cls === DIGIT ? c < 0x30 || c > 0x39 : c !== cls) break;
      count++;
      j++;
    }
    if (count < min) return NO;
  }
  return YES;
}

/** The eight decoded fields of a row → the record (metadata as written, header, body). */
export function csvRecord(f: string[], source: RawRecord["source"], warnings: string[]): RawRecord {
  const [, created, id, origin, classification, references, header, body] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const metadata: RawMetadata = {};
  if (id.trim()) metadata.referenceId = id.trim();
  if (created.trim()) metadata.created = created.trim();
  if (origin.trim()) metadata.origin = origin.trim();
  if (classification.trim()) metadata.classification = classification.trim();
  const refs = references
    .split("|")
    .map((r) => r.trim())
    .filter(Boolean);
  if (refs.length > 0) metadata.references = refs;
  return {
    kind: "record",
    source,
    metadata,
    header: header.trim() ? toLf(header) : null,
    body: toLf(body),
    warnings,
  };
}
