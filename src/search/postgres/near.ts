/**
 * Phrases as tsquery text, and NEAR of two phrases as tsquery distance operators (nearQuery): the
 * form compile.ts uses in place of cg_near wherever it says exactly what cg_near says.
 */

/** A lexeme inside a tsquery: quoted, quotes and backslashes escaped (lexemes are alphanumeric anyway). */
export function quoteLexeme(l: string): string {
  return `'${l.replace(/['\\]/g, "\\$&")}'`;
}

/** One phrase (or word) at one weight ("" = any): `'a':A <-> 'b':*A`. */
export function phraseQuery(lexemes: string[], prefix: boolean, weight: string): string {
  const last = lexemes.length - 1;
  return lexemes
    .map((l, i) => {
      const star = prefix && i === last ? "*" : "";
      return star || weight ? `${quoteLexeme(l)}:${star}${weight}` : quoteLexeme(l);
    })
    .join(" <-> ");
}

export interface Phrase {
  lexemes: string[];
  prefix: boolean;
}

/** Whether some word could match a lexeme of both phrases (then they may overlap in the text). */
function mayShare(a: Phrase, b: Phrase): boolean {
  const last = (p: Phrase, i: number) => p.prefix && i === p.lexemes.length - 1;
  return a.lexemes.some((x, i) =>
    b.lexemes.some(
      (y, j) => x === y || (last(a, i) && y.startsWith(x)) || (last(b, j) && x.startsWith(y)),
    ),
  );
}

/** Past this distance the alternatives of nearQuery outweigh cg_near's scan of one cable. */
const MAX_NEAR_ALTERNATIVES = 64;

/**
 * NEAR(p q, n) as tsquery, when that says exactly what cg_near (FTS5's rule) says: two phrases
 * that share no word cannot overlap, and FTS5's rule then reduces to "the later one starts 1 to
 * n + 1 words after the earlier one ends", which `p <d> q` (q starts d words after p ends) spells
 * for each d, in both orders. Evaluated on each candidate's positions in C by the GIN recheck,
 * instead of unnesting every position of the cable in SQL. Null when the form does not apply.
 */
export function nearQuery(phrases: Phrase[], distance: number, weight: string): string | null {
  const [p, q] = phrases;
  if (phrases.length !== 2 || !p || !q || mayShare(p, q)) return null;
  if (2 * (distance + 1) > MAX_NEAR_ALTERNATIVES) return null;
  const a = `(${phraseQuery(p.lexemes, p.prefix, weight)})`;
  const b = `(${phraseQuery(q.lexemes, q.prefix, weight)})`;
  const out: string[] = [];
  for (let d = 1; d <= distance + 1; d++) out.push(`${a} <${d}> ${b}`, `${b} <${d}> ${a}`);
  return out.join(" | ");
}
