/**
 * The query AST (src/search/ast.ts) → one SQL condition on `cables c` for PostgreSQL. Text becomes
 * tsquery against `c.tsv` (GIN): words, `prefix:*`, phrases as `<->` chains, `subject:` / `body:`
 * as weights A / B. Where the archive has the index of adjacent word pairs (migration 007, built
 * by choice), a phrase is looked up there first: it answers two words exactly and leaves the `<->`
 * check to the few cables holding every pair of a longer one. NEAR of two phrases that cannot overlap becomes tsquery distance operators
 * (nearQuery); any other NEAR the GIN match of all its phrases plus cg_near's exact distance check
 * (migration 001). Fields become the same conditions as src/search/compile.ts. User text only
 * ever travels as a bound parameter; tsquery strings are built from lexemes PostgreSQL itself made.
 *
 * SQL NOT is three-valued: every negation is `NOT coalesce(x, false)`, so `-origin:x` keeps the
 * cables with no origin, as the id-set complement of the SQLite back end does.
 */
import type { FilterValue, NameValue, NearGroup, QueryNode, TextColumn, TextTerm } from "../ast.js";
import { markingVariants, matchOrigins } from "../compile.js";
import { entityQuery } from "../entity-field.js";
import { nearQuery, phraseQuery, quoteLexeme } from "./near.js";

/** Lexemes of each text, in order, as the index made them (cg_fold + the simple parser). */
export type Lexer = (texts: string[]) => Promise<string[][]>;

const ENTITY_ID_C = 'entity_id COLLATE "C"';

export interface PgCatalog {
  origins(): Promise<string[]>;
  /** Whether the archive has the pair index of phrases (docs/server-mode.md; built by choice). */
  pairIndex?(): Promise<boolean>;
  /** The pool is in public mode: name fields match open mentions' words (../entity-field.ts). */
  publicMode?: boolean;
}

export interface PgCondition {
  where: string;
  params: unknown[];
  /** tsquery OR-ing every positive text term: what relevance ranks by; null without text. */
  rank: string | null;
  /** The text of the query asked of each cable's subject alone (subject tier), when wanted. */
  subject: string | null;
}

/** The subject vector: the index expression of migration 005, written the same way. */
export const SUBJECT_VECTOR = "cg_text_tsv(c.subject, NULL)";

const WEIGHT: Record<TextColumn, string> = { subject: "A", body: "B" };

/** The pair index's expression (migration 007), written as its CREATE INDEX writes it. */
const PAIRS = "cg_phrase_pairs(x.subject, x.body, x.tsv)";

/**
 * The keys of the pair index a phrase needs: each two adjacent lexemes, space-joined, the last
 * lexeme left out when it is a prefix (the index holds whole words only). None for one word.
 */
export function pairKeys(lexemes: string[], prefix: boolean): string[] {
  const words = prefix ? lexemes.slice(0, -1) : lexemes;
  const keys = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) keys.add(`${words[i]} ${words[i + 1]}`);
  return [...keys];
}

/**
 * A word the pair index holds no pair of (migration 009: 1,000 bytes or more; its cables are
 * marked there, but a pair this long may not be a lexeme at all): its phrases go to `tsv`.
 */
function tooLong(lexeme: string): boolean {
  return Buffer.byteLength(lexeme) >= 1000;
}

/**
 * A term's tsquery in a column (null: subject or body). A phrase of several words is asked for
 * at each weight, so it never runs from the end of the subject into the body.
 */
function termQuery(lexemes: string[], prefix: boolean, column: TextColumn | null): string | null {
  if (lexemes.length === 0) return null;
  if (column) return phraseQuery(lexemes, prefix, WEIGHT[column]);
  if (lexemes.length === 1) return phraseQuery(lexemes, prefix, "");
  return `(${phraseQuery(lexemes, prefix, "A")}) | (${phraseQuery(lexemes, prefix, "B")})`;
}

