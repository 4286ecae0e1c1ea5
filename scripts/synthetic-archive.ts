/**
 * Builds an archive for measuring search and the reference graph:
 *
 *   tsx scripts/synthetic-archive.ts --out /tmp/synth.db [--size 251287] [--corpus DIR]
 *
 * `--size 0` stores the corpus as it is (real ids and dates: what the serial-date estimate is
 * measured on). `--size N` recombines the corpus texts under N fresh ids with Cablegate's spread of
 * years, serials growing through each station's year, and REF edges to present and absent cables.
 * Texts go through the project's parser; fields a parser does not fill yet are completed here with
 * crude benchmark-only extraction so the archive has realistic shape (tags, paragraphs, dates).
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Cable, emptyCable, type Paragraph, type Reference } from "../src/model/cable.js";
import { splitId } from "../src/model/reference-id.js";
import { parseRecord } from "../src/parse/index.js";
import { openArchive } from "../src/store/db.js";
import { writeCable } from "../src/store/write.js";
import { mulberry32 } from "../test/support/mulberry32.js";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    size: { type: "string", default: "0" },
    corpus: {
      type: "string",
      default: new URL("../../shared/corpus/cables", import.meta.url).pathname,
    },
    seed: { type: "string", default: "1" },
    // "no" skips the project parser (crude extraction only): for when the parser is being changed.
    parse: { type: "string", default: "yes" },
  },
});
if (!values.out) {
  process.stderr.write(
    "usage: tsx scripts/synthetic-archive.ts --out PATH [--size N] [--corpus DIR]\n",
  );
  process.exit(2);
}
const size = Number(values.size);

/** Seeded, so two runs build the same archive. */
const rand = mulberry32(Number(values.seed));
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;

interface Mirror {
  id: string;
  subject: string;
  created: string | null;
  classification: string;
  origin: string;
  body: string;
}

/** The corpus "text mirror" layout: id, subject, created, classification, origin, then the text. */
function readMirror(path: string, fallbackId: string): Mirror {
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n", 5);
  if (lines.length === 5 && /^\d{2}[A-Z]/.test(lines[0]!) && /^\d{4}-\d\d-\d\d/.test(lines[2]!)) {
    const head = lines.join("\n").length + 1;
    return {
      id: lines[0]!,
      subject: lines[1]!,
      created: `${lines[2]!.replace(" ", "T")}:00Z`,
      classification: lines[3]!,
      origin: lines[4]!,
      body: text.slice(head),
    };
  }
  return { id: fallbackId, subject: "", created: null, classification: "", origin: "", body: text };
}

function fillTags(c: Cable) {
  if (c.tags.length > 0) return;
  const m = /^TAGS:?[ \t]*(.*)$/m.exec(c.body);
  c.tags = [...new Set((m?.[1] ?? "").split(/[\s,]+/).filter((t) => /^[A-Z]{2,6}$/.test(t)))];
}

function fillParagraphs(c: Cable) {
  if (c.paragraphs.length > 0) return;
  const re = /^[ \t]*¶?(\d{1,2})\.[ \t]*(?:\(([A-Z/ ]{1,12})\))?[ \t]*/gm;
  const starts: { at: number; end: number; number: number; marking: string | null }[] = [];
  for (let m = re.exec(c.body); m; m = re.exec(c.body)) {
    starts.push({
      at: m.index,
      end: m.index + m[0].length,
      number: Number(m[1]),
      marking: m[2] ?? null,
    });
  }
  c.paragraphs = starts.map(
    (s, i): Paragraph => ({
      number: s.number,
      marking: s.marking,
      heading: null,
      text: c.body
        .slice(s.end, starts[i + 1]?.at ?? c.body.length)
        .replace(/\s+/g, " ")
        .trim(),
    }),
  );
}

let parseFailures = 0;

function parsed(path: string, meta: Mirror): Cable {
  if (values.parse === "no") return { ...emptyCable(), body: meta.body };
  try {
    return parseRecord({
      kind: "record",
      source: { format: "mirror", file: path, offset: 0, line: 1 },
      metadata: {
        referenceId: meta.id,
        subject: meta.subject,
        classification: meta.classification,
        origin: meta.origin,
      },
      header: null,
      body: meta.body,
      warnings: [],
    });
  } catch {
    parseFailures++;
    return { ...emptyCable(), body: meta.body };
  }
}

function template(path: string, name: string): { cable: Cable; meta: Mirror } {
  const meta = readMirror(path, name);
  const cable = parsed(path, meta);
  cable.referenceId ??= meta.id;
  const parts = splitId(cable.referenceId);
  if (parts) Object.assign(cable, parts);
  cable.created ??= meta.created;
  cable.released ??= "2010-11-28T00:00:00Z";
  cable.classification ??= meta.classification || null;
  cable.origin ??= meta.origin || null;
  cable.subject ??= meta.subject || null;
  fillTags(cable);
  fillParagraphs(cable);
  return { cable, meta };
}

