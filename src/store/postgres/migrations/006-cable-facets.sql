-- One narrow row per cable with what the facets and the has:missing / has:citedby filters would
-- otherwise join other tables for (src/search/postgres/statement.ts, compile.ts). A facet of a
-- broad match joined every match with its `tags` (or `caveats`) rows and counted them one by one;
-- here the matches are grouped by their (tags, caveats) pair first, a few thousand distinct pairs
-- for tens of thousands of cables, and only those pairs are unnested. has:missing was an
-- anti-join of every reference with `cables`, has:citedby a semi-join of `cables` with `refs`:
-- both are flags here, with a partial index each.
--
-- Kept by the writer (src/store/postgres/cable-facets.ts): each batch syncs the rows of its
-- cables and of their neighbours (the cables citing a cable it adds, which may stop missing one;
-- the cables its references and its replaced versions' references name, which may gain or lose a
-- citation). A bulk load syncs every cable once its indexes are built again.
CREATE TABLE cable_facets (
  id       bigint PRIMARY KEY REFERENCES cables (id) ON DELETE CASCADE,
  -- Sorted byte-wise, so equal sets are equal arrays and group together.
  tags     text[] NOT NULL,
  caveats  text[] NOT NULL,
  -- A reference names a cable the archive does not hold (has:missing).
  missing  boolean NOT NULL,
  -- Some reference names this cable (has:citedby).
  cited    boolean NOT NULL
);

-- The rows of the cables `ids`, as they should be now: each value read by index (tags and caveats
-- by their primary keys, references by theirs and by refs_target, cables by reference_id).
CREATE FUNCTION cg_cable_facet_rows(ids bigint[])
  RETURNS TABLE (id bigint, tags text[], caveats text[], missing boolean, cited boolean)
  LANGUAGE sql STABLE AS $$
  SELECT c.id,
         ARRAY(SELECT t.tag FROM tags t WHERE t.cable_id = c.id ORDER BY t.tag COLLATE "C"),
         ARRAY(SELECT v.caveat FROM caveats v WHERE v.cable_id = c.id ORDER BY v.caveat COLLATE "C"),
         EXISTS (SELECT 1 FROM refs r WHERE r.cable_id = c.id AND r.target_id IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM cables x WHERE x.reference_id = r.target_id)),
         EXISTS (SELECT 1 FROM refs r WHERE r.target_id = c.reference_id)
    FROM cables c WHERE c.id = ANY(ids)
$$;

-- Brings the rows of `ids` up to date (rows of cables that are gone deleted, unchanged rows not
-- rewritten); returns how many rows it changed.
CREATE FUNCTION cg_sync_cable_facets(ids bigint[]) RETURNS integer
  LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM cable_facets f WHERE f.id = ANY(ids)
       AND NOT EXISTS (SELECT 1 FROM cables c WHERE c.id = f.id) RETURNING 1),
  up AS (
    INSERT INTO cable_facets (id, tags, caveats, missing, cited)
    SELECT * FROM cg_cable_facet_rows(ids)
    ON CONFLICT (id) DO UPDATE
       SET tags = EXCLUDED.tags, caveats = EXCLUDED.caveats, missing = EXCLUDED.missing,
           cited = EXCLUDED.cited
     WHERE (cable_facets.tags, cable_facets.caveats, cable_facets.missing, cable_facets.cited)
           IS DISTINCT FROM (EXCLUDED.tags, EXCLUDED.caveats, EXCLUDED.missing, EXCLUDED.cited)
    RETURNING 1)
  SELECT ((SELECT count(*) FROM gone) + (SELECT count(*) FROM up))::int
$$;

SELECT cg_sync_cable_facets(ARRAY(SELECT id FROM cables));

CREATE INDEX cable_facets_missing ON cable_facets (id) WHERE missing;
CREATE INDEX cable_facets_cited ON cable_facets (id) WHERE cited;
