/**
 * Builds the bundled sample (data/sample/) from the shared research corpus:
 *
 *   tsx scripts/make-sample.ts [--corpus ../shared/corpus] [--out data/sample] [--count 950]
 *
 * The rule is written out in data/sample/README.md; this script is its executable form. It is
 * deterministic: the same corpus gives the same files. It deliberately does not use the project's
 * parser (which keeps changing): REF citations are found with a small rule of its own, good
 * enough to pick cables that cite each other.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    corpus: { type: "string", default: new URL("../../shared/corpus", import.meta.url).pathname },
    out: { type: "string", default: new URL("../data/sample", import.meta.url).pathname },
    count: { type: "string", default: "950" },
    "max-bytes": { type: "string", default: "9000000" },
  },
});
const corpus = values.corpus!;
const out = values.out!;
const mirrorCount = Number(values.count);
const maxBytes = Number(values["max-bytes"]);
if (!existsSync(join(corpus, "cables"))) {
  process.stderr.write(`make-sample: no corpus at ${corpus} (pass --corpus DIR)\n`);
  process.exit(2);
}

/** Largest text-mirror file taken: keeps ~1,000 cables inside the size budget. */
const MAX_FILE_BYTES = 30_000;
/** Share of the mirror files given to REF clusters before the spread over years and origins. */
const CLUSTER_SHARE = 0.45;
const HTML_PAGES = 16;
const OTHER_TEXTS = 6;

const order = (id: string) => createHash("sha1").update(id).digest("hex");
const byOrder = (a: string, b: string) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0);

interface Meta {
  id: string;
  format: string;
  bytes: number;
  created: string;
  classification: string;
  origin: string;
  partial: string;
}

function readMetadata(): Map<string, Meta> {
  const rows = new Map<string, Meta>();
  const lines = readFileSync(join(corpus, "metadata.csv"), "utf8").split("\n").slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    // Fields before `subject` hold no commas or quotes; the subject (last) is not needed.
    const f = line.split(",");
    rows.set(f[0]!, {
      id: f[0]!,
      format: f[4]!,
      bytes: Number(f[5]),
      created: f[6]!,
      classification: f[8]!,
      origin: f[9]!,
      partial: f[10]!,
    });
  }
  return rows;
}

const ID = /^(\d{2})([A-Z]+)(\d+)$/;
const stations = new Set<string>();

/** The REF block: from a `REF:`/`REFS:` line to the first blank line, bounded. */
function refBlock(text: string): string | null {
  const m = /^REFS?:/m.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index, m.index + 1500);
  const end = rest.search(/\n\s*\n/);
  return end < 0 ? rest : rest.slice(0, end);
}

const CITATION = /\b(?:(\d{2})\s*)?([A-Z]{2,}(?:\s[A-Z]{2,}){0,2})\s*0*(\d{1,6})\b/g;

/** Ids of corpus cables cited in a cable's REF block (station words joined, year from the text). */
function citations(id: string, text: string, known: Set<string>): string[] {
  const block = refBlock(text);
  if (!block) return [];
  const yy = ID.exec(id)?.[1] ?? "";
  const found = new Set<string>();
  for (const m of block.toUpperCase().matchAll(CITATION)) {
    const words = m[2]!.split(" ");
    for (let i = 0; i < words.length; i++) {
      let station = words.slice(i).join("");
      if (station === "SECSTATE") station = "STATE";
      if (!stations.has(station)) continue;
      const target = `${m[1] ?? yy}${station}${Number(m[3])}`;
      if (target !== id && known.has(target)) found.add(target);
      break;
    }
  }
  return [...found];
}

