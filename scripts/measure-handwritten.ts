/**
 * The measurements behind the hand-written parts the code keeps instead of a library
 * (`tsx scripts/measure-handwritten.ts`): the Cablegate CSV reader against csv-parse on the same
 * rows, stripTags against the chained regexes it replaced, the named-reference list against what
 * the corpus holds, and the response cache against rendering every time. Prints one line each.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { NAMED_REFERENCES } from "../src/formats/char-references.js";
import { CableCsvParser } from "../src/formats/csv.js";
import { stripTags } from "../src/formats/html-text.js";
import { ingest } from "../src/ingest/index.js";
import { createApp } from "../src/server/app.js";
import { loadAssets } from "../src/server/assets.js";
import { openArchive } from "../src/store/db.js";

const corpus = new URL("../../shared/corpus/", import.meta.url).pathname;
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const best = (n: number, f: () => void) => {
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    f();
    min = Math.min(min, ms(t));
  }
  return min;
};

// 1. cables.csv: the corpus sample repeated to 200 × its rows.
const sample = readFileSync(join(corpus, "dumps/cables_csv_sample.csv"));
const big = Buffer.concat(Array.from({ length: 200 }, () => sample));
let ours = 0;
const tOurs = best(5, () => {
  const p = new CableCsvParser("x.csv");
  ours = [...p.push(big), ...p.end()].filter((i) => i.kind === "record").length;
});
let theirs = 0;
const tTheirs = best(5, () => {
  theirs = parse(big, { escape: "\\", relax_quotes: true, relax_column_count: true }).length;
});
const mb = big.length / 1e6;
console.log(
  `csv: ${mb.toFixed(1)} MB, ${ours} rows: CableCsvParser ${tOurs.toFixed(0)} ms (${(mb / (tOurs / 1000)).toFixed(0)} MB/s, byte offsets and lines kept) vs csv-parse ${tTheirs.toFixed(0)} ms (${theirs} rows)`,
);

// 2. stripTags against the regex chain on the corpus' HTML pages.
const pages = readdirSync(join(corpus, "html")).map((f) =>
  readFileSync(join(corpus, "html", f), "utf8"),
);
const chain = (h: string) =>
  h
    .replace(/<a\s[^>]*>\u00b6<\/a>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?(?:a|b|i|u|em|strong|span|font|code|small|big|sup|sub|p|div)\b[^>]*>/gi, "");
const same = pages.filter((p) => chain(p) === stripTags(p)).length;
const tStrip = best(20, () => pages.forEach(stripTags));
const tChain = best(20, () => pages.forEach(chain));
console.log(
  `stripTags: ${pages.length} pages, stripTags ${tStrip.toFixed(1)} ms vs regex chain ${tChain.toFixed(1)} ms (${same} pages identical)`,
);

// 3. Named references the corpus holds, against the list decoded.
const names = new Map<string, number>();
for (const dir of ["cables", "html"]) {
  for (const f of readdirSync(join(corpus, dir))) {
    for (const m of readFileSync(join(corpus, dir, f), "utf8").matchAll(
      /&([A-Za-z][A-Za-z0-9]{0,31});/g,
    )) {
      names.set(m[1]!, (names.get(m[1]!) ?? 0) + 1);
    }
  }
}
const listed = [...names].filter(
  ([n]) => n in NAMED_REFERENCES || n.toLowerCase() in NAMED_REFERENCES,
);
const other = [...names].filter(
  ([n]) => !(n in NAMED_REFERENCES || n.toLowerCase() in NAMED_REFERENCES),
);
const count = (xs: [string, number][]) => xs.reduce((a, [, n]) => a + n, 0);
// HTML5 decodes these legacy names even without `;` (`&not` of `&notice`, `&para`, `&AMP`).
const LEGACY =
  /&(?:amp|lt|gt|quot|copy|reg|para|sect|not|deg|nbsp|shy|micro|times|divide|pound|cent|yen|laquo|raquo|plusmn|frac12|frac14|frac34|iquest|iexcl|curren|brvbar|macr|ordf|ordm|uml|acute|cedil|middot)(?![A-Za-z0-9;])/gi;
let legacy = 0;
for (const dir of ["cables", "html"]) {
  for (const f of readdirSync(join(corpus, dir))) {
    legacy += [...readFileSync(join(corpus, dir, f), "utf8").matchAll(LEGACY)].length;
  }
}
console.log(
  `named references: ${listed.length} names decoded (${count(listed)} uses), ${other.length} other &name; kept as text (${count(other)} uses: ${other
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([n, k]) => `&${n}; ${k}`)
    .join(
      ", ",
    )}); ${legacy} bare legacy names (\`&AMP\`, \`&not\`...) a full HTML5 decoder would turn into other characters`,
);

// 4. The response cache: one cable page rendered every time, or answered from memory.
const db = openArchive(":memory:");
await ingest(db, [new URL("../data/sample/mirror/", import.meta.url).pathname], { workers: 0 });
const id = (db.prepare("SELECT reference_id AS id FROM cables LIMIT 1").get() as { id: string }).id;
const assets = loadAssets();
for (const cache of [false, undefined] as const) {
  const { app } = createApp({ db, assets, ...(cache === false ? { cache } : {}) });
  await app.request(`/cables/${id}`);
  const t = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) await (await app.request(`/cables/${id}`)).arrayBuffer();
  console.log(
    `cache ${cache === false ? "off" : "on "}: ${(ms(t) / 200).toFixed(3)} ms per reader page`,
  );
}
db.close();
