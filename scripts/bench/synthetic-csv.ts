/**
 * A synthetic Cablegate: N rows of `cables.csv` (the real release format: 8 double-quoted fields,
 * backslash escapes, no header row) made of real cable texts recombined under fresh ids. Used by
 * the ingest benchmark and the crash test. Deterministic for a given seed.
 *
 * Ids: a station and an origin label from one real cable, a year drawn from the real years, and
 * serials growing through each station's year with gaps (most cables of a year were never
 * released). Texts: the whole text of another real cable, with its REF block (when it has one)
 * rewritten to cite earlier synthetic cables, plus ids that do not exist (absent cables).
 */
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { canonicalId } from "../../src/model/reference-id.js";
import { mulberry32 } from "../../test/support/mulberry32.js";

export interface SourceCable {
  id: string;
  created: string;
  classification: string;
  origin: string;
  /** Everything after the five metadata lines: transmission header and body as the page had them. */
  text: string;
}

const ID = /^(\d{2})([A-Z]+)(\d+)$/;

/** The five-line text-mirror files of some folders (others, such as PDF extracts, are skipped). */
export function loadMirrorCables(dirs: readonly string[]): SourceCable[] {
  const out: SourceCable[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith(".txt")) continue;
      const raw = readFileSync(join(dir, f), "utf8");
      const lines = raw.split("\n", 5);
      if (lines.length < 5 || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(lines[2]!.trim())) continue;
      // Canonical ids, so that station spellings (USUN, USUNNEWYORK) do not make two ids of one.
      const id = canonicalId(lines[0]!.trim());
      if (!id || !ID.test(id)) continue;
      const text = raw.slice(lines.join("\n").length + 1);
      out.push({ id, created: lines[2]!, classification: lines[3]!, origin: lines[4]!, text });
    }
  }
  return out;
}

function field(s: string): string {
  return `"${s.replace(/[\\"]/g, "\\$&")}"`;
}

/** `M/D/YYYY H:MM`, as cables.csv writes dates. */
function csvDate(year: number, dayOfYear: number, hhmm: string): string {
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  const [h, m] = hhmm.split(":");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${year} ${Number(h)}:${m}`;
}

/** A REF block: its line and the lines after it up to a blank line, the classifier or paragraph 1. */
const REF_BLOCK = /^REFS?:[^\n]*(?:\n(?![ \t]*\n|[ \t]*(?:Classified|CLASSIFIED|¶|\d+\.))[^\n]*)*/m;

export interface SyntheticStats {
  rows: number;
  bytes: number;
  /** REF items written, and how many of them cite an id that is not in the file. */
  citations: number;
  absentCitations: number;
}

/**
 * Writes `size` rows to `path`. Each row's REF block (when its text has one) cites 1-4 cables:
 * mostly earlier rows of the same file, and about a quarter ids that no row has.
 */
export function writeSyntheticCsv(
  path: string,
  sources: readonly SourceCable[],
  size: number,
  seed = 1,
): SyntheticStats {
  if (sources.length === 0) throw new Error("no source cables to recombine");
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const serials = new Map<string, number>();
  const written: { station: string; yy: string; serial: number }[] = [];
  const stats: SyntheticStats = { rows: 0, bytes: 0, citations: 0, absentCitations: 0 };
  const fd = openSync(path, "w");
  let chunk: string[] = [];
  let chunkChars = 0;
  const flush = () => {
    const data = chunk.join("");
    stats.bytes += writeSync(fd, data);
    chunk = [];
    chunkChars = 0;
  };
  // Draw every row first, then write them in date order, so that serials climb with the date
  // through each station's year and REF items cite earlier cables, as real ones do.
  const plan = Array.from({ length: size }, () => {
    const who = pick(sources);
    const [, yy, station] = ID.exec(who.id)!;
    const year = Number(yy) > 50 ? 1900 + Number(yy) : 2000 + Number(yy);
    const day = Math.floor(rand() * 365);
    return {
      who,
      what: pick(sources),
      yy: yy!,
      station: station!,
      year,
      day,
      time: who.created.slice(11),
    };
  });
  plan.sort(
    (a, b) => a.year - b.year || a.day - b.day || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0),
  );
  try {
    for (const [i, p] of plan.entries()) {
      const { who, what, yy, station, year } = p;
      const key = `${yy}${station}`;
      // Serials climb through the year with gaps: 1 to 40 numbers between two released cables.
      const previous = serials.get(key) ?? 0;
      const serial = previous + 1 + Math.floor(rand() * rand() * 40);
      serials.set(key, serial);
      const id = `${key}${serial}`;
      let text = what.text;
      if (REF_BLOCK.test(text)) {
        const n = 1 + Math.floor(rand() * 4);
        const items: string[] = [];
        for (let k = 0; k < n; k++) {
          const label = String.fromCharCode(65 + items.length);
          if (serial - previous > 1 && (written.length === 0 || rand() < 0.25)) {
            // A serial in the gap just below this cable's: never written, so an absent cable.
            items.push(`${label}. ${station} ${previous + 1}`);
            stats.absentCitations++;
          } else if (written.length > 0) {
            const t = pick(written);
            items.push(`${label}. ${t.yy === yy ? "" : `${t.yy} `}${t.station} ${t.serial}`);
          } else {
            continue;
          }
          stats.citations++;
        }
        if (items.length > 0) text = text.replace(REF_BLOCK, `REF: ${items.join(" ")}`);
      }
      written.push({ station, yy, serial });
      const line = [
        field(String(i + 1)),
        field(csvDate(year, p.day, p.time)),
        field(id),
        field(who.origin),
        field(what.classification),
        field(""),
        field(""),
        field(text),
      ].join(",");
      chunk.push(line, "\n");
      chunkChars += line.length;
      stats.rows++;
      if (chunkChars > 4 * 1024 * 1024) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return stats;
}
