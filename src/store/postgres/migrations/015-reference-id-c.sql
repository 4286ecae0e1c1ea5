-- Reference ids in byte order, for the id prefixes searches suggest (src/search/postgres/search.ts,
-- src/archive/archive.ts suggestIds): `reference_id COLLATE "C" >= '09LONDON' AND < '09LONDON\uffff'`,
-- in "C" so that the range holds every id with the prefix whatever the database's collation. The
-- unique index of cables.reference_id is in the database's collation, which the planner cannot use
-- for that range: at 251,287 cables each suggestion read the whole index (56 ms; this index: a
-- seek). The bulk load drops and builds it with the others (src/store/postgres/bulk-load.ts).
CREATE INDEX cables_reference_id_c ON cables (reference_id COLLATE "C");
