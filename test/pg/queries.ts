/**
 * Queries for the back-end equivalence test, drawn from an archive's own contents so that most of
 * them match something: every form docs/query-language.md documents (words, phrases, prefixes,
 * boolean operators, grouping, NEAR, every field and alias, ids), alone and combined. Deterministic:
 * the same archive gives the same list.
 */

import { HAS_VALUES } from "../../src/search/ast.js";
import { tokenize } from "../../src/search/text-match.js";
import type { Db } from "../../src/store/db.js";

export interface GeneratedQuery {
  q: string;
  /** The documented form it exercises. */
  form: string;
}

/** Every k-th element, so picks spread over the frequency ranking. */
function spread<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]!);
}

function column(db: Db, sql: string): string[] {
  return db
    .prepare<[], string>(sql)
    .pluck()
    .all()
    .filter((v) => v !== null)
    .map(String);
}

function frequent(texts: string[], min: number, size: 1 | 2): string[] {
  const counts = new Map<string, number>();
  for (const t of texts) {
    const words = tokenize(t).map((w) => w.norm);
    const seen = new Set<string>();
    for (let i = 0; i + size <= words.length; i++) {
      const gram = words.slice(i, i + size);
      if (gram.some((w) => w.length < 3 || /\d/.test(w))) continue;
      seen.add(gram.join(" "));
    }
    for (const g of seen) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w);
}

