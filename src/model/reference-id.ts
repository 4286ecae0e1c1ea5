// PLACEHOLDER (owner: ids/references helper): canonicalisation of cable reference ids.

export interface IdParts {
  /** Four-digit year. */
  year: number;
  station: string;
  serial: number;
}

/** Canonical id for an id as written anywhere, or null when it is not a cable id. */
export function canonicalId(raw: string): string | null {
  const m = /^(\d{2})([A-Z]+)0*(\d+)$/.exec(raw.trim().toUpperCase());
  return m ? `${m[1]}${m[2]}${m[3]}` : null;
}

/** Parts of a canonical id. */
export function splitId(id: string): IdParts | null {
  const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  return { year: yy > 50 ? 1900 + yy : 2000 + yy, station: m[2]!, serial: Number(m[3]) };
}
