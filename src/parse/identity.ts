import type { RawMetadata } from "../formats/record.js";
import type { Declassification } from "../model/cable.js";
import { canonicalId } from "../model/reference-id.js";
import type { Banner } from "./banner.js";

// PLACEHOLDER (owner: formats/normalize helper): id, dates, origin and classification from metadata and text.

export interface IdentityInput {
  metadata: RawMetadata;
  context: { year?: number | null; referenceId?: string | null };
  banner: Banner;
  dtg: string | null;
  declassification: Declassification | null;
  origin: string | null;
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

export function resolveIdentity(input: IdentityInput): Identity {
  const raw = input.metadata.referenceId ?? input.context.referenceId ?? null;
  return {
    referenceId: raw ? canonicalId(raw) : null,
    created: null,
    released: null,
    origin: input.origin,
    classification: input.metadata.classification ?? input.banner.classification,
    fallbackSubject: null,
    warnings: [],
  };
}