export function generateQueries(db: Db): GeneratedQuery[] {
  const subjects = column(db, "SELECT subject FROM cables WHERE subject IS NOT NULL ORDER BY id");
  const paras = column(db, "SELECT text FROM paragraphs WHERE cable_id % 3 = 0 ORDER BY id");
  const words = spread(frequent(subjects, 2, 1), 24);
  const bodyWords = spread(frequent(paras, 3, 1), 24);
  const phrases = spread(frequent(paras, 3, 2), 14);
  const tags = column(db, "SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 40");
  const origins = column(
    db,
    "SELECT origin FROM cables GROUP BY origin ORDER BY count(*) DESC, origin LIMIT 12",
  );
  const stations = column(
    db,
    "SELECT station FROM cables GROUP BY station ORDER BY count(*) DESC, station LIMIT 8",
  );
  const classes = column(
    db,
    "SELECT classification FROM cables WHERE classification LIKE '%//%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 4",
  );
  const caveats = column(
    db,
    "SELECT caveat FROM caveats GROUP BY caveat ORDER BY count(*) DESC LIMIT 4",
  );
  const markings = column(
    db,
    "SELECT marking FROM paragraphs WHERE marking IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 5",
  );
  const signers = spread(
    frequent(column(db, "SELECT signers FROM cables WHERE signers IS NOT NULL ORDER BY id"), 2, 1),
    5,
  );
  const classifiers = spread(
    frequent(
      column(db, "SELECT classified_by FROM cables WHERE classified_by IS NOT NULL ORDER BY id"),
      2,
      1,
    ),
    5,
  );
  const reasons = column(
    db,
    "SELECT reason FROM reasons GROUP BY reason ORDER BY count(*) DESC LIMIT 4",
  );
  const cited = column(
    db,
    "SELECT target_id FROM refs WHERE target_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 4",
  );
  const citing = column(
    db,
    "SELECT c.reference_id FROM cables c WHERE ref_count > 0 ORDER BY ref_count DESC, id LIMIT 4",
  );
  const ids = column(db, "SELECT reference_id FROM cables ORDER BY id LIMIT 600").filter(
    (_, i) => i % 150 === 7,
  );
  const years = column(db, "SELECT year FROM cables GROUP BY year ORDER BY count(*) DESC LIMIT 4");
  const months = column(
    db,
    "SELECT month FROM cables WHERE created IS NOT NULL GROUP BY month ORDER BY count(*) DESC LIMIT 4",
  );

  const out: GeneratedQuery[] = [];
  const add = (form: string, q: string) => out.push({ form, q });
  const w = (i: number) => words[i % words.length]!;
  const b = (i: number) => bodyWords[i % bodyWords.length]!;

  for (const x of words) add("word", x);
  for (const x of bodyWords.slice(0, 12)) add("word", x);
  for (const p of phrases) add("phrase", `"${p}"`);
  for (let i = 0; i < 8; i++) add("prefix", `${b(i).slice(0, Math.max(3, b(i).length - 3))}*`);
  for (const p of phrases.slice(0, 4)) add("phrase prefix", `"${p.slice(0, -2)}"*`);
  for (let i = 0; i < 8; i++) add("implicit AND", `${w(i)} ${b(i + 3)}`);
  for (let i = 0; i < 4; i++) add("AND", `${b(i)} AND ${b(i + 5)}`);
  for (let i = 0; i < 6; i++) add("OR", `${w(i)} OR ${w(i + 7)}`);
  for (let i = 0; i < 4; i++) add("NOT", `${b(i)} NOT ${b(i + 2)}`);
  for (let i = 0; i < 4; i++) add("minus", `${b(i + 1)} -${w(i)}`);
  // Text a tsquery holds whole on PostgreSQL (compile.ts merges it): NOT of phrases, prefixes
  // and columns, a NOT beside fields, and an OR that a NOT alone may satisfy.
  for (let i = 0; i < 3; i++) add("NOT phrase", `${b(i + 1)} NOT "${phrases[i]}"`);
  add("NOT prefix", `${w(2)} -${b(3).slice(0, 4)}*`);
  add("NOT in column", `body:${w(1)} -body:${b(4)}`);
  add("NOT beside subject:", `subject:${w(0)} ${b(1)} -${b(2)}`);
  add("NOT beside field", `${b(2)} -${b(5)} tag:${tags[0]}`);
  add("OR with NOT", `${w(3)} OR -${b(6)}`);
  add("NOT alone", `NOT ${b(0)}`);
  add("NOT alone", `-${w(1)}`);
  for (let i = 0; i < 4; i++) add("grouping", `(${w(i)} OR ${w(i + 2)}) AND ${b(i + 4)}`);
  add("grouping", `((${b(1)} OR ${b(2)}) -(${b(3)} OR ${w(4)})) ${b(5)}`);
  for (let i = 0; i < 4; i++) add("NEAR default", `NEAR(${b(i)} ${b(i + 1)})`);
  for (let i = 0; i < 5; i++) add("NEAR N", `NEAR(${b(i)} ${b(i + 6)}, ${[0, 2, 5, 20, 100][i]})`);
  for (let i = 0; i < 3; i++) add("NEAR phrase", `NEAR(${b(i + 2)} "${phrases[i]}", 8)`);
  add("NEAR prefix", `NEAR(${b(3).slice(0, 4)}* ${b(4)}, 6)`);
  add("NEAR three", `NEAR(${b(0)} ${b(1)} ${b(2)}, 15)`);
  for (let i = 0; i < 4; i++) add("subject:", `subject:${w(i)}`);
  add("subject: group", `subject:(${w(0)} OR ${w(5)})`);
  add("subject: phrase", `subject:"${phrases[0]}"`);
  for (let i = 0; i < 3; i++) add("body:", `body:${w(i + 2)}`);
  add("body:NEAR", `body:NEAR(${b(1)} ${b(2)}, 10)`);
  add("body: prefix", `body:${w(3).slice(0, 4)}*`);
  for (const t of spread(tags, 8)) add("tag:", `tag:${t}`);
  add("tag: lower case", `tag:${tags[0]!.toLowerCase()}`);
  add("tag: prefix", "tag:K*");
  add("tag: prefix", `tag:${tags[1]!.slice(0, 2)}*`);
  add("tag: group", `tag:(${tags[0]} OR ${tags[3]})`);
  add("tags: alias", `tags:${tags[2]}`);
  for (const o of origins.slice(0, 4)) add("origin: label", `origin:"${o}"`);
  add("origin: word", `origin:${origins[0]!.split(" ").pop()!.toLowerCase()}`);
  add("origin: word", "origin:consulate");
  add("origin: word", "origin:embassy");
  for (const s of stations.slice(0, 4)) add("station:", `station:${s}`);
  add("station: alias", "station:secstate");
  for (const c of ["U", "C", "S", "TS", "secret", "unclassified", "confidential"])
    add("classification: level", `classification:${c}`);
  for (const c of classes) add("classification: exact", `classification:${c}`);
  add("class: alias", "class:S//NF");
  for (const c of caveats) add("caveat:", `caveat:${c}`);
  add("caveats: alias", `caveats:${caveats[0] ?? "NOFORN"}`);
  for (const m of markings) add("marking:", `marking:${m}`);
  add("marking: slashes", "marking:S//NF");
  for (const s of signers) add("signer:", `signer:${s}`);
  add("signer: prefix", `signer:${signers[0]!.slice(0, 3)}*`);
  add("signers: alias", `signers:${signers[1] ?? signers[0]}`);
  for (const s of classifiers) add("classifiedby:", `classifiedby:${s}`);
  for (const r of reasons) add("reason:", `reason:${r}`);
  add("reason: no parentheses", "reason:1.4d");
  add("reason: section", "reason:1.4");
  add("reason: section", "reason:1.5");
  add("reasons: alias", "reasons:1.4(b)");
  for (const y of years) add("year:", `year:${y}`);
  add("year: range", "year:2005..2007");
  add("year: open", "year:..1999");
  add("year: open", "year:2008..");
  for (const m of months) add("created: month", `created:${m}`);
  add("created: year", `created:${months[0]!.slice(0, 4)}`);
  add("created: day", `created:${months[0]}-15`);
  add("created: range", `created:${months[1]}..${months[0]}`);
  add("created: open", "created:2008..");
  add("created: open", "created:..2005-03-01");
  add("date: alias", `date:${months[2] ?? months[0]}`);
  add("created~:", `created~:${months[0]!.slice(0, 4)}`);
  add("created~: range", "created~:1970..1990");
  add("released:", "released:2011-08");
  add("released: range", "released:2010..2011-06");
  for (const c of cited) add("cites:", `cites:${c}`);
  add("cite: alias", `cite:${cited[1] ?? cited[0]}`);
  for (const c of citing) add("citedby:", `citedby:${c}`);
  add("cited: alias", `cited:${citing[1] ?? citing[0]}`);
  // Every has: value the parser knows, so a new one is compared too.
  for (const h of HAS_VALUES) add("has:", `has:${h}`);
  add("partial:", "partial:yes");
  add("partial:", "partial:no");
  for (const id of ids) add("id", id);
  if (ids[0]) {
    const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(ids[0]);
    if (m) {
      add("id spaced", `${m[1]} ${m[2]} ${m[3]}`);
      add("id lower", ids[0].toLowerCase());
      add("id dashed", `${m[1]}-${m[2]}-${m[3]}`);
      add("id prefix", `${m[1]}${m[2]}${m[3]!.slice(0, 1)}`);
      add("id prefix star", `${m[1]}${m[2]}*`);
    }
  }
  add("punctuation in a word", `${b(0)}-${b(1)}`);
  add("punctuation in a word", "1.4(b)");
  add("accents", "muller OR Müller OR café");
  add("no letters", `${w(0)} ---`);
  add("empty", "");
  add("variants", `${w(2)}~`);
  add("variants", `subject:${w(3)}~`);
  add("person:", `person:${signers[0]}`);
  add("place:", "place:libya");
  add("lower-case operators are words", `${w(0)} and ${w(1)}`);
  for (let i = 0; i < 6; i++) {
    add("text and fields", `${b(i)} tag:${tags[i % tags.length]}`);
    add("text minus field", `${w(i)} -tag:${tags[(i + 1) % tags.length]}`);
  }
  add("fields combined", `tag:${tags[0]} origin:"${origins[0]}" has:refs`);
  add("fields combined", `classification:S -caveat:${caveats[0] ?? "NOFORN"} year:2005..2010`);
  add("fields OR", `tag:${tags[0]} OR station:${stations[1]}`);
  add("NOT field", `NOT origin:"${origins[0]}"`);
  add("NOT field", `-has:refs ${b(2)}`);
  return out;
}
