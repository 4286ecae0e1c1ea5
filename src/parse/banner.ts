import type { BodyDoc } from "./doc.js";

// PLACEHOLDER (owner: header helper): the classification line opening the body.

export interface Banner {
  /** Normalised level as written on the banner (`CONFIDENTIAL`, `UNCLASSIFIED`...). */
  classification: string | null;
  /** Canonical station of the post named on the banner, when recognisable. */
  station: string | null;
  serial: number | null;
}

export function parseBanner(_doc: BodyDoc): Banner {
  return { classification: null, station: null, serial: null };
}