class Builder {
  params: unknown[] = [];
  rank: string[] = [];
  /**
   * `vector`: the tsvector text conditions test; the subject tier of relevance (search.ts) asks
   * the same text of the subject alone (`cg_text_tsv(c.subject, NULL)`, indexed by migration 005).
   */
  constructor(
    private readonly lex: Map<string, string[]>,
    private readonly catalog: PgCatalog,
    public vector = "c.tsv",
    private readonly pairs = false,
  ) {}

  param(v: unknown, cast = ""): string {
    this.params.push(v);
    return `$${this.params.length}${cast}`;
  }

  text(t: TextTerm, positive: boolean): string {
    const lexemes = this.lex.get(t.text) ?? [];
    const q = termQuery(lexemes, t.prefix, t.column);
    if (q === null) return "false";
    if (positive) this.rank.push(q);
    // `subject:` asks the subject vector (its own GIN index, migration 005) without a weight: on
    // c.tsv the weight makes GIN recheck every candidate's whole tsvector out of TOAST.
    if (t.column === "subject") {
      const s = phraseQuery(lexemes, t.prefix, "");
      return `${SUBJECT_VECTOR} @@ ${this.param(s, "::tsquery")}`;
    }
    const keys = pairKeys(lexemes, t.prefix);
    if (!this.pairs || this.vector !== "c.tsv" || keys.length === 0 || lexemes.some(tooLong))
      return `${this.vector} @@ ${this.param(q, "::tsquery")}`;
    return this.pairPhrase(lexemes, keys, t, q);
  }

  /**
   * A phrase from the pair index (migration 007) as the ids of its cables: those holding every
   * pair of the phrase, found without reading a tsvector, and those where the pairs are no guide
   * (marked: '!', or '!word' for a word of the phrase whose positions the tsvector cut), which
   * `tsv` decides. Two words (no prefix, no column) are exactly their pair elsewhere; more, a
   * prefix or `body:` leave the position check on `tsv` to the few cables holding every pair.
   */
  pairPhrase(lexemes: string[], keys: string[], t: TextTerm, q: string): string {
    const last = lexemes.length - 1;
    const star = (i: number) => (t.prefix && i === last ? ":*" : "");
    const pairs = this.param(keys.map(quoteLexeme).join(" & "), "::tsquery");
    const cut = [...new Set(lexemes.map((l, i) => quoteLexeme(`!${l}`) + star(i)))];
    const marks = this.param([quoteLexeme("!"), ...cut].join(" | "), "::tsquery");
    const words = this.param(
      lexemes.map((l, i) => quoteLexeme(l) + star(i)).join(" & "),
      "::tsquery",
    );
    const check = `y.tsv @@ ${this.param(q, "::tsquery")}`;
    // Each scan of the pair index in a subquery of its own (OFFSET 0): a condition on `tsv` next
    // to it would join it in a BitmapAnd, whose recheck computes the pairs of every row again;
    // and never an OR, which the planner filters by computing them.
    const having = (key: string) =>
      `SELECT x.id, x.tsv FROM cables x WHERE ${PAIRS} @@ ${key} OFFSET 0`;
    const marked = `SELECT y.id FROM (${having(marks)}) y WHERE y.tsv @@ ${words} AND ${check}`;
    const ids =
      lexemes.length === 2 && !t.prefix && !t.column
        ? `(SELECT y.id FROM (${having(pairs)}) y EXCEPT ALL SELECT y.id FROM (${having(marks)}) y)
          UNION ALL ${marked}`
        : `SELECT y.id FROM (${having(pairs)}) y WHERE ${check} UNION ALL ${marked}`;
    // IN, not `= ANY(ARRAY(…))`: under OR or NOT an array is scanned row by row, and where it is
    // an index condition its estimate (10 rows) turned the joins of `m` downstream (statement.ts)
    // into nested loops: "foreign minister" at 50,000 cables spent 1.4 s joining the subject tier.
    return `c.id IN (${ids})`;
  }

