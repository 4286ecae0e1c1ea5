import { existsSync } from "node:fs";
import {
  archiveTarget,
  isPostgresUrl,
  postgresArchive,
  sqliteArchive,
} from "../archive/archive.js";
import { openArchive } from "../store/db.js";
import { archiveFailure, openPostgres, type PgArchive } from "../store/postgres/connect.js";
import { type ServerInfo, serverInfo } from "../store/postgres/read.js";
import type { ArchiveStats } from "../store/stats.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { dbOption, dbReadOption } from "./options.js";
import { readTarget } from "./search.js";

export const statsCommand = defineCommand({
  name: "stats",
  summary: "what the archive holds (`--json`: cables, versions, references, missingCables, …)",
  options: {
    db: dbOption,
    "db-read": dbReadOption,
    json: { type: "boolean", help: "the figures as one JSON object" },
  },
  async run(values) {
    let replica: string | null;
    try {
      replica = readTarget(values["db-read"]);
    } catch (err) {
      process.stderr.write(`cablegram stats: ${errorMessage(err)}\n`);
      return 2;
    }
    const path = replica ?? archiveTarget(values.db);
    let stats: ArchiveStats & { server?: ServerInfo };
    let label = path;
    if (isPostgresUrl(path)) {
      let pg: PgArchive;
      try {
        pg = await openPostgres(path, { readonly: true });
      } catch (err) {
        process.stderr.write(`cablegram stats: ${errorMessage(err)}\n`);
        return 1;
      }
      label = pg.label;
      try {
        const archive = postgresArchive(pg);
        stats = { ...(await archive.stats()), server: await serverInfo(pg.sql) };
      } catch (err) {
        process.stderr.write(`cablegram stats: ${archiveFailure(pg.url, err).message}\n`);
        return 1;
      } finally {
        await pg.close();
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

function humanStats(path: string, s: ArchiveStats & { server?: ServerInfo }): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const pad = (x: string, w: number) => x.padEnd(w);
  const lines = [
    `${path}  (${(s.bytes / (1024 * 1024)).toFixed(1)} MB)`,
    ...(s.server
      ? [
          `  server          PostgreSQL ${s.server.version} at ${s.server.address ?? "a Unix socket"}, database ${s.server.database}${s.server.replica ? ", a streaming replica (read-only)" : ", the primary"}`,
        ]
      : []),
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
  if (s.entitySummaries) lines.push(`  entity pages    ${summariesLine(s.entitySummaries)}`);
  if (s.extractor) lines.push(`  entities        ${extractorLine(s.extractor)}`);
  if (s.entityResolution) lines.push(`  entities        ${resolutionLine(s.entityResolution)}`);
  if (s.unbuiltIndexes?.length) {
    const names = s.unbuiltIndexes;
    const shown = names.length > 4 ? `${names.slice(0, 4).join(", ")}, …` : names.join(", ");
    lines.push(
      `  indexes         ${n(names.length)} set aside by a bulk load, not built yet (${shown}): queries answer, more slowly, until the next ingest (any input) builds them`,
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

function resolutionLine(r: NonNullable<ArchiveStats["entityResolution"]>): string {
  if (!r.pending) return "resolved";
  const unplaced = r.unplaced ? `, ${r.unplaced.toLocaleString("en-US")} mentions unplaced` : "";
  return `resolution pending${unplaced}: person:, org: and place: are refused until an ingest ends or 'cablegram entities --rebuild' runs`;
}

function summariesLine(s: NonNullable<ArchiveStats["entitySummaries"]>): string {
  if (s.current) return "summaries current";
  const what = s.full
    ? "a full build"
    : [
        s.cables ? `${s.cables.toLocaleString("en-US")} changed cables` : "",
        s.entities ? `${s.entities.toLocaleString("en-US")} stale entities` : "",
      ]
        .filter(Boolean)
        .join(", ");
  return `summaries pending (${what}): pages and facets count live, slowly; run 'cablegram entities --rebuild'`;
}

function extractorLine(e: NonNullable<ArchiveStats["extractor"]>): string {
  if (e.reextracting) {
    return `a re-extraction to version ${e.current} stopped part-way: run 'cablegram reextract' to finish it`;
  }
  if (e.recorded === null) return `extractor version not recorded (this build's: ${e.current})`;
  if (e.recorded < e.current) {
    const by =
      e.recorded === 0
        ? "an extractor older than recorded versions"
        : `extractor version ${e.recorded}`;
    return `extracted by ${by}, this build's is ${e.current}: run 'cablegram reextract'`;
  }
  return `extracted by this build's extractor (version ${e.current})`;
}
