/**
 * Snippets: where in a hit the query matched, with `<mark>` around matches and everything else
 * HTML-escaped. The paragraph is named through the paragraphs_fts index
 * (src/search/paragraph-match.ts): the query's body-side terms OR-ed, matched within the cable's
 * paragraph rowids, the best by BM25, marked where FTS5 matched. That is not cheaper than finding
 * the terms again in each paragraph's text in JavaScript, as this module did before: measured on
 * 50,000 cables, a page of 20 hits costs about the same for common words (-2 to +1 ms), 1-2 ms
 * more for rare words, phrases, NEAR and several terms (2-5 ms more on newest-first pages while
 * the index holds many unmerged segments). It is kept because it is right where the JavaScript
 * search was not: NEAR distances are honoured, unaccented words find accented text (`impresion`,
 * `impresión`), the paragraph is the one BM25 ranks first rather than the first holding most
 * distinct terms, and the marks are what FTS5 matched. A match only in the subject or the caption
 * area has no paragraph number; a query without text previews the summary or the first paragraph.
 */
import { type Db, perConnection } from "../store/db.js";
import type { HighlightTerm } from "./compile.js";
// Private-use sentinels stand in for the tags while the text is escaped; cable text never holds them.
import { CLOSE, OPEN } from "./fts-marks.js";
import { bestParagraph, bodyGroups } from "./paragraph-match.js";
import { find, mayMatch, patterns, type Token, tokenize } from "./text-match.js";

/** Words shown in a snippet, and how many of them come before the first match. */
const WINDOW = 30;
const LEAD = 8;
const PLAIN_LENGTH = 240;

export interface Snippet {
  snippet: string | null;
  paragraph: number | null;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const UNESCAPES: Record<string, string> = Object.fromEntries(
  Object.entries(ESCAPES).map(([c, e]) => [e, c]),
);

/** The inverse of escapeHtml: the text between a snippet's marks. */
export function unescapeHtml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => UNESCAPES[e]!);
}

/** Escapes the text and turns the sentinels into balanced `<mark>` elements. */
export function markup(raw: string): string {
  let open = false;
  let out = "";
  for (const part of raw.split(/([\uE000\uE001])/)) {
    if (part === OPEN) {
      if (!open) out += "<mark>";
      open = true;
    } else if (part === CLOSE) {
      if (open) out += "</mark>";
      open = false;
    } else {
      out += escapeHtml(part);
    }
  }
  return open ? `${out}</mark>` : out;
}

/** The text around the first match, matches between sentinels, `…` where it was cut. */
function excerpt(text: string, tokens: Token[], spans: [number, number][]): string {
  const first = spans[0]![0];
  const from = Math.max(0, first - LEAD);
  const to = Math.min(tokens.length, from + WINDOW);
  const startChar = from === 0 ? 0 : tokens[from]!.start;
  const endChar = to === tokens.length ? text.length : tokens[to - 1]!.end;
  let out = "";
  let at = startChar;
  for (const [a, b] of spans) {
    if (a < from || b > to) continue;
    const s = tokens[a]!.start;
    const e = tokens[b - 1]!.end;
    if (s < at) continue;
    out += text.slice(at, s) + OPEN + text.slice(s, e) + CLOSE;
    at = e;
  }
  out += text.slice(at, endChar);
  const flat = out.replace(/\s+/g, " ").trim();
  return `${from > 0 ? "…" : ""}${flat}${to < tokens.length ? "…" : ""}`;
}

function statements(db: Db) {
  return {
    first: db.prepare<[number], { number: number; text: string }>(
      "SELECT number, text FROM paragraphs WHERE cable_id = ? ORDER BY seq LIMIT 1",
    ),
    cable: db.prepare<[number], { subject: string | null; summary: string | null; body: string }>(
      "SELECT subject, summary, body FROM cables WHERE id = ?",
    ),
  };
}
const stmts = perConnection(statements);

export function truncate(s: string): string {
  const flat = s.replace(/\s+/g, " ").trim();
  if (flat.length <= PLAIN_LENGTH) return flat;
  const cut = flat.lastIndexOf(" ", PLAIN_LENGTH);
  return `${flat.slice(0, cut > PLAIN_LENGTH / 2 ? cut : PLAIN_LENGTH)}…`;
}

/** The text with its matches marked, or its beginning when the word rules found none. */
export function marked(text: string, tokens: Token[], spans: [number, number][]): string {
  return spans.length > 0 ? markup(excerpt(text, tokens, spans)) : escapeHtml(truncate(text));
}

/**
 * The snippet of one hit. The paragraph FTS5 matches best, else every term in the subject, else
 * body terms in the whole text (caption area); a query without terms previews the summary or the
 * first paragraph.
 */
export function snippetFor(db: Db, cableId: number, terms: HighlightTerm[]): Snippet {
  const s = stmts(db);
  const named = bestParagraph(db, cableId, bodyGroups(terms));
  if (named) {
    return {
      snippet: marked(named.text, named.tokens, named.spans),
      paragraph: named.number,
    };
  }
  const cable = s.cable.get(cableId);
  const allPats = patterns(terms.filter((t) => t.column !== "body"));
  if (cable?.subject && allPats.length > 0) {
    const tokens = tokenize(cable.subject);
    const found = find(tokens, allPats);
    if (found.spans.length > 0) {
      return { snippet: markup(excerpt(cable.subject, tokens, found.spans)), paragraph: null };
    }
  }
  const bodyPats = patterns(terms.filter((t) => t.column !== "subject"));
  if (cable && bodyPats.length > 0 && mayMatch(cable.body, bodyPats)) {
    const tokens = tokenize(cable.body);
    const found = find(tokens, bodyPats);
    if (found.spans.length > 0) {
      return { snippet: markup(excerpt(cable.body, tokens, found.spans)), paragraph: null };
    }
  }
  if (cable?.summary) return { snippet: escapeHtml(truncate(cable.summary)), paragraph: null };
  const first = s.first.get(cableId);
  if (first) return { snippet: escapeHtml(truncate(first.text)), paragraph: first.number };
  return { snippet: null, paragraph: null };
}
