/**
 * Snippets for a page of hits on PostgreSQL, with the word rules of src/search/text-match.ts (the
 * ones the SQLite snippets use where FTS5 cannot say where a term is). The paragraph shown is the
 * one where the most query terms occur, the first such on a tie; SQLite asks its paragraph index
 * for the best BM25 paragraph instead, so on a long cable the two back ends may show different
 * paragraphs of the same hit (docs/query-language.md). Subject, caption-area and no-text previews
 * follow snippetFor exactly.
 */
import type { Sql } from "../../store/postgres/connect.js";
import type { HighlightTerm } from "../compile.js";
import { escapeHtml, marked, type Snippet, truncate } from "../snippets.js";
import { find, mayMatch, patterns, tokenize } from "../text-match.js";

interface Row {
  id: number;
  subject: string | null;
  summary: string | null;
  body: string;
  paragraphs: { number: number; text: string }[] | null;
}

function snippetOf(row: Row, terms: HighlightTerm[]): Snippet {
  const bodyPats = patterns(terms.filter((t) => t.column !== "subject"));
  if (bodyPats.length > 0) {
    let best: { snippet: string; paragraph: number; score: number } | null = null;
    for (const p of row.paragraphs ?? []) {
      if (!mayMatch(p.text, bodyPats)) continue;
      const tokens = tokenize(p.text);
      const found = find(tokens, bodyPats);
      const score = found.counts.filter((n) => n > 0).length;
      if (score > 0 && (!best || score > best.score)) {
        best = { snippet: marked(p.text, tokens, found.spans), paragraph: p.number, score };
      }
    }
    if (best) return { snippet: best.snippet, paragraph: best.paragraph };
  }
  const allPats = patterns(terms.filter((t) => t.column !== "body"));
  if (row.subject && allPats.length > 0) {
    const tokens = tokenize(row.subject);
    const found = find(tokens, allPats);
    if (found.spans.length > 0) {
      return { snippet: marked(row.subject, tokens, found.spans), paragraph: null };
    }
  }
  if (bodyPats.length > 0 && mayMatch(row.body, bodyPats)) {
    const tokens = tokenize(row.body);
    const found = find(tokens, bodyPats);
    if (found.spans.length > 0) {
      return { snippet: marked(row.body, tokens, found.spans), paragraph: null };
    }
  }
  if (row.summary) return { snippet: escapeHtml(truncate(row.summary)), paragraph: null };
  const first = row.paragraphs?.[0];
  if (first) return { snippet: escapeHtml(truncate(first.text)), paragraph: first.number };
  return { snippet: null, paragraph: null };
}

/**
 * The snippet of each hit of a page, by cables.id: one query for the page. `termsOf` gives the
 * terms to mark in each (public mode leaves out those naming a person the cable protects).
 */
export async function snippetsFor(
  tx: Sql,
  ids: number[],
  termsOf: (id: number) => HighlightTerm[],
): Promise<Map<number, Snippet>> {
  if (ids.length === 0) return new Map();
  const rows = await tx<Row[]>`
    SELECT c.id, c.subject, c.summary, c.body,
           (SELECT json_agg(json_build_object('number', p.number, 'text', p.text) ORDER BY p.seq)
              FROM paragraphs p WHERE p.cable_id = c.id) AS paragraphs
      FROM cables c WHERE c.id = ANY(${ids}::bigint[])`;
  return new Map(rows.map((r) => [r.id, snippetOf(r, termsOf(r.id))]));
}
