-- Placements found by a full entity resolution, staged before they are written to `mentions`
-- (owner: entities; see src/store/entities-stage.ts). A full run finds placements group by group,
-- an order unrelated to how `mentions` is stored; writing them as found touched pages all over the
-- table. Staged rows are appended, then applied in the table's order. Empty between runs.
CREATE TABLE entity_stage (
  cable_id   INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  entity_id  TEXT NOT NULL,
  link       TEXT
);
