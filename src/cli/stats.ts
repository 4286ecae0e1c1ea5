import { existsSync } from "node:fs";
import {
  type Archive,
  archiveTarget,
  isPostgresUrl,
  openPostgresArchive,
  sqliteArchive,
} from "../archive/archive.js";
import { openArchive } from "../store/db.js";
import type { ArchiveStats } from "../store/stats.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { dbOption } from "./options.js";

export const statsCommand = defineCommand({
  name: "stats",
  summary: "what the archive holds (`--json`: cables, versions, references, missingCables, …)",
  options: {
    db: dbOption,
    json: { type: "boolean", help: "the figures as one JSON object" },
  },
  async run(values) {
    const path = archiveTarget(values.db);
    let stats: ArchiveStats;
    let label = path;
    if (isPostgresUrl(path)) {
      let archive: Archive;
      try {
        archive = await openPostgresArchive(path, { readonly: true });
      } catch (err) {
        process.stderr.write(`cablegram stats: ${errorMessage(err)}\n`);
        return 1;
      }
      label = archive.label;
      try {
        stats = await archive.stats();
      } catch (err) {
        process.stderr.write(`cablegram stats: ${errorMessage(err)}\n`);
        return 1;
      } finally {
        await archive.close();
      }
    } else {
      if (!existsSync(path)) {
        process.stderr.write(
          `cablegram stats: no archive at ${path} (create one with 'cablegram ingest', or pass --db PATH)\n`,
        );
        return 1;
      }
      try {
        const archive = sqliteArchive(openArchive(path, { readonly: true }), path);
        try {
          stats = await archive.stats();
        } finally {
          await archive.close();
        }
      } catch (err) {
        process.stderr.write(`cablegram stats: ${archiveFailureMessage(err, path)}\n`);
        return 1;
      }
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(stats)}\n` : `${humanStats(label, stats)}\n`,
    );
    return 0;
  },
});

function humanStats(path: string, s: ArchiveStats): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const pad = (x: string, w: number) => x.padEnd(w);
  const lines = [
    `${path}  (${(s.bytes / (1024 * 1024)).toFixed(1)} MB)`,
    `  cables          ${n(s.cables)}  (${n(s.partial)} partial extracts)`,
    `  versions        ${n(s.versions)}`,
    `  references      ${n(s.references)} REF items, citing ${n(s.citedCables)} cables`,
    `  missing cables  ${n(s.missingCables)} cited but not in the archive`,
  ];
  if (s.lastIngest) {
    const end =
      s.lastIngest.status === "finished"
        ? (s.lastIngest.finishedAt ?? "finished")
        : s.lastIngest.status;
    lines.push(`  last ingest     ${s.lastIngest.startedAt} → ${end}`);
  }
  const { interrupted, failed } = s.unfinishedRuns;
  if (interrupted + failed > 0) {
    lines.push(
      `  unfinished      ${n(interrupted)} interrupted, ${n(failed)} failed ingest run(s): run the same ingest again to complete them`,
    );
  }
  if (s.byYear.length > 0) {
    lines.push("", "  by year");
    for (const y of s.byYear) lines.push(`    ${pad(String(y.year ?? "unknown"), 8)}${n(y.count)}`);
  }
  if (s.byClassification.length > 0) {
    lines.push("", "  by classification");
    const w =
      Math.max(...s.byClassification.map((c) => (c.classification ?? "unknown").length)) + 2;
    for (const c of s.byClassification) {
      lines.push(`    ${pad(c.classification ?? "unknown", w)}${n(c.count)}`);
    }
  }
  return lines.join("\n");
}
