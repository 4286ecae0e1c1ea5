/**
 * Takes an archive back to where an ingest leaves it before its finish steps (a script, not a
 * test), so that `npm run bench:finish` times the first resolution of its mentions as an ingest
 * runs it:
 *
 *   tsx scripts/unresolve-entities.ts ARCHIVE
 *
 * Every mention unplaced (entity_id and link NULL; group keys kept, as the writer stores them),
 * the tables resolution derives emptied, and the entity summaries emptied and marked for a full
 * build, as on a new archive. It writes to ARCHIVE: run it on a copy. One difference remains:
 * the mentions' pages keep the room their placements took, where a fresh ingest's are full.
 */
import { existsSync } from "node:fs";
import { openArchive } from "../src/store/db.js";
import { buildIndex, MENTIONS_ENTITY_INDEX } from "../src/store/entities-stage.js";

const path = process.argv[2];
if (!path || !existsSync(path)) {
  process.stderr.write("usage: tsx scripts/unresolve-entities.ts ARCHIVE\n");
  process.exit(2);
}
const db = openArchive(path);
const started = performance.now();
db.exec("DROP INDEX IF EXISTS mentions_entity");
db.transaction(() => {
  db.exec("UPDATE mentions SET entity_id = NULL, link = NULL");
  for (const t of [
    "entities",
    "entity_forms",
    "entity_words",
    "entity_owners",
    "entity_dirty",
    "entity_stage",
    "entity_stats",
    "entity_cables",
    "cable_entities",
    "entity_codes",
    "entity_summary_dirty",
  ])
    db.exec(`DELETE FROM ${t}`);
  db.exec("INSERT INTO entity_summary_dirty (entity_id) VALUES ('*')");
})();
buildIndex(db, MENTIONS_ENTITY_INDEX);
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
process.stdout.write(
  `${path}: unresolved in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
