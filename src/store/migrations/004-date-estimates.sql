-- Estimated creation dates for cables that no source dates (src/store/date-estimates.ts). The
-- estimate is never written into `created`: a `created:` filter keeps meaning "dated by a source",
-- and `created~:` asks for estimates too. `month` (the histogram and browse bucket) takes the
-- estimate's month, so browse pages and histograms count undated cables where they most likely
-- belong; the reader and the hits say it is an estimate.
ALTER TABLE cables ADD COLUMN created_est TEXT;        -- YYYY-MM-DD, only where created IS NULL
ALTER TABLE cables ADD COLUMN created_est_json TEXT;   -- {date, from, to, basis, witnesses}
CREATE INDEX cables_created_est ON cables(created_est) WHERE created_est IS NOT NULL;
-- Sort keys come from this covering index: it now carries the estimate too.
DROP INDEX cables_search_meta;
CREATE INDEX cables_search_meta ON cables(id, created, released, month, origin, classification, created_est);
