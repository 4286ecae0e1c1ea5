import type { RawMetadata } from "../formats/record.js";
import type { Declassification } from "../model/cable.js";
import { canonicalId, formatId, splitId } from "../model/reference-id.js";
import { originForStation } from "../reference/stations.js";
import type { Banner } from "./banner.js";
import { normalizeClassification } from "./classification-label.js";
import { resolveCreated, resolveReleased } from "./metadata-dates.js";

/**
 * Who sent the cable, when, under which id and at which level: the source's metadata where it has
 * any (it is what WikiLeaks published), else what the telegram says about itself (banner, DTG,
 * declassification date), each inference named in `warnings`.
 */

export interface IdentityInput {
  metadata: RawMetadata;
  context: { year?: number | null; referenceId?: string | null };
  banner: Banner;
  dtg: string | null;
  declassification: Declassification | null;
  origin: string | null;
  /** The header's FM line, when known: tells an embassy from a consulate for a derived origin. */
  from?: string | null;
}

export interface Identity {
  referenceId: string | null;
  created: string | null;
  released: string | null;
  origin: string | null;
  classification: string | null;
  /** The source's own subject (HTML `<h3>`), used only when the body has none. */
  fallbackSubject: string | null;
  warnings: string[];
}

/** Classification lasts ten years by default (E.O. 12958 §1.5(b)), so DECL − 10 ≈ the creation year. */
const DEFAULT_DECL_YEARS = 10;
const FIRST_CABLE_YEAR = 1966;

export function resolveIdentity(input: IdentityInput): Identity {
  const warnings: string[] = [];
  const created = resolveCreated(input.metadata.created, input.dtg, warnings);
  const referenceId = resolveReferenceId(input, created, warnings);
  const station = referenceId ? (splitId(referenceId)?.station ?? null) : input.banner.station;
  return {
    referenceId,
    created,
    released: resolveReleased(input.metadata.released, warnings),
    origin: resolveOrigin(input, station),
    classification: resolveClassification(input, warnings),
    fallbackSubject: cleanSubject(input.metadata.subject),
    warnings,
  };
}

function resolveReferenceId(
  input: IdentityInput,
  created: string | null,
  warnings: string[],
): string | null {
  const { banner } = input;
  const written = [input.metadata.referenceId, input.context.referenceId];
  for (let k = 0; k < written.length; k++) {
    const raw = written[k];
    if (!raw?.trim()) continue;
    const id = canonicalId(raw);
    if (id) {
      crossCheckSerial(id, banner, warnings);
      return id;
    }
    const where = k === 0 ? "metadata" : "context";
    warnings.push(`${where} reference id ${JSON.stringify(raw)} is not a cable id; ignored`);
  }
  if (!banner.station || banner.serial === null) return null;
  const year = yearOf(input, created, warnings);
  if (year === null) return null;
  const id = canonicalId(formatId(year.year, banner.station, banner.serial));
  if (id && year.inferred) {
    warnings.push(
      `reference id ${id}: year ${year.year} inferred from the declassification date ` +
        `${input.declassification?.date} (DECL is usually ${DEFAULT_DECL_YEARS} years after creation)`,
    );
  } else if (id) {
    warnings.push(
      `reference id ${id} built from the banner's post and serial, year from ${year.from}`,
    );
  }
  return id;
}

interface YearSource {
  year: number;
  from: string;
  inferred: boolean;
}

/** The cable's year for an id built from its banner: metadata, batch context, DTG, else DECL − 10. */
function yearOf(
  input: IdentityInput,
  created: string | null,
  warnings: string[],
): YearSource | null {
  const fromCreated = created ? Number(created.slice(0, 4)) : null;
  if (fromCreated && input.metadata.created) {
    return { year: fromCreated, from: "the metadata's created date", inferred: false };
  }
  if (input.context.year) return { year: input.context.year, from: "the context", inferred: false };
  if (fromCreated) return { year: fromCreated, from: "the DTG", inferred: false };
  const decl = input.declassification?.date;
  if (!decl) return null;
  const year = Number(decl.slice(0, 4)) - DEFAULT_DECL_YEARS;
  // A DECL far in the future (25-year classifications) would give a year no cable can have.
  if (!Number.isInteger(year) || year < FIRST_CABLE_YEAR || year > new Date().getUTCFullYear()) {
    warnings.push(`no year for the reference id: declassification date ${decl} gives ${year}`);
    return null;
  }
  return { year, from: "the declassification date", inferred: true };
}

/** The banner's serial should be the id's (spec §9.8); a mismatch flags a page holding another text. */
function crossCheckSerial(id: string, banner: Banner, warnings: string[]): void {
  const parts = splitId(id);
  if (!parts || banner.serial === null || !banner.station) return;
  if (banner.station === parts.station && banner.serial !== parts.serial) {
    warnings.push(
      `the banner's serial ${banner.station} ${banner.serial} differs from the reference id ${id}`,
    );
  }
}

function resolveOrigin(input: IdentityInput, station: string | null): string | null {
  const label = (input.metadata.origin ?? input.origin)?.trim();
  if (label) return label;
  return station ? originForStation(station, { from: input.from ?? null }) : null;
}

function resolveClassification(input: IdentityInput, warnings: string[]): string | null {
  const written = input.metadata.classification;
  if (written?.trim()) {
    const normalized = normalizeClassification(written);
    if (normalized) return normalized;
    warnings.push(`metadata classification ${JSON.stringify(written)} not recognised; ignored`);
  }
  return input.banner.classification;
}

// WikiLeaks titles run on into the caption area (`... REF: STATE 1234`) or end in an export escape.
const RUN_ON = /\s+(?:REF(?:S|TEL)?:|Classified By\b|CLASSIFIED BY\b|E\.O\. \d|TAGS:)[\s\S]*$/;
const LEADING_MARKING = /^\((?:U|C|S|SBU|TS|U\/\/FOUO|[CSU]\/\/?NF|[CSU]\/REL[^)]*|NF)\)\s*/i;

/** The source's title cleaned to a contract subject (one line, no marking); null when empty. */
export function cleanSubject(subject: string | null | undefined): string | null {
  if (!subject) return null;
  // Each repair is tried only when its tell-tale character is there: this runs on every record.
  let s = subject.includes("<") ? subject.replace(/<br\s*\/?>/gi, " ") : subject;
  s = s.replace(RUN_ON, "").replace(/\s+/g, " ").trim();
  if (s.endsWith("\\")) s = s.replace(/(?:\s*\\)+$/, "");
  if (s.startsWith("(")) s = s.replace(LEADING_MARKING, "");
  s = s.trim();
  return s === "" ? null : s;
}
