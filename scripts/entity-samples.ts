/**
 * Resolution samples for reading by hand (a script, not a test):
 * `npm run entity-samples -- --db PATH [--seed N] [--size N] [--json]`.
 *
 * Prints the archive's entity counts by type, the 20 largest person entities with every form
 * written, then two seeded random samples to judge: mentions that a linking rule (office holder,
 * signature, same post and period, same role, initial, a given name's slip) placed in a full-name entity — is the merge right? — and pairs of
 * person entities that share a surname but were left apart — should they have merged? The same
 * seed on the same archive draws the same samples.
 */
import { parseArgs } from "node:util";
import { openArchive } from "../src/store/db.js";
import { nameShape } from "../src/store/entity-names.js";
import { mulberry32 } from "../test/support/mulberry32.js";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    seed: { type: "string", default: "9" },
    size: { type: "string", default: "30" },
    json: { type: "boolean" },
  },
});
if (!values.db) {
  process.stderr.write("entity-samples: --db PATH is required\n");
  process.exit(2);
}
const size = Number(values.size);
const db = openArchive(values.db, { readonly: true });

/** `n` items drawn without replacement (a seeded partial Fisher–Yates over a sorted list). */
function draw<T>(items: T[], n: number, random: () => number): T[] {
  const a = [...items];
  const out: T[] = [];
  for (let i = 0; i < a.length && out.length < n; i++) {
    const j = i + Math.floor(random() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
    out.push(a[i]!);
  }
  return out;
}

const random = mulberry32(Number(values.seed));
const counts = db
  .prepare(
    "SELECT type, count(*) AS entities, sum(cables) AS cableLinks FROM entities GROUP BY type",
  )
  .all();
const mentionCount = db.prepare("SELECT count(*) FROM mentions").pluck().get();

const forms = db.prepare<[string], { form: string; cables: number }>(
  "SELECT form, cables FROM entity_forms WHERE entity_id = ? ORDER BY cables DESC, form",
);
const largest = db
  .prepare<[], { id: string; name: string; cables: number }>(
    "SELECT id, name, cables FROM entities WHERE type = 'person' ORDER BY cables DESC, id LIMIT 20",
  )
  .all()
  .map((e) => ({ ...e, forms: forms.all(e.id).map((f) => `${f.form} (${f.cables})`) }));

interface Linked {
  reference_id: string;
  name: string;
  variants: string;
  roles: string;
  link: string;
  entity_id: string;
  entity: string;
}
const linked = db
  .prepare<[], Linked>(
    `SELECT c.reference_id, m.name, m.variants, m.roles, m.link, m.entity_id, e.name AS entity
       FROM mentions m JOIN cables c ON c.id = m.cable_id JOIN entities e ON e.id = m.entity_id
      WHERE m.type = 'person' AND m.link NOT IN ('full name', 'name as written', 'surname')
        AND m.link NOT LIKE 'surname at post%'
        AND m.link NOT LIKE 'full name without the middle name%'
      ORDER BY c.reference_id, m.seq`,
  )
  .all();
const merges = draw(linked, size, random);

interface Person {
  id: string;
  name: string;
  cables: number;
}
const persons = db
  .prepare<[], Person>("SELECT id, name, cables FROM entities WHERE type = 'person' ORDER BY id")
  .all();
const bySurname = new Map<string, Person[]>();
for (const p of persons) {
  const s = nameShape(p.name).surname;
  if (!s) continue;
  const list = bySurname.get(s) ?? [];
  list.push(p);
  bySurname.set(s, list);
}
const pairs: [Person, Person][] = [];
for (const s of [...bySurname.keys()].sort()) {
  const list = bySurname.get(s)!;
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) pairs.push([list[i]!, list[j]!]);
}
const where = db.prepare<[string], { station: string | null; years: string }>(
  `SELECT c.station, group_concat(DISTINCT c.year) AS years
     FROM mentions m JOIN cables c ON c.id = m.cable_id WHERE m.entity_id = ?
    GROUP BY c.station ORDER BY count(*) DESC LIMIT 3`,
);
const describe = (p: Person) => ({
  id: p.id,
  name: p.name,
  cables: p.cables,
  posts: where.all(p.id).map((w) => `${w.station} ${w.years}`),
  forms: forms.all(p.id).map((f) => f.form),
});
const apart = draw(pairs, size, random).map(([a, b]) => [describe(a), describe(b)]);

const result = {
  mentions: mentionCount,
  counts,
  largest,
  mergesPool: linked.length,
  merges,
  pairsPool: pairs.length,
  apart,
};
if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const out: string[] = [`mentions ${mentionCount}`];
  for (const c of counts as { type: string; entities: number; cableLinks: number }[])
    out.push(`${c.type.padEnd(7)} ${c.entities} entities, ${c.cableLinks} entity-cable links`);
  out.push("", "20 largest persons:");
  for (const e of largest) out.push(`  ${e.cables} ${e.name} [${e.id}]: ${e.forms.join("; ")}`);
  out.push("", `${merges.length} of ${linked.length} linked mentions (is the merge right?):`);
  merges.forEach((m, i) => {
    out.push(
      `  ${i + 1}. ${m.reference_id}: ${m.name} ${m.variants} ${m.roles} -> ${m.entity} [${m.link}]`,
    );
  });
  out.push(
    "",
    `${apart.length} of ${pairs.length} same-surname pairs left apart (should they merge?):`,
  );
  const show = (p: ReturnType<typeof describe>) =>
    `${p.name} (${p.cables}; ${p.posts.join(", ")}; ${p.forms.join("/")})`;
  apart.forEach(([a, b], i) => {
    out.push(`  ${i + 1}. ${show(a!)}`, `      vs ${show(b!)}`);
  });
  process.stdout.write(`${out.join("\n")}\n`);
}
db.close();
