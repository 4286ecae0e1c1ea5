import { existsSync } from "node:fs";
import { openArchive } from "../store/db.js";
import { archiveFailure, isPostgresUrl, openPostgres } from "../store/postgres/connect.js";
import {
  copySqliteToPostgres,
  type MigrateProgress,
  type MigrateSummary,
} from "../store/postgres/from-sqlite.js";
import { defineCommand } from "./command.js";
import { archiveFailureMessage } from "./io.js";

export const migrateCommand = defineCommand({
  name: "migrate",
  summary:
    "copy a SQLite archive whole (every version, ids kept) into an empty archive on PostgreSQL",
  options: {
    from: { type: "string", arg: "PATH", required: true, help: "the SQLite archive to copy" },
    to: {
      type: "string",
      arg: "URL",
      required: true,
      help: "postgres://user:password@host:port/db: an empty database (the schema is created)",
    },
  },
  notes: [
    "The source is only read. The copy is one transaction: it is all there, or nothing is.",
    "A target that already holds cables or ingest runs is refused (run it again on an empty database).",
    "Progress goes to stderr; the summary (rows copied per table) to stdout, as JSON unless on a terminal.",
  ],
  async run(values) {
    const { from, to } = values;
    if (!isPostgresUrl(to)) {
      process.stderr.write(
        `cablegram migrate: --to must be a postgres:// URL (copies the other way are not supported yet), not ${isPostgresUrl(from) ? "a SQLite path" : to}\n`,
      );
      return 2;
    }
    if (isPostgresUrl(from) || !existsSync(from)) {
      process.stderr.write(
        `cablegram migrate: --from must be an existing SQLite archive; ${isPostgresUrl(from) ? "a PostgreSQL URL was given" : `there is no file ${from}`}\n`,
      );
      return 2;
    }
    let db: ReturnType<typeof openArchive>;
    try {
      db = openArchive(from, { readonly: true });
    } catch (err) {
      process.stderr.write(`cablegram migrate: ${archiveFailureMessage(err, from)}\n`);
      return 1;
    }
    const line = new ProgressLine();
    try {
      const pg = await openPostgres(to);
      try {
        const summary = await copySqliteToPostgres(db, pg, from, (p) => line.update(p));
        line.end();
        process.stdout.write(
          process.stdout.isTTY ? `${humanSummary(summary)}\n` : `${JSON.stringify(summary)}\n`,
        );
        return 0;
      } finally {
        await pg.close();
      }
    } catch (err) {
      line.end();
      // The error may carry the URL or its password (a failed login, a server's message).
      process.stderr.write(`cablegram migrate: ${archiveFailure(to, err).message}\n`);
      return 1;
    } finally {
      db.close();
    }
  },
});

function humanSummary(s: MigrateSummary): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [`${s.from} → ${s.to} in ${s.seconds.toFixed(1)} s`];
  for (const [t, rows] of Object.entries(s.copied)) lines.push(`  ${t.padEnd(14)}${n(rows)}`);
  for (const [t, rows] of Object.entries(s.notCopied)) {
    lines.push(`  ${t.padEnd(14)}${n(rows)} not copied (no PostgreSQL table yet)`);
  }
  return lines.join("\n");
}

/**
 * `cables 120,000/251,287 (47%)`: on a terminal one self-overwriting line, five times a second at
 * most; otherwise one line per table when it is done, so a log shows how far a migrate got.
 */
class ProgressLine {
  private last = 0;
  private shown = false;
  private readonly tty = process.stderr.isTTY === true;

  update(p: MigrateProgress) {
    const pct = p.total > 0 ? Math.floor((p.rows / p.total) * 100) : 100;
    const text = `migrate: ${p.table} ${p.rows.toLocaleString("en-US")}/${p.total.toLocaleString("en-US")} rows (${pct}%)`;
    if (!this.tty) {
      if (p.rows === p.total) process.stderr.write(`${text}\n`);
      return;
    }
    const now = Date.now();
    if (now - this.last < 200 && p.rows !== p.total) return;
    this.last = now;
    process.stderr.write(`\r${text.padEnd((process.stderr.columns ?? 80) - 1)}`);
    this.shown = true;
  }

  end() {
    if (this.shown) process.stderr.write("\n");
    this.shown = false;
  }
}
