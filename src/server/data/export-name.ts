/**
 * File names of exports and citation lists, from what was asked and when: `cablegram-qadhafi-
 * tag-ly-2026-12-05.csv` instead of one `cablegram-export.csv` after another in the downloads
 * folder. ASCII letters, digits and hyphens only, so the name is safe in a header and on any disk.
 */
import type { QueryInput } from "./query.js";
import { filterTerms } from "./query.js";

const MAX_SLUG = 60;

/** `Qadhafi "oil deal" tag:LY` → `qadhafi-oil-deal-tag-ly`; empty when nothing is left. */
export function slug(text: string): string {
  const s = text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s.length <= MAX_SLUG ? s : s.slice(0, MAX_SLUG).replace(/-[^-]*$/, "");
}

/** `cablegram-<query and filters>-<YYYY-MM-DD>.<extension>`; `all` for the empty query. */
export function exportFileName(input: QueryInput, extension: string, now = new Date()): string {
  const what = slug([input.q ?? "", ...filterTerms(input)].join(" ")) || "all";
  return `cablegram-${what}-${now.toISOString().slice(0, 10)}.${extension}`;
}

/** The Content-Disposition of a download named so. */
export function attachment(name: string): string {
  return `attachment; filename="${name}"`;
}
