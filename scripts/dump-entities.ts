/**
 * Everything entity resolution decides, dumped sorted and keyed by reference id (not by row id),
 * so that two archives of the same cables compare with `diff` or a hash:
 *
 *   tsx scripts/dump-entities.ts ARCHIVE > dump.tsv
 *
 * Used to check that a change to resolution (how it reads, batches or writes) leaves its output
 * identical: ingest the same cables before and after, dump both, compare. The entity summaries
 * are dumped too (entity-summary.ts). Opens the archive
 * read-only and streams each table, so it works on a full-scale archive too.
 */
import Database from "better-sqlite3";

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: tsx scripts/dump-entities.ts ARCHIVE\n");
  process.exit(2);
}
const db = new Database(path, { readonly: true, fileMustExist: true });

const TABLES: [string, string][] = [
  [
    "mentions",
    `SELECT c.reference_id, m.seq, m.type, m.entity_id, m.link, m.key, m.vkeys
       FROM mentions m JOIN cables c ON c.id = m.cable_id ORDER BY c.reference_id, m.seq`,
  ],
  ["entities", "SELECT * FROM entities ORDER BY id"],
  ["entity_forms", "SELECT * FROM entity_forms ORDER BY entity_id, form"],
  ["entity_words", "SELECT * FROM entity_words ORDER BY word, entity_id"],
  ["entity_owners", "SELECT * FROM entity_owners ORDER BY type, vkey, key"],
  // The summaries (entity-summary.ts), cables named by reference id; packed lists as hex.
  [
    "entity_cables",
    `SELECT e.entity_id, e.created, c.reference_id, e.seq, e.protected, e.station, e.month,
            e.roles, e.rule
       FROM entity_cables e JOIN cables c ON c.id = e.cable_id
      ORDER BY e.entity_id, e.created, c.reference_id, e.seq`,
  ],
  ["entity_stats", "SELECT * FROM entity_stats ORDER BY entity_id, kind, key"],
  ["entity_codes", "SELECT * FROM entity_codes ORDER BY code"],
  [
    "cable_entities",
    `SELECT c.reference_id, hex(e.codes), hex(e.public_codes)
       FROM cable_entities e JOIN cables c ON c.id = e.cable_id ORDER BY c.reference_id`,
  ],
  [
    "entity_comentions",
    "SELECT entity_id, hex(top), hex(public_top) FROM entity_comentions ORDER BY entity_id",
  ],
];

const out: string[] = [];
const flush = () => {
  process.stdout.write(out.join(""));
  out.length = 0;
};
for (const [name, sql] of TABLES) {
  for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
    out.push(`${name}\t${row.map((v) => JSON.stringify(v)).join("\t")}\n`);
    if (out.length >= 10_000) flush();
  }
}
flush();
db.close();
