/**
 * A migration that applies an earlier one again, because the rule the earlier one applied has
 * changed since (both back ends' withheld-mention marks: SQLite 018 → 019, PostgreSQL 011 → 013),
 * names it in a line `-- again: NNN-name.sql`. Its text runs first, then the named one's as it
 * is: applied migrations are never edited, and a copy of one would be a second text to keep equal.
 */
const AGAIN = /^-- again: (\d{3}-[\w.-]+\.sql)\s*$/m;

/** The SQL a migration's file stands for: its own text, then the text of the one it repeats. */
export function withRepeated(text: string, read: (file: string) => string): string {
  const again = AGAIN.exec(text)?.[1];
  return again ? `${text}\n${withRepeated(read(again), read)}` : text;
}