function main() {
  const meta = readMetadata();
  for (const id of meta.keys()) {
    const m = ID.exec(id);
    if (m) stations.add(m[2]!);
  }
  const csvIds = new Set(["66BUENOSAIRES2481", "72TEHRAN1164"]);
  const htmlSamples = readdirSync(join(corpus, "dumps/html_samples")).sort();
  const sampleIds = new Set(htmlSamples.map((f) => f.split("__")[0]!));

  // Text-mirror candidates: small enough, and not taken in another format.
  const candidates = [...meta.values()]
    .filter((m) => m.format === "wl-html->5line" && m.bytes <= MAX_FILE_BYTES)
    .filter((m) => !csvIds.has(m.id) && !sampleIds.has(m.id))
    .map((m) => m.id);
  const known = new Set(candidates);
  const texts = new Map(
    candidates.map((id) => [id, readFileSync(join(corpus, "cables", `${id}.txt`), "utf8")]),
  );

  // REF clusters: connected groups of candidates citing each other, biggest first.
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!links.has(a)) links.set(a, new Set());
    links.get(a)!.add(b);
  };
  for (const id of candidates) {
    for (const target of citations(id, texts.get(id)!, known)) {
      link(id, target);
      link(target, id);
    }
  }
  const seen = new Set<string>();
  const clusters: string[][] = [];
  for (const start of [...links.keys()].sort()) {
    if (seen.has(start)) continue;
    const group: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length) {
      const id = stack.pop()!;
      group.push(id);
      for (const n of links.get(id) ?? []) {
        if (!seen.has(n)) {
          seen.add(n);
          stack.push(n);
        }
      }
    }
    clusters.push(group.sort());
  }
  clusters.sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));

  const chosen = new Set<string>();
  let bytes = 0;
  const take = (id: string) => {
    chosen.add(id);
    bytes += meta.get(id)!.bytes;
  };
  const clusterBudget = Math.round(mirrorCount * CLUSTER_SHARE);
  for (const group of clusters) {
    if (chosen.size + group.length > clusterBudget) continue;
    for (const id of group) take(id);
  }
  const clustered = chosen.size;

  // Spread: round-robin over (year, classification, partial) groups; inside a group the cable from
  // the origin least represented so far, ties broken by a hash of the id.
  const groups = new Map<string, string[]>();
  for (const id of candidates) {
    if (chosen.has(id)) continue;
    const m = meta.get(id)!;
    const key = `${m.created.slice(0, 4)}|${m.classification}|${m.partial}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(id);
  }
  const origins = new Map<string, number>();
  for (const id of chosen) {
    const o = meta.get(id)!.origin;
    origins.set(o, (origins.get(o) ?? 0) + 1);
  }
  const keys = [...groups.keys()].sort();
  for (const k of keys) groups.get(k)!.sort(byOrder);
  while (chosen.size < mirrorCount && keys.some((k) => groups.get(k)!.length > 0)) {
    for (const k of keys) {
      const pool = groups.get(k)!;
      if (pool.length === 0 || chosen.size >= mirrorCount) continue;
      let best = 0;
      for (let i = 1; i < pool.length; i++) {
        const o = (id: string) => origins.get(meta.get(id)!.origin) ?? 0;
        if (o(pool[i]!) < o(pool[best]!)) best = i;
      }
      const id = pool.splice(best, 1)[0]!;
      if (bytes + meta.get(id)!.bytes > maxBytes) continue;
      take(id);
      const o = meta.get(id)!.origin;
      origins.set(o, (origins.get(o) ?? 0) + 1);
    }
  }

  // Write the sample.
  // Only the folders this script fills: README.md (the rule in words) stays.
  for (const dir of ["mirror", "html", "text", "csv", "scraped"]) {
    rmSync(join(out, dir), { recursive: true, force: true });
    mkdirSync(join(out, dir), { recursive: true });
  }
  for (const id of [...chosen].sort()) {
    copyFileSync(join(corpus, "cables", `${id}.txt`), join(out, "mirror", `${id}.txt`));
  }
  const htmlPages = readdirSync(join(corpus, "html"))
    .map((f) => f.replace(/\.html$/, ""))
    .filter((id) => !chosen.has(id) && !csvIds.has(id) && !sampleIds.has(id))
    .sort(byOrder)
    .slice(0, HTML_PAGES);
  for (const id of htmlPages) {
    copyFileSync(join(corpus, "html", `${id}.html`), join(out, "html", `${id}.html`));
  }
  for (const f of htmlSamples)
    copyFileSync(join(corpus, "dumps/html_samples", f), join(out, "html", f));
  const others = [...meta.values()]
    .filter((m) => m.format !== "wl-html->5line")
    .map((m) => m.id)
    .sort(byOrder)
    .slice(0, OTHER_TEXTS);
  for (const id of others) {
    copyFileSync(join(corpus, "cables", `${id}.txt`), join(out, "text", `${id}.txt`));
  }
  copyFileSync(join(corpus, "dumps/cables_csv_sample.csv"), join(out, "csv", "cables.csv"));
  copyFileSync(join(corpus, "scraped/05ALMATY2121.md"), join(out, "scraped", "05ALMATY2121.md"));

  const years = new Set([...chosen].map((id) => meta.get(id)!.created.slice(0, 4)));
  const originCount = new Set([...chosen].map((id) => meta.get(id)!.origin)).size;
  process.stdout.write(
    `${JSON.stringify({
      mirror: chosen.size,
      inRefClusters: clustered,
      clusters: clusters.filter((g) => g.every((id) => chosen.has(id))).length,
      html: htmlPages.length + htmlSamples.length,
      otherTexts: others.length,
      csvRows: csvIds.size,
      scraped: 1,
      years: years.size,
      origins: originCount,
      mirrorBytes: bytes,
    })}\n`,
  );
}

main();
