/**
 * What the working tree's resolution rule would move on an archive, without writing to it (a
 * script, not a test): `npx tsx scripts/rule-diff.ts ARCHIVE [--type person|org|place]`.
 *
 * Reads every mention of the type with the facts resolution reads (entities-rows.ts), resolves
 * them all in memory with today's rule, and prints the entity count, then each move from the
 * stored entity to the new one with the rule's evidence, most mentions first. For reading a rule
 * change against the stored resolution of the same archive before rerunning it.
 */
import { parseArgs } from "node:util";
import { openArchive } from "../src/store/db.js";
import type { EntityType } from "../src/store/entities-input.js";
import { facts, type Row } from "../src/store/entities-rows.js";
import { resolve } from "../src/store/entities-rule.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { type: { type: "string", default: "person" } },
});
if (positionals.length !== 1) {
  process.stderr.write("usage: tsx scripts/rule-diff.ts ARCHIVE [--type person|org|place]\n");
  process.exit(2);
}
const db = openArchive(positionals[0]!, { readonly: true });
const rows = db
  .prepare<[EntityType], Row>(
    `SELECT m.cable_id, m.seq, m.type, m.name, m.variants, m.roles, m.protected, m.entity_id,
            m.link, c.station, c.year, c.created, m.key, m.vkeys, c.signers, m.us_official
       FROM mentions m JOIN cables c ON c.id = m.cable_id WHERE m.type = ?
      ORDER BY m.cable_id, m.seq`,
  )
  .all(values.type as EntityType);
db.close();
const { placements } = resolve(rows.map(facts));
const moved = new Map<string, number>();
const entities = new Set<string>();
rows.forEach((row, i) => {
  const p = placements[i]!;
  entities.add(p.entityId);
  if (p.entityId === row.entity_id) return;
  const k = `${row.entity_id} -> ${p.entityId} [${p.link}]`;
  moved.set(k, (moved.get(k) ?? 0) + 1);
});
const stored = new Set(rows.map((r) => r.entity_id)).size;
const total = [...moved.values()].reduce((a, b) => a + b, 0);
const out = [
  `${values.type} entities ${stored} stored, ${entities.size} now; mentions moved ${total}`,
];
for (const [k, n] of [...moved].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
  out.push(`${n} ${k}`);
process.stdout.write(`${out.join("\n")}\n`);
