-- Indexes that let entity resolution read in index order instead of seeking rows (owner: entities;
-- see src/store/entities-rows.ts). Rebuilding an entity's derived rows read each of its mentions
-- from the table and its cable's date from `cables`: at 251,287 cables, 6.5 million seeks to pages
-- all over a 0.7 GB and a 3.4 GB table, a third of a full resolution's time. `mentions_entity`
-- now carries what that rebuild reads (in the same order: entity, cable, position), and
-- `cables_entity_facts` the facts of a cable resolution uses (station, year, date, signers), in a few MB that stay cached.
DROP INDEX mentions_entity;
CREATE INDEX mentions_entity ON mentions(entity_id, cable_id, seq, type, name, variants, protected);
CREATE INDEX cables_entity_facts ON cables(id, station, year, created, signers);
