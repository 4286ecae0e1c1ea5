/**
 * Citations of cables in the formats reference managers import (Zotero, JabRef, EndNote): BibTeX,
 * CSL-JSON and RIS, for one cable, one paragraph of it, or a list. Pure: the permalinks are built
 * from the configured base URL the caller passes, never from a request's Host header. A cable
 * without a creation date is dated by the year in its reference id, which is always known.
 */
import { splitId } from "../../model/reference-id.js";
import { longMonth } from "../views/format.js";

export const CITATION_FORMATS = ["bibtex", "csl", "ris"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export const CITATION_TYPES: Record<CitationFormat, { type: string; extension: string }> = {
  bibtex: { type: "application/x-bibtex; charset=utf-8", extension: "bib" },
  csl: { type: "application/vnd.citationstyles.csl+json; charset=utf-8", extension: "json" },
  ris: { type: "application/x-research-info-systems; charset=utf-8", extension: "ris" },
};

/** What a citation needs of a cable. */
export interface CitedCable {
  referenceId: string;
  subject: string | null;
  created: string | null;
  origin: string | null;
  classification: string | null;
}

/** One entry: a cable, or a paragraph of it. */
export interface CitationEntry {
  cable: CitedCable;
  paragraph?: number | null;
}

const PUBLISHER = "United States Department of State";

interface CitationDate {
  parts: number[];
  /** True when only the reference id's year is known. */
  fromId: boolean;
}

/** Creation date as [year, month, day]; the id's year when the cable carries no date. */
export function citationDate(c: CitedCable): CitationDate {
  const m = c.created ? /^(\d{4})-(\d{2})-(\d{2})/.exec(c.created) : null;
  if (m) return { parts: [Number(m[1]), Number(m[2]), Number(m[3])], fromId: false };
  const year = splitId(c.referenceId)?.year;
  return { parts: year ? [year] : [], fromId: true };
}

export function permalink(baseUrl: string, e: CitationEntry): string {
  const base = baseUrl.replace(/\/+$/, "");
  const anchor = e.paragraph ? `#p${e.paragraph}` : "";
  return `${base}/cables/${encodeURIComponent(e.cable.referenceId)}${anchor}`;
}

function title(e: CitationEntry): string {
  const subject = e.cable.subject?.trim() || `Cable ${e.cable.referenceId}`;
  return e.paragraph ? `${subject}, ¶${e.paragraph}` : subject;
}

function author(c: CitedCable): string {
  return c.origin?.trim() || PUBLISHER;
}

function note(c: CitedCable): string {
  return [`Cable ${c.referenceId}`, c.classification].filter(Boolean).join(", ");
}

/** The citation key: the id, plus the paragraph (`08TRIPOLI227p3`). */
function key(e: CitationEntry): string {
  return `${e.cable.referenceId}${e.paragraph ? `p${e.paragraph}` : ""}`;
}

/** BibTeX special characters escaped; braces keep the case of capitalised subjects. */
function bib(s: string): string {
  return s
    .replace(/\\/g, "\\textbackslash{}")
    .replace(/([{}$&%#_])/g, "\\$1")
    .replace(/\^/g, "\\^{}")
    .replace(/~/g, "\\~{}")
    .replace(/[\r\n]+/g, " ");
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export function bibtexEntry(e: CitationEntry, baseUrl: string): string {
  const c = e.cable;
  const d = citationDate(c);
  const fields: [string, string][] = [
    ["author", `{${bib(author(c))}}`],
    ["title", `{${bib(title(e))}}`],
    ["howpublished", "{Diplomatic cable}"],
    ["number", `{${bib(c.referenceId)}}`],
    ["institution", `{${PUBLISHER}}`],
  ];
  if (d.parts[0]) fields.push(["year", `{${d.parts[0]}}`]);
  if (d.parts[1]) fields.push(["month", MONTHS[d.parts[1] - 1]!]);
  if (d.parts[2]) fields.push(["day", `{${d.parts[2]}}`]);
  fields.push(["url", `{${permalink(baseUrl, e)}}`]);
  fields.push(["note", `{${bib(note(c))}${d.fromId ? ", date unknown, year from the id" : ""}}`]);
  return `@misc{${key(e)},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(",\n")}\n}\n`;
}

export interface CslItem {
  id: string;
  type: "document";
  title: string;
  author: { literal: string }[];
  publisher: string;
  genre: string;
  number: string;
  issued?: { "date-parts": number[][] };
  URL: string;
  note: string;
}

export function cslItem(e: CitationEntry, baseUrl: string): CslItem {
  const c = e.cable;
  const d = citationDate(c);
  return {
    id: key(e),
    type: "document",
    title: title(e),
    author: [{ literal: author(c) }],
    publisher: PUBLISHER,
    genre: "Diplomatic cable",
    number: c.referenceId,
    ...(d.parts.length ? { issued: { "date-parts": [d.parts] } } : {}),
    URL: permalink(baseUrl, e),
    note: note(c),
  };
}

/** RIS values are one line each. */
function ris(s: string): string {
  return s.replace(/[\r\n]+/g, " ").trim();
}

export function risEntry(e: CitationEntry, baseUrl: string): string {
  const c = e.cable;
  const d = citationDate(c);
  const pad = (n: number | undefined) => (n ? String(n).padStart(2, "0") : "");
  const lines: [string, string][] = [
    ["TY", "GEN"],
    ["TI", ris(title(e))],
    ["AU", ris(author(c))],
    ["PB", PUBLISHER],
    ["M3", "Diplomatic cable"],
    ["ID", key(e)],
    ["M1", c.referenceId],
  ];
  if (d.parts[0]) {
    lines.push(["PY", String(d.parts[0])]);
    lines.push(["DA", `${d.parts[0]}/${pad(d.parts[1])}/${pad(d.parts[2])}/`]);
  }
  lines.push(["UR", permalink(baseUrl, e)]);
  lines.push(["N1", ris(note(c))]);
  lines.push(["ER", ""]);
  return `${lines.map(([k, v]) => `${k}  - ${v}`.trimEnd()).join("\r\n")}\r\n`;
}

/** The entries in one format, as the text of one file. */
export function citations(
  entries: readonly CitationEntry[],
  format: CitationFormat,
  baseUrl: string,
): string {
  switch (format) {
    case "bibtex":
      return entries.map((e) => bibtexEntry(e, baseUrl)).join("\n");
    case "csl":
      return `${JSON.stringify(
        entries.map((e) => cslItem(e, baseUrl)),
        null,
        2,
      )}\n`;
    case "ris":
      return entries.map((e) => risEntry(e, baseUrl)).join("\r\n");
  }
}

/** A human citation line (what the reader's "cite this" box shows). */
export function citationLine(e: CitationEntry, baseUrl: string): string {
  const c = e.cable;
  const d = citationDate(c);
  const date = d.fromId
    ? d.parts[0]
      ? `${d.parts[0]} (date unknown)`
      : "date unknown"
    : `${d.parts[2]} ${longMonth(d.parts[1]!)} ${d.parts[0]}`;
  return `${author(c)}, "${c.subject?.trim() || "untitled"}", cable ${c.referenceId}, ${date}${e.paragraph ? `, ¶${e.paragraph}` : ""}, ${permalink(baseUrl, e)}`;
}
