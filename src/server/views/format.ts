/** Small pure helpers the views share: dates, classification colours, links. */

import { unescapeHtml } from "../../search/snippets.js";

/** `2008-03-17T10:10:00Z` → `2008-03-17`. */
export function day(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : "";
}

/** `2008-03-17T10:10:00Z` → `2008-03-17 10:10 UTC`. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** 3 → `March`; a number that is no month, as written. */
export function longMonth(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

/** `2008-03` → `March 2008`. */
export function monthName(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : month;
}

/** The colour class of a classification or portion marking (US banner colours). */
export function levelClass(value: string | null | undefined): string {
  const v = (value ?? "").toUpperCase().replace(/^\(|\)$/g, "");
  if (/^(TOP SECRET|TS)\b/.test(v)) return "lvl-ts";
  if (/^(SECRET|S)\b/.test(v)) return "lvl-s";
  if (/^(CONFIDENTIAL|C)\b/.test(v)) return "lvl-c";
  if (/^(UNCLASSIFIED|U|SBU|LIMITED OFFICIAL USE|LOU)\b/.test(v)) return "lvl-u";
  return "lvl-none";
}

export function cableUrl(id: string, paragraph?: number | null): string {
  const base = `/cables/${encodeURIComponent(id)}`;
  return paragraph === null || paragraph === undefined ? base : `${base}#p${paragraph}`;
}

export function browseUrl(kind: string, value?: string): string {
  return value === undefined ? `/browse/${kind}` : `/browse/${kind}/${encodeURIComponent(value)}`;
}

/** A path with query parameters; empty and null values are left out, arrays repeat the key. */
export function withQuery(
  path: string,
  params: Record<string, string | number | null | undefined | readonly string[]>,
): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, x);
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
}

/** Thousands separators, for counts. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * A search snippet (matches in `<mark>`, the rest HTML-escaped by the search layer) as parts to
 * render: the text is unescaped here and escaped again by JSX, so only `<mark>` can ever become
 * markup, whatever the snippet holds.
 */
export function snippetParts(html: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let mark = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") mark = true;
    else if (piece === "</mark>") mark = false;
    else if (piece) parts.push({ text: unescapeHtml(piece), mark });
  }
  return parts;
}

/** JSON for a `<script type="application/json">` element: nothing in it can close the element. */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
