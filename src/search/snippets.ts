/**
 * Snippets: where in a hit the query matched, with `<mark>` around matches and everything else
 * HTML-escaped. The query's terms are found again in the hit's paragraphs with the same word rules
 * as the FTS5 tokenizer (letters and digits, case and diacritics ignored): the paragraph with most
 * distinct terms wins and names itself; a match only in the subject or the caption area has no
 * paragraph number. Done in memory on the page's hits because a per-hit FTS5 query must reload
 * the doclists of common words every time (milliseconds per hit).
 */
import type { Db } from "../store/db.js";
import type { HighlightTerm } from "./compile.js";

// Private-use sentinels stand in for the tags while the text is escaped; cable text never holds them.
const OPEN = "\uE000";
const CLOSE = "\uE001";
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

interface Token {
  start: number;
  end: number;
  norm: string;
}

const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{Co}\p{M}]*/gu;

const NON_ASCII = /\P{ASCII}/u;

/** Case and diacritics folded, as the unicode61 tokenizer with remove_diacritics does. */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ start: m.index, end: m.index + m[0].length, norm: fold(m[0]) });
  }
  return out;
}

/** A query term as a sequence of folded words; `prefix` applies to the last one. */
interface Pattern {
  words: string[];
  prefix: boolean;
}

export function patterns(terms: HighlightTerm[]): Pattern[] {
  const out: Pattern[] = [];
  for (const t of terms) {
    const words = [...t.text.matchAll(WORD)].map((m) => fold(m[0]));
    if (words.length > 0) out.push({ words, prefix: t.prefix });
  }
  return out;
}

/**
 * Whether a text may hold a match: a cheap substring test on the lower-cased text, exact for
 * ASCII words; a text is only tokenized when it passes.
 */
function mayMatch(text: string, pats: Pattern[]): boolean {
  const lower = text.toLowerCase();
  return pats.some((p) => NON_ASCII.test(p.words[0]!) || lower.includes(p.words[0]!));
}

interface Found {
  /** Token index ranges [from, to) that match, in order. */
  spans: [number, number][];
  distinct: number;
}

function find(tokens: Token[], pats: Pattern[]): Found {
  const spans: [number, number][] = [];
  let distinct = 0;
  for (const p of pats) {
    let hit = false;
    for (let i = 0; i + p.words.length <= tokens.length; i++) {
      let ok = true;
      for (let k = 0; k < p.words.length && ok; k++) {
        const tok = tokens[i + k]!.norm;
        const w = p.words[k]!;
        const last = k === p.words.length - 1;
        ok = last && p.prefix ? tok.startsWith(w) : tok === w;
      }
      if (ok) {
        spans.push([i, i + p.words.length]);
        hit = true;
      }
    }
    if (hit) distinct++;
  }
  spans.sort((a, b) => a[0] - b[0]);
  return { spans, distinct };
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
    paragraphs: db.prepare<[number], { number: number; text: string }>(
      "SELECT number, text FROM paragraphs WHERE cable_id = ? ORDER BY seq",
    ),
    cable: db.prepare<[number], { subject: string | null; summary: string | null; body: string }>(
      "SELECT subject, summary, body FROM cables WHERE id = ?",
    ),
  };
}
const cache = new WeakMap<Db, ReturnType<typeof statements>>();

function truncate(s: string): string {
  const flat = s.replace(/\s+/g, " ").trim();
  if (flat.length <= PLAIN_LENGTH) return flat;
  const cut = flat.lastIndexOf(" ", PLAIN_LENGTH);
  return `${flat.slice(0, cut > PLAIN_LENGTH / 2 ? cut : PLAIN_LENGTH)}…`;
}

/**
 * The snippet of one hit. Body terms are looked for in the paragraphs, then every term in the
 * subject, then body terms in the whole text (caption area); a query without terms previews the
 * summary or the first paragraph.
 */
export function snippetFor(db: Db, cableId: number, terms: HighlightTerm[]): Snippet {
  let s = cache.get(db);
  if (!s) {
    s = statements(db);
    cache.set(db, s);
  }
  const paragraphs = s.paragraphs.all(cableId);
  const bodyPats = patterns(terms.filter((t) => t.column !== "subject"));
  if (bodyPats.length > 0) {
    let best: { number: number; text: string; tokens: Token[]; found: Found } | null = null;
    for (const p of paragraphs) {
      if (!mayMatch(p.text, bodyPats)) continue;
      const tokens = tokenize(p.text);
      const found = find(tokens, bodyPats);
      if (found.spans.length === 0) continue;
      if (!best || found.distinct > best.found.distinct) best = { ...p, tokens, found };
    }
    if (best) {
      return {
        snippet: markup(excerpt(best.text, best.tokens, best.found.spans)),
        paragraph: best.number,
      };
    }
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
  if (cable && bodyPats.length > 0 && mayMatch(cable.body, bodyPats)) {
    const tokens = tokenize(cable.body);
    const found = find(tokens, bodyPats);
    if (found.spans.length > 0) {
      return { snippet: markup(excerpt(cable.body, tokens, found.spans)), paragraph: null };
    }
  }
  if (cable?.summary) return { snippet: escapeHtml(truncate(cable.summary)), paragraph: null };
  const first = paragraphs[0];
  if (first) return { snippet: escapeHtml(truncate(first.text)), paragraph: first.number };
  return { snippet: null, paragraph: null };
}
