/**
 * What public mode costs on an archive (a script, not a test):
 * `npx tsx scripts/bench-public-index.ts --db PATH [--root CHECKOUT] [--rounds N] [--json]`.
 *
 * In a fresh process, reads the index of the cables public mode masks (src/store/entities-public.ts,
 * what a public server reads when it starts and after each change of the archive), then masks the
 * body of each of those cables with its cable's masker, `--rounds` times (what every answer about
 * such a cable pays). `--root` runs another checkout's code on the same archive (an old commit
 * checked out beside this one), so that two can be timed in turns on the same machine.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    db: { type: "string" },
    root: { type: "string", default: "." },
    rounds: { type: "string", default: "5" },
    json: { type: "boolean" },
  },
});
if (!values.db) {
  process.stderr.write("bench-public-index: --db PATH is required\n");
  process.exit(2);
}
const root = resolve(values.root!);
const { openArchive } = await import(`${root}/src/store/db.ts`);
const { protectedIndex } = await import(`${root}/src/store/entities-public.ts`);
const { getCable } = await import(`${root}/src/store/read.ts`);

interface Protecting {
  referenceId: string;
  masker: { mask(s: string): string };
}

const db = openArchive(values.db, { readonly: true });
let t0 = performance.now();
const index = protectedIndex(db) as { byRowid: Map<number, Protecting> };
const indexMs = performance.now() - t0;
const texts: [Protecting, string][] = [];
for (const p of index.byRowid.values()) texts.push([p, getCable(db, p.referenceId)?.body ?? ""]);
db.close();
const chars = texts.reduce((n, [, t]) => n + t.length, 0);
const rounds: number[] = [];
for (let r = 0; r < Number(values.rounds); r++) {
  t0 = performance.now();
  for (const [p, t] of texts) p.masker.mask(t);
  rounds.push(performance.now() - t0);
}
const out = {
  root,
  protectingCables: texts.length,
  bodyChars: chars,
  indexReadMs: Math.round(indexMs),
  maskRoundsMs: rounds.map((x) => Math.round(x)),
};
if (values.json) console.log(JSON.stringify(out));
else {
  console.log(`${root}: ${out.protectingCables} protecting cables, ${chars} characters of body`);
  console.log(
    `  index read ${out.indexReadMs} ms; bodies masked in ${out.maskRoundsMs.join(", ")} ms`,
  );
}
