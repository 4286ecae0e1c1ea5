/**
 * Analytics on a real corpus: the top TAG bursts of the archive (with their first cables, to check
 * against the texts) and the latency of each analytics view beside plain search, measured in the
 * same run on the same archive, for a broad query (the TAG with most cables) and a narrow one.
 *
 *   tsx scripts/analytics-corpus.ts [ARCHIVE]
 *
 * Without ARCHIVE it ingests /work/shared/corpus/cables (or $CABLEGRAM_CORPUS) into a temporary
 * archive first. Numbers are printed, not asserted: a shared machine makes timings a report.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addressees } from "../src/analytics/addressees.js";
import { dimensionBursts, queryBursts } from "../src/analytics/bursts.js";
import { coverage } from "../src/analytics/coverage.js";
import { matchQuery } from "../src/analytics/result.js";
import { secrecy } from "../src/analytics/secrecy.js";
import { sqliteAnalytics } from "../src/analytics/sqlite-source.js";
import { timeline } from "../src/analytics/timeline.js";
import { ingest } from "../src/ingest/index.js";
import { parseQuery, search } from "../src/search/index.js";
import { openArchive } from "../src/store/db.js";

const CORPUS = process.env.CABLEGRAM_CORPUS ?? "/work/shared/corpus/cables";
const RUNS = 20;

function p95(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

async function time(f: () => unknown): Promise<number[]> {
  await f();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  let path = process.argv[2];
  let tmp: string | null = null;
  if (!path) {
    if (!existsSync(CORPUS)) throw new Error(`no corpus at ${CORPUS}`);
    tmp = mkdtempSync(join(tmpdir(), "cablegram-analytics-corpus-"));
    path = join(tmp, "corpus.db");
    const db = openArchive(path);
    const t0 = performance.now();
    const report = await ingest(db, [CORPUS], {});
    db.close();
    console.log(
      `ingested ${report.new} cables in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const db = openArchive(path);
  try {
    const total = db.prepare("SELECT count(*) FROM cables").pluck().get() as number;
    console.log(`archive ${path}: ${total} cables\n`);

    const src = sqliteAnalytics(db);
    const top = await dimensionBursts(src, "tag", { limit: 10, withCables: 10 });
    console.log(
      "Top 10 TAG bursts (monthly Kleinberg, s=2, gamma=1, against all cables per month)",
    );
    top.forEach((b, i) => {
      console.log(
        `${String(i + 1).padStart(2)}. ${b.value.padEnd(8)} ${b.start}..${b.end}  strength ${b.strength}  ${b.count} cables  [${b.query}]`,
      );
      for (const c of (b.cables ?? []).slice(0, 3)) {
        console.log(`      ${c.referenceId}  ${c.created?.slice(0, 10)}  ${c.subject ?? ""}`);
      }
    });

    const tags = db
      .prepare("SELECT tag, count(*) AS n FROM tags GROUP BY tag ORDER BY n DESC")
      .all() as { tag: string; n: number }[];
    // Broad: the TAG nearest 10 % of the archive; narrow: the first at or under 1 %.
    const broad = [...tags].sort(
      (a, b) => Math.abs(a.n - total * 0.1) - Math.abs(b.n - total * 0.1),
    )[0]!;
    const narrow = tags.find((t) => t.n <= total * 0.01) ?? tags[tags.length - 1]!;
    console.log(
      `\nLatency, ${RUNS} runs each, p95 in ms (broad: tag:${broad.tag}, ${broad.n} cables; narrow: tag:${narrow.tag}, ${narrow.n} cables)`,
    );
    for (const t of [broad, narrow]) {
      const q = `tag:"${t.tag}"`;
      const node = parseQuery(q);
      const set = () => matchQuery(src, node, q);
      const views: [string, () => unknown][] = [
        ["search (page 1 + facets)", () => search(db, q, { facets: true })],
        [
          "timeline (month)",
          async () => timeline(src, [{ label: q, ids: (await set()).ids }], "month"),
        ],
        [
          "timeline (day)",
          async () => timeline(src, [{ label: q, ids: (await set()).ids }], "day"),
        ],
        ["bursts (query)", async () => queryBursts(src, { ...(await set()), label: q }, "month")],
        [
          "bursts (every TAG in set)",
          async () => dimensionBursts(src, "tag", { set: await set() }),
        ],
        ["secrecy", async () => secrecy(src, (await set()).ids)],
        ["addressees", async () => addressees(src, (await set()).ids)],
        ["coverage", async () => coverage(src, (await set()).ids)],
      ];
      console.log(`  tag:${t.tag}`);
      for (const [name, f] of views) {
        console.log(
          `    ${name.padEnd(28)} p95 ${p95(await time(f))
            .toFixed(1)
            .padStart(8)}`,
        );
      }
    }
    console.log(
      `  whole archive: bursts of every TAG p95 ${p95(await time(() => dimensionBursts(src, "tag"))).toFixed(1)}`,
    );
  } finally {
    db.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