  near(n: NearGroup, positive: boolean): string {
    const phrases = n.terms.map((t) => ({ lexemes: this.lex.get(t.text) ?? [], prefix: t.prefix }));
    if (phrases.some((p) => p.lexemes.length === 0)) return "false";
    const all = phrases.map((p) => `(${termQuery(p.lexemes, p.prefix, n.column)})`).join(" & ");
    if (positive) this.rank.push(all);
    const weights = n.column ? [WEIGHT[n.column]] : ["A", "B"];
    const exact = weights.map((w) => nearQuery(phrases, n.distance, w));
    // Within the subject, the subject vector says the same (its words are all weight A), and its
    // recheck reads a few words instead of the cable's whole tsvector.
    const v = n.column === "subject" ? SUBJECT_VECTOR : this.vector;
    if (exact.every((q) => q !== null)) {
      // The planner reads the alternatives as likely (it adds them up) and would scan the table;
      // the AND of the phrases, which it estimates well, makes it take the GIN index.
      const q = exact.map((x) => `(${x})`).join(" | ");
      return `(${v} @@ ${this.param(all, "::tsquery")} AND ${v} @@ ${this.param(q, "::tsquery")})`;
    }
    const encoded = phrases.map((p) => p.lexemes.join(" ") + (p.prefix ? "*" : ""));
    const arr = this.param(encoded, "::text[]");
    const dist = this.param(n.distance, "::int");
    const check = weights.map((w) => `cg_near(${v}, ${arr}, ${dist}, '${w}')`).join(" OR ");
    return `(${v} @@ ${this.param(all, "::tsquery")} AND (${check}))`;
  }

  /**
   * Whether a node is text `this.vector` alone answers, as a tsquery: words and phrases of either
   * column there (`subject:` has its own vector, a phrase the pair index where there is one), and
   * AND, OR and NOT of them. A text without lexemes stays `false`, which a tsquery cannot say.
   */
  mergeable(n: QueryNode): boolean {
    switch (n.kind) {
      case "text": {
        const lexemes = this.lex.get(n.text) ?? [];
        if (lexemes.length === 0) return false;
        if (n.column === "subject" && this.vector !== SUBJECT_VECTOR) return false;
        return !(
          this.pairs &&
          this.vector === "c.tsv" &&
          pairKeys(lexemes, n.prefix).length > 0 &&
          !lexemes.some(tooLong)
        );
      }
      case "not":
        return this.mergeable(n.child);
      case "and":
      case "or":
        return n.children.length > 0 && n.children.every((c) => this.mergeable(c));
      default:
        return false;
    }
  }

  /** Whether every cable a node matches holds one of its words (a NOT holds none). */
  anchored(n: QueryNode): boolean {
    switch (n.kind) {
      case "text":
        return true;
      case "and":
        return n.children.some((c) => this.anchored(c));
      case "or":
        return n.children.every((c) => this.anchored(c));
      default:
        return false;
    }
  }

  /** A mergeable node's tsquery; its positive terms rank, as `text` has them rank. */
  tsquery(n: QueryNode, positive: boolean): string {
    switch (n.kind) {
      case "text": {
        const lexemes = this.lex.get(n.text)!;
        const q = termQuery(lexemes, n.prefix, n.column)!;
        if (positive) this.rank.push(q);
        // On the subject vector (only there is `subject:` mergeable) its words carry no weight.
        return `(${n.column === "subject" ? phraseQuery(lexemes, n.prefix, "") : q})`;
      }
      case "not":
        return `!(${this.tsquery(n.child, false)})`;
      case "and":
      case "or":
        return `(${n.children.map((c) => this.tsquery(c, positive)).join(n.kind === "and" ? " & " : " | ")})`;
      default:
        throw new Error(`not a text node: ${n.kind}`);
    }
  }

  names(column: "A" | "B", name: NameValue): string {
    const lexemes = this.lex.get(name.text) ?? [];
    if (lexemes.length === 0) return "false";
    return `c.people_tsv @@ ${this.param(phraseQuery(lexemes, name.prefix, column), "::tsquery")}`;
  }

