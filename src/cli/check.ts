import { isPostgresUrl } from "../archive/archive.js";
import { type CheckReport, checkArchiveAt } from "../store/check.js";
import { runningIngest } from "../store/ingest-runs.js";
import { checkArchivePg } from "../store/postgres/check.js";
import { archiveFailure, openPostgres } from "../store/postgres/connect.js";
import { type RepairReport, repairArchive } from "../store/repair.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage, errorMessage } from "./io.js";
import { dbOption } from "./options.js";

export const checkCommand = defineCommand({
  name: "check",
  summary:
    "is the archive whole (integrity and full-text checks, table by table); `--repair` rebuilds what is damaged (SQLite)",
  options: {
    db: dbOption,
    repair: {
      type: "boolean",
      help: "rebuild from the stored text: every index, the full-text indexes, the element tables; keep every readable row; set the damaged file aside",
    },
    json: { type: "boolean", help: "the findings as JSON" },
  },
  notes: [
    "On PostgreSQL: the amcheck extension's page checks of every table and B-tree index (when a superuser has installed it) and the stored search vectors against their text; what it could not check is listed. `--repair` is SQLite's: the report says what to do on PostgreSQL.",
    "Exit status: 0 the archive is whole (or was repaired without loss); 1 it is damaged, or the repair lost cables (it lists them with their source files, to ingest again).",
  ],
  async run(values) {
    const path = values.db;
    if (isPostgresUrl(path))
      return checkPostgres(path, values.repair === true, values.json === true);
    try {
      if (!values.repair) {
        const report = checkArchiveAt(path);
        process.stdout.write(
          values.json ? `${JSON.stringify(report)}\n` : describeCheck(path, report),
        );
        return report.ok ? 0 : 1;
      }
      const holder = runningIngest(path);
      if (holder) {
        process.stderr.write(
          `cablegram check: an ingest is writing ${path} (pid ${holder.pid}, started ${holder.since}): repair it once that has ended\n`,
        );
        return 1;
      }
      const report = repairArchive(path);
      process.stdout.write(
        values.json ? `${JSON.stringify(report)}\n` : describeRepair(path, report),
      );
      return report.lost.length === 0 ? 0 : 1;
    } catch (err) {
      process.stderr.write(`cablegram check: ${archiveFailureMessage(err, path)}\n`);
      return 1;
    }
  },
});

async function checkPostgres(url: string, repair: boolean, json: boolean): Promise<number> {
  if (repair) {
    process.stderr.write(
      "cablegram check: --repair rebuilds SQLite files; on PostgreSQL run the check and follow its advice (REINDEX, or a restore from pg_dump or a replica)\n",
    );
    return 2;
  }
  let pg: Awaited<ReturnType<typeof openPostgres>>;
  try {
    // Read-only and without migrating: a damaged archive must not be written to.
    pg = await openPostgres(url, { readonly: true });
  } catch (err) {
    process.stderr.write(`cablegram check: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    const report = await checkArchivePg(pg.sql);
    let text = describeCheck(pg.label, report, report.pagesChecked);
    for (const u of report.unchecked) text += `  not checked       ${u}\n`;
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : text);
    return report.ok ? 0 : 1;
  } catch (err) {
    process.stderr.write(`cablegram check: ${archiveFailure(pg.url, err).message}\n`);
    return 1;
  } finally {
    await pg.close();
  }
}

function describeCheck(path: string, r: CheckReport, pagesChecked = true): string {
  const lines = [`${path}: ${r.ok ? "whole" : "DAMAGED"}`];
  const integrity = !pagesChecked ? "not run" : r.integrity.length === 0 ? "ok" : r.integrity[0];
  lines.push(`  integrity check   ${integrity}`);
  for (const d of r.damaged) {
    const what = d.indexOnly ? "an index of the table is damaged" : "table pages are damaged";
    lines.push(`  damaged           ${d.table} (${d.role}): ${what}: ${d.detail}`);
  }
  for (const f of r.fts) {
    lines.push(`  full-text index   ${f.table}: ${f.ok ? "ok" : `damaged (${f.detail})`}`);
  }
  if (!r.ok) {
    lines.push("", "What to do:");
    for (const a of r.advice) lines.push(`  - ${a}`);
  }
  return `${lines.join("\n")}\n`;
}

function describeRepair(path: string, r: RepairReport): string {
  if (r.damagedCopy === null) return `${path}: whole, nothing to repair\n`;
  const lines = [`${path}: repaired; the damaged file is kept as ${r.damagedCopy}`];
  lines.push(`  rebuilt           ${r.rebuilt.join(", ")}`);
  for (const [table, n] of Object.entries(r.unreadableRowids)) {
    lines.push(`  unreadable rows   ${table}: ${n} rowid(s) on damaged pages`);
  }
  lines.push(`  now               cables ${r.rows.cables ?? 0}, versions ${r.rows.versions ?? 0}`);
  if (r.lost.length > 0) {
    lines.push(
      "",
      `${r.lost.length} cable(s) lost with the damaged pages; ingest their sources again to restore them:`,
    );
    for (const l of r.lost)
      lines.push(`  ${l.referenceId}  ${l.sourceFile ?? "(source not recorded)"}`);
    const files = [...new Set(r.lost.map((l) => l.sourceFile).filter((f) => f !== null))];
    if (files.length > 0) {
      lines.push("", `  cablegram ingest ${files.slice(0, 20).join(" ")} --db ${path}`);
    }
  } else {
    lines.push("  nothing lost: every cable is back, search restored");
  }
  return `${lines.join("\n")}\n`;
}
