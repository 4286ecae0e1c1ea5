/**
 * Entity extraction alone, on one core (a script, not a test): `npm run bench:entities [-- ROUNDS]`.
 *
 * Parses every cable of ../shared/corpus/cables once, then times `extractEntities` over all of
 * them (best of ROUNDS, default 5) in CPU time, which other load on the machine does not inflate
 * as much as wall time. Prints a hash of every cable's entities: a speed change that keeps the
 * hash keeps the output.
 */
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readSource } from "../src/formats/index.js";
import { captionAreaEnd } from "../src/parse/caption-area.js";
import { makeDoc } from "../src/parse/doc.js";
import { extractEntities } from "../src/parse/entities/index.js";
import { parseRecord } from "../src/parse/index.js";
import { docSegments } from "../src/parse/paragraphs/segment.js";
import { docEnding } from "../src/parse/signers/ending.js";

const dir = new URL("../../shared/corpus/cables", import.meta.url).pathname;
const items: { cable: ReturnType<typeof parseRecord>; doc: ReturnType<typeof makeDoc> }[] = [];
for (const f of readdirSync(dir)
  .filter((x) => x.endsWith(".txt"))
  .sort()) {
  for await (const it of readSource(join(dir, f))) {
    if (it.kind !== "record") continue;
    const cable = parseRecord(it);
    const doc = makeDoc(cable.body);
    docSegments(doc);
    docEnding(doc);
    captionAreaEnd(doc);
    items.push({ cable, doc });
  }
}
const h = createHash("sha1");
for (const { cable, doc } of items) h.update(JSON.stringify(extractEntities(cable, doc)));
console.log("cables", items.length, "hash", h.digest("hex").slice(0, 12));
const rounds = Number(process.argv[2] ?? 5);
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  for (const { cable, doc } of items) extractEntities(cable, doc);
  const c = process.cpuUsage(c0);
  best = Math.min(best, (c.user + c.system) / 1000 / items.length);
}
console.log("extraction CPU ms/cable (best of", rounds, ")", best.toFixed(3));
