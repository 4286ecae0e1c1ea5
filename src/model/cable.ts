/**
 * The Cable record: the one shape shared by the parser, the archive, the API and the exports.
 * Field names and meanings follow the Cable JSON contract (docs/contract.md); add fields, never
 * rename or drop them.
 */

import type { Organization, Person, Place } from "./entities.js";

export type { Organization, Person, Place } from "./entities.js";

export type ReferenceKind =
  | "cable"
  | "email"
  | "telcon"
  | "report"
  | "book"
  | "memo"
  | "fax"
  | "meeting"
  | "web"
  | "other";

export interface Recipient {
  /** Routing indicator (`RUEHC`) or null when the line has none. */
  route: string | null;
  /** Addressee as written (`SECSTATE WASHDC`). */
  name: string;
  /** Precedence written on this addressee's line (`IMMEDIATE`, `NIACT IMMEDIATE`) or null. */
  precedence: string | null;
  /** Message continuity number as written (`"0109"`) or null. */
  mcn: string | null;
  /** Addressees excluded from a collective by `XMT` lines. */
  excluded: string[];
}

export interface Declassification {
  /** The order as written (`E.O. 12958`) or null. */
  authority: string | null;
  /** `YYYY-MM-DD` or null when the instruction is not a date (`N/A`, `OADR`, `X1`...). */
  date: string | null;
  /** The rest of the line as written. */
  text: string;
}

export interface Reference {
  /** Enumeration letter (`A`) or null. */
  label: string | null;
  kind: ReferenceKind;
  /** Canonical cable id for cables (year inferred from the citing cable when omitted), else null. */
  referenceId: string | null;
  /** The item as written, trimmed, without trailing handling sentences. */
  text: string;
}

export interface ClassifiedBy {
  names: string[];
  title: string | null;
  /** Normalised reason codes: `1.4(b)`, `1.5(d)`. */
  reasons: string[];
  text: string;
}

export interface Paragraph {
  /** The number as the drafter wrote it. */
  number: number;
  /** Portion marking without parentheses (`C`, `S/NF`, `C/REL LIBYA`) or null. */
  marking: string | null;
  /** Section heading opening this paragraph, or null. */
  heading: string | null;
  text: string;
}

export interface Protect {
  marker: "PROTECT" | "STRICTLY PROTECT";
  paragraph: number | null;
  text: string;
}

export interface Cable {
  referenceId: string | null;
  station: string | null;
  year: number | null;
  serial: number | null;
  created: string | null;
  released: string | null;
  origin: string | null;
  classification: string | null;
  caveats: string[];
  partial: boolean;
  transmissionId: string | null;
  precedence: string | null;
  dtg: string | null;
  from: string | null;
  to: Recipient[];
  info: Recipient[];
  declassification: Declassification | null;
  tags: string[];
  /** TAGS upper-cased as written, before splitting, fixing and de-duplication (an addition). */
  tagsAsWritten: string[];
  subject: string | null;
  /** Portion marking written before the subject (`C/NF` for `(C/NF) ...`), or null (an addition). */
  subjectMarking: string | null;
  references: Reference[];
  classifiedBy: ClassifiedBy | null;
  paragraphs: Paragraph[];
  summary: string | null;
  comment: string | null;
  signers: string[];
  protect: Protect[];
  /** People named in the cable, once each (contract: `persons`). */
  persons: Person[];
  organizations: Organization[];
  places: Place[];
  redactions: number;
  body: string;
  warnings: string[];
  /** Where the record came from (file, position, format); an addition to the contract. */
  source?: Provenance;
}

/** Where a raw record was read: enough to point a user at the bytes. */
export interface Provenance {
  format: FormatName;
  file: string;
  /** Byte offset of the record's first byte in the file. */
  offset: number;
  /** 1-based line of the record's first byte in the file. */
  line: number;
}

/** The input formats, one reader each (src/formats/index.ts). */
export const FORMAT_NAMES = ["csv", "html", "mirror", "scraped", "raw"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

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
