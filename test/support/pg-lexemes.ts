import type { PgArchive } from "../../src/store/postgres/connect.js";

/** The lexemes PostgreSQL makes of `text` as the archive indexes it (cg_fold, simple), in order. */
export async function lexemes(pg: PgArchive, text: string): Promise<string[]> {
  const [row] = await pg.sql<{ lex: string[] | null }[]>`
    SELECT array_agg(s.lexeme ORDER BY s.p) AS lex
      FROM (SELECT u.lexeme, unnest(u.positions) AS p
              FROM unnest(to_tsvector('pg_catalog.simple', cg_fold(${text}))) u) s`;
  return row?.lex ?? [];
}