  async node(n: QueryNode, positive: boolean): Promise<string> {
    switch (n.kind) {
      case "all":
        return "true";
      case "text":
        return this.text(n, positive);
      case "near":
        return this.near(n, positive);
      case "not":
        // Terms under a NOT rank nothing (as positiveTerms in src/search/compile.ts).
        return `NOT coalesce(${await this.node(n.child, false)}, false)`;
      case "and":
      case "or": {
        // The text of the vector among the children is one tsquery: GIN answers `a & !b` from its
        // entries alone, where `NOT (tsv @@ b)` read every candidate's tsvector out of TOAST
        // (`iran AND nuclear NOT israel` at 251,287 cables: 20 ms against 270 ms). Only children
        // a cable must hold a word of (`anchored`) are merged: `!b` alone would scan every entry.
        const merged = n.children.filter((c) => this.mergeable(c) && this.anchored(c));
        const inner = n.kind === "and" ? n.children.filter((c) => this.mergeable(c)) : merged;
        const group = merged.length > 0 && inner.length >= 2 ? inner : [];
        const parts: string[] = [];
        if (group.length > 0) {
          const q = group
            .map((c) => this.tsquery(c, positive))
            .join(n.kind === "and" ? " & " : " | ");
          parts.push(`(${this.vector} @@ ${this.param(q, "::tsquery")})`);
        }
        for (const c of n.children)
          if (!group.includes(c)) parts.push(`(${await this.node(c, positive)})`);
        return parts.join(n.kind === "and" ? " AND " : " OR ") || "true";
      }
      case "filter":
        return this.filter(n.filter);
    }
  }

  prefixed(table: string, column: string, value: string, prefix: boolean): string {
    if (!prefix)
      return `c.id IN (SELECT cable_id FROM ${table} WHERE ${column} = ${this.param(value)})`;
    const like = `${value.replace(/[\\%_]/g, "\\$&")}%`;
    return `c.id IN (SELECT cable_id FROM ${table} WHERE ${column} LIKE ${this.param(like)})`;
  }

  range(column: string, from: unknown, to: unknown, toExclusive: boolean): string {
    const parts: string[] = [];
    const collate = typeof from === "string" || typeof to === "string" ? ' COLLATE "C"' : "";
    if (from !== null) parts.push(`${column}${collate} >= ${this.param(from)}`);
    if (to !== null)
      parts.push(`${column}${collate} ${toExclusive ? "<" : "<="} ${this.param(to)}`);
    if (parts.length === 0) parts.push(`${column} IS NOT NULL`);
    return parts.join(" AND ");
  }

  async filter(f: FilterValue): Promise<string> {
    switch (f.field) {
      case "tag":
        return this.prefixed("tags", "tag", f.value, f.prefix);
      case "caveat":
        return this.prefixed("caveats", "caveat", f.value, false);
      case "reason":
        return this.prefixed("reasons", "reason", f.value, f.prefix);
      case "origin": {
        const origins = matchOrigins(await this.catalog.origins(), f.value);
        return origins.length ? `c.origin = ANY(${this.param(origins, "::text[]")})` : "false";
      }
      case "station":
        return `c.station = ${this.param(f.value)}`;
      case "classification":
        return f.value.includes("//")
          ? `c.classification = ${this.param(f.value)}`
          : `c.level = ${this.param(f.value)}`;
      case "marking":
        return `c.id IN (SELECT cable_id FROM paragraphs WHERE marking = ANY(${this.param(markingVariants(f.value), "::text[]")}))`;
      case "signer":
        return this.names("A", f.name);
      case "classifiedby":
        return this.names("B", f.name);
      case "person":
      case "org":
      case "place": {
        // The SQL of the SQLite back end runs as it is on the same tables (entity_words compares
        // byte-wise there too, migration 003); only its placeholders are renumbered, and
        // `entity_id` is compared in the collation of its index, mentions_entity (migration 003):
        // in the database's default one the planner cannot use that index and reads every mention.
        const q = entityQuery(f.field, f.name, this.catalog.publicMode === true, ENTITY_ID_C);
        if (q.params.length === 0) return "false";
        let i = 0;
        const sql = q.sql.replace(/\?/g, () => this.param(q.params[i++]));
        return `c.id IN (${sql})`;
      }
      case "year":
        return this.range("c.year", f.from, f.to, false);
      case "created":
      case "released": {
        const to = f.range.to === null ? null : `${f.range.to}\uffff`;
        const dated = this.range(`c.${f.field}`, f.range.from, to, true);
        if (f.field !== "created" || !f.estimated) return dated;
        return `(${dated}) OR (${this.range("c.created_est", f.range.from, to, true)})`;
      }
      case "cites":
        return `c.id IN (SELECT cable_id FROM refs WHERE target_id = ${this.param(f.id)})`;
      case "citedby":
        return `c.reference_id IN (SELECT r.target_id FROM refs r WHERE r.cable_id =
          (SELECT y.id FROM cables y WHERE y.reference_id = ${this.param(f.id)}))`;
      case "has":
        return HAS[f.what]!;
      case "partial":
        return f.value ? "c.partial" : "NOT c.partial";
    }
  }
}