const files = readdirSync(values.corpus!)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const templates = files.map(
  (f) => template(join(values.corpus!, f), f.replace(/\.txt$/, "")).cable,
);
process.stderr.write(`${templates.length} templates (${parseFailures} parser exceptions)\n`);

rmSync(values.out, { force: true });
rmSync(`${values.out}-wal`, { force: true });
rmSync(`${values.out}-shm`, { force: true });
const db = openArchive(values.out);

function writeAll(cables: Iterable<Cable>) {
  let batch: Cable[] = [];
  let n = 0;
  const flush = db.transaction((xs: Cable[]) => {
    for (const c of xs) writeCable(db, c, { ingestedAt: "2026-01-01T00:00:00Z" });
  });
  const started = Date.now();
  for (const c of cables) {
    batch.push(c);
    if (batch.length === 2000) {
      flush(batch);
      n += batch.length;
      batch = [];
      const rate = Math.round(n / ((Date.now() - started) / 1000));
      process.stderr.write(`\r${n} cables, ${rate}/s   `);
    }
  }
  flush(batch);
  process.stderr.write(
    `\r${n + batch.length} cables written in ${(Date.now() - started) / 1000}s\n`,
  );
}

/** Share of Cablegate cables per year (rounded from the release's year counts). */
const YEAR_WEIGHTS: [number, number][] = [
  [1989, 0.5],
  [1995, 0.5],
  [2000, 1],
  [2001, 1.5],
  [2002, 2],
  [2003, 3],
  [2004, 6],
  [2005, 9],
  [2006, 13],
  [2007, 16],
  [2008, 18],
  [2009, 23],
  [2010, 6],
];
function pickYear(): number {
  const total = YEAR_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [y, w] of YEAR_WEIGHTS) {
    r -= w;
    if (r <= 0) return y;
  }
  return 2009;
}

function* synthetic(n: number): Generator<Cable> {
  // Plan the ids first: per station and year, serials sorted and dated in the same order, so the
  // serial/date relation looks like the real one (serials grow through the year, with gaps).
  const plan = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length]!;
    const key = `${t.station ?? "STATE"}|${pickYear()}`;
    const list = plan.get(key) ?? [];
    list.push(i);
    plan.set(key, list);
  }
  const ids: { id: string; station: string; year: number; serial: number; created: string }[] = [];
  const present: string[] = [];
  const absentPool: string[] = [];
  for (const [key, members] of plan) {
    const [station, y] = key.split("|") as [string, string];
    const year = Number(y);
    const span = members.length * (4 + Math.floor(rand() * 8));
    const serials = new Set<number>();
    while (serials.size < members.length) serials.add(1 + Math.floor(rand() * span));
    const sorted = [...serials].sort((a, b) => a - b);
    sorted.forEach((serial, k) => {
      const day = (serial / span) * 364 + (rand() - 0.5) * 6;
      const t = Date.UTC(year, 0, 1) + Math.max(0, Math.min(364.9, day)) * 86_400_000;
      const id = `${String(year).slice(2)}${station}${serial}`;
      ids[members[k]!] = {
        id,
        station,
        year,
        serial,
        created: new Date(t).toISOString().replace(/\.\d{3}Z$/, "Z"),
      };
      present.push(id);
      if (rand() < 0.5)
        absentPool.push(
          `${String(year).slice(2)}${station}${span + 1 + Math.floor(rand() * span)}`,
        );
      else absentPool.push(`${String(year).slice(2)}${station}${serial + 1}`);
    });
  }
  const presentSet = new Set(present);
  for (let i = 0; i < n; i++) {
    const t = templates[i % templates.length]!;
    const id = ids[i]!;
    const refCount = rand() < 0.45 ? 0 : 1 + Math.floor(rand() * 5);
    const references: Reference[] = [];
    for (let r = 0; r < refCount; r++) {
      let target = rand() < 0.65 ? pick(present) : pick(absentPool);
      if (target === id.id) continue;
      if (rand() < 0.6 && !presentSet.has(target)) target = pick(absentPool);
      references.push({
        label: String.fromCharCode(65 + r),
        kind: "cable",
        referenceId: target,
        text: target,
      });
    }
    yield {
      ...t,
      referenceId: id.id,
      station: id.station,
      year: id.year,
      serial: id.serial,
      created: id.created,
      references,
    };
  }
}

writeAll(size > 0 ? synthetic(size) : templates);
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();
