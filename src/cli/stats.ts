import { existsSync } from "node:fs";
import { openArchive } from "../store/db.js";
import { type ArchiveStats, archiveStats } from "../store/stats.js";
import { defineCommand } from "./command.js";
import { errorMessage } from "./io.js";
import { dbOption } from "./options.js";

export const statsCommand = defineCommand({
  name: "stats",
  summary: "what the archive holds (`--json`: cables, versions, references, missingCables, …)",
  options: {
    db: dbOption,
    json: { type: "boolean", help: "the figures as one JSON object" },
  },
  async run(values) {
    const path = values.db;
    if (!existsSync(path)) {
      process.stderr.write(
        `cablegram stats: no archive at ${path} (create one with 'cablegram ingest', or pass --db PATH)\n`,
      );
      return 1;
    }
    let stats: ArchiveStats;
    try {
      const db = openArchive(path, { readonly: true });
      try {
        stats = archiveStats(db);
      } finally {
        db.close();
      }
    } catch (err) {
      process.stderr.write(`cablegram stats: ${errorMessage(err)}\n`);
      return 1;
    }
    process.stdout.write(
      values.json ? `${JSON.stringify(stats)}\n` : `${humanStats(path, stats)}\n`,
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
    const end = s.lastIngest.finishedAt ?? "interrupted";
    lines.push(`  last ingest     ${s.lastIngest.startedAt} → ${end}`);
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