const HAS: Record<string, string> = {
  refs: "c.ref_count > 0",
  protect: "c.protect IS NOT NULL",
  redactions: "c.redactions > 0",
  signer: "c.signers IS NOT NULL",
  classifiedby: "c.classified_by IS NOT NULL",
  summary: "c.summary IS NOT NULL",
  comment: "c.comment IS NOT NULL",
  // Flags kept per cable (cable_facets, migration 006): what an anti-join of every reference with
  // `cables` (missing) and a semi-join of `cables` with `refs` (citedby) would say.
  missing: "c.id IN (SELECT f.id FROM cable_facets f WHERE f.missing)",
  citedby: "c.id IN (SELECT f.id FROM cable_facets f WHERE f.cited)",
};

/** Every text the query holds (terms, NEAR terms, names), for one lexing round trip. */
export function queryTexts(n: QueryNode, out: Set<string> = new Set()): Set<string> {
  switch (n.kind) {
    case "text":
      out.add(n.text);
      break;
    case "near":
      for (const t of n.terms) out.add(t.text);
      break;
    case "not":
      queryTexts(n.child, out);
      break;
    case "and":
    case "or":
      for (const c of n.children) queryTexts(c, out);
      break;
    case "filter":
      if ("name" in n.filter) out.add(n.filter.name.text);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Public mode's protecting cables a query reaches (src/search/entity-visibility.ts publicRewrites):
 * each is a hit when it matches its group's rewritten query, whatever `node` says of it.
 */
export type Rewrites = readonly { cables: number[]; node: QueryNode }[] | null;

export async function compilePostgres(
  node: QueryNode,
  lexer: Lexer,
  catalog: PgCatalog,
  rewrites: Rewrites = null,
  subjectNodes: readonly QueryNode[] | null = null,
): Promise<PgCondition> {
  const texts = new Set(queryTexts(node));
  for (const g of rewrites ?? []) queryTexts(g.node, texts);
  const list = [...texts];
  const lexemes = list.length ? await lexer(list) : [];
  // The pair index is asked about only when some text is a phrase (two lexemes or more).
  const pairs = lexemes.some((l) => l.length > 1) && (await catalog.pairIndex?.()) === true;
  const b = new Builder(
    new Map(list.map((t, i) => [t, lexemes[i] ?? []])),
    catalog,
    "c.tsv",
    pairs,
  );
  let where = await b.node(node, true);
  if (rewrites?.length) {
    const all = rewrites.flatMap((g) => g.cables);
    const parts = [`(${where}) AND NOT (c.id = ANY(${b.param(all, "::bigint[]")}))`];
    for (const g of rewrites) {
      // Ranked by the query as typed, as SQLite ranks them: the rewrite only decides membership.
      const again = await b.node(g.node, false);
      parts.push(`c.id = ANY(${b.param(g.cables, "::bigint[]")}) AND (${again})`);
    }
    where = parts.map((p) => `(${p})`).join(" OR ");
  }
  const rank = b.rank.length ? b.rank.map((r) => `(${r})`).join(" | ") : null;
  let subject: string | null = null;
  if (subjectNodes?.length) {
    b.vector = SUBJECT_VECTOR;
    const parts: string[] = [];
    for (const n of subjectNodes) parts.push(`(${await b.node(n, false)})`);
    subject = parts.join(" AND ");
  }
  return { where, params: b.params, rank, subject };
}
