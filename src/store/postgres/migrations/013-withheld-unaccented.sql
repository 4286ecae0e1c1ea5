-- What public mode withholds beside a protected person, again, as SQLite migration 019: the
-- writers now compare a name's words with the protected forms' in both spellings of the letters
-- unaccent folds and the name folding keeps (src/store/protection-inherit.ts, touchedBy), as
-- migration 011 did through cg_fold; archives the writers marked before (an ingest, a `migrate`)
-- are marked by migration 011 applied again. Its session function and temporary table go first:
-- every pending migration runs in one transaction, so 011's may exist in it already.
DROP FUNCTION IF EXISTS pg_temp.cg_withheld_words(text);
DROP TABLE IF EXISTS pg_temp.withheld_new;
-- again: 011-withheld-mentions.sql
