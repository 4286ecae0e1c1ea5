/**
 * Entity extraction alone, on one core (a script, not a test):
 * `npm run bench:entities [-- ROUNDS] [--base DIST] [--dump FILE]`.
 *
 * Parses every cable of ../shared/corpus/cables once, then times `extractEntities` over all of
 * them (best of ROUNDS, default 5) in CPU time, which other load on the machine does not inflate
 * as much as wall time. Prints a hash of every cable's entities: a speed change that keeps the
 * hash keeps the output.
 *
 * `--every K` reads every K-th cable only, for a quick profile.
 * `--base DIST` (repeatable) also times the extractor of another build (`dist/`, or a copy kept
 * from before a change with `data/` beside it), rounds interleaved with this one's, so the figures
 * come from the same run under the same load: compare builds with builds (`--base dist --base
 * OLD/dist`), as code run through tsx and compiled code do not time alike. `--dump FILE` writes each cable's persons and organisations
 * (one JSON line a cable), to diff what a change does over the whole corpus.
 */
import { createHash } from "node:crypto";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { readSource } from "../src/formats/index.js";
import { captionAreaEnd } from "../src/parse/caption-area.js";
import { makeDoc } from "../src/parse/doc.js";
import { extractEntities } from "../src/parse/entities/index.js";
import { parseRecord } from "../src/parse/index.js";
import { docSegments } from "../src/parse/paragraphs/segment.js";
import { docEnding } from "../src/parse/signers/ending.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: "string", multiple: true },
    dump: { type: "string" },
    every: { type: "string", default: "1" },
  },
});

type Extract = typeof extractEntities;
type Item = { cable: ReturnType<typeof parseRecord>; doc: ReturnType<typeof makeDoc> };

const dir = new URL("../../shared/corpus/cables", import.meta.url).pathname;

/** Every corpus cable parsed, with its body doc prepared the way ingest leaves it. */
async function load(
  parse: typeof parseRecord,
  doc: typeof makeDoc,
  prepare: (d: ReturnType<typeof makeDoc>) => void,
): Promise<Item[]> {
  const items: Item[] = [];
  const every = Math.max(1, Number(values.every));
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith(".txt"))
    .sort()
    .filter((_x, i) => i % every === 0)) {
    for await (const it of readSource(join(dir, f))) {
      if (it.kind !== "record") continue;
      const cable = parse(it);
      const d = doc(cable.body);
      prepare(d);
      items.push({ cable, doc: d });
    }
  }
  return items;
}

const items = await load(parseRecord, makeDoc, (d) => {
  docSegments(d);
  docEnding(d);
  captionAreaEnd(d);
});

function hashOf(extract: Extract, list: Item[]): string {
  const h = createHash("sha1");
  for (const { cable, doc } of list) h.update(JSON.stringify(extract(cable, doc)));
  return h.digest("hex").slice(0, 12);
}

const runs: { name: string; extract: Extract; items: Item[]; best: number }[] = [
  { name: "this build", extract: extractEntities, items, best: Infinity },
];
for (const dist of values.base ?? []) {
  // The other build's own parser and doc: its extractor may expect what its parser left.
  const base = pathToFileURL(`${resolve(dist)}/`);
  const mod = async (p: string) => import(new URL(p, base).href);
  const [entities, parse, docMod, seg, ending, caption] = await Promise.all([
    mod("parse/entities/index.js"),
    mod("parse/index.js"),
    mod("parse/doc.js"),
    mod("parse/paragraphs/segment.js"),
    mod("parse/signers/ending.js"),
    mod("parse/caption-area.js"),
  ]);
  const baseItems = await load(parse.parseRecord, docMod.makeDoc, (d) => {
    seg.docSegments(d);
    ending.docEnding(d);
    caption.captionAreaEnd(d);
  });
  runs.push({ name: dist, extract: entities.extractEntities, items: baseItems, best: Infinity });
}

for (const r of runs)
  console.log(r.name, "cables", r.items.length, "hash", hashOf(r.extract, r.items));

if (values.dump) {
  const lines = items.map(({ cable, doc }) => {
    const e = extractEntities(cable, doc);
    return JSON.stringify({
      id: cable.referenceId,
      persons: e.persons.map((p) => [p.name, ...p.variants].join(" | ")).sort(),
      organizations: e.organizations.map((o) => [o.name, ...o.variants].join(" | ")).sort(),
    });
  });
  writeFileSync(values.dump, `${lines.join("\n")}\n`);
}

const rounds = Number(positionals[0] ?? 5);
for (let round = 0; round < rounds; round++) {
  for (const r of runs) {
    const c0 = process.cpuUsage();
    for (const { cable, doc } of r.items) r.extract(cable, doc);
    const c = process.cpuUsage(c0);
    r.best = Math.min(r.best, (c.user + c.system) / 1000 / r.items.length);
  }
}
for (const r of runs)
  console.log(r.name, "extraction CPU ms/cable (best of", rounds, ")", r.best.toFixed(3));
