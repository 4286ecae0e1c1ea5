import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Db } from "./db.js";

/**
 * The `ingest_runs` log, which is also the ingest's lock. Two ingests into one archive would
 * interleave their batches and fight over the write lock until one gave up with SQLite's bare
 * "database is locked"; so a run first claims the archive with a `running` row naming its
 * process. A second ingest finds that row, sees the process alive and stops with a message that
 * names it. A process that is gone (killed, crashed) leaves its row behind: the next ingest marks
 * that run interrupted and goes on, and `stats` says so in the meantime.
 */

export const RUN_STATUSES = ["running", "finished", "failed", "interrupted"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunHolder {
  runId: number;
  pid: number;
  /** When that ingest started (ISO 8601). */
  since: string;
}

export class ArchiveBusyError extends Error {
  readonly holder: RunHolder;
  readonly path: string;

  constructor(path: string, holder: RunHolder) {
    super(
      `the archive ${path} is being written by another ingest (pid ${holder.pid}, started ${holder.since}, run ${holder.runId}): ` +
        "wait for it to finish, or stop that process, then run this ingest again",
    );
    this.name = "ArchiveBusyError";
    this.path = path;
    this.holder = holder;
  }
}

/** Start time of a process in clock ticks since boot (Linux /proc), to tell a reused pid apart. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote a `running` row still runs (and is the same process). */
export function holderAlive(pid: number | null, start: string | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (start === null) return true;
  const now = processStart(pid);
  return now === null || now === start;
}

interface RunRow {
  id: number;
  pid: number | null;
  process_start: string | null;
  started_at: string;
}

function runningRows(db: Db): RunRow[] {
  return db
    .prepare<[], RunRow>(
      "SELECT id, pid, process_start, started_at FROM ingest_runs WHERE status = 'running' ORDER BY id",
    )
    .all();
}

function holderOf(row: RunRow): RunHolder {
  return { runId: row.id, pid: row.pid ?? 0, since: row.started_at };
}

/**
 * Claims the archive for an ingest and logs its run; returns the run id. Throws ArchiveBusyError
 * when another live ingest holds it. Runs left `running` by a dead process become `interrupted`.
 */
export function claimRun(
  db: Db,
  path: string,
  startedAt: string,
  inputs: readonly string[],
): number {
  const claim = db.transaction(() => {
    for (const row of runningRows(db)) {
      if (holderAlive(row.pid, row.process_start)) throw new ArchiveBusyError(path, holderOf(row));
      db.prepare("UPDATE ingest_runs SET status = 'interrupted', error = ? WHERE id = ?").run(
        `the ingest process (pid ${row.pid}) ended without finishing: killed or crashed`,
        row.id,
      );
    }
    return Number(
      db
        .prepare(
          `INSERT INTO ingest_runs (started_at, inputs, status, pid, process_start)
           VALUES (?, ?, 'running', ?, ?)`,
        )
        .run(startedAt, JSON.stringify(inputs), process.pid, processStart(process.pid))
        .lastInsertRowid,
    );
  });
  try {
    // IMMEDIATE: two ingests starting together cannot both see the archive free.
    return claim.immediate();
  } catch (err) {
    if (err instanceof ArchiveBusyError) throw err;
    // The write lock itself is held (the other ingest is in a long batch): name it from its row.
    const code = (err as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY")) {
      const live = runningRows(db).find((r) => holderAlive(r.pid, r.process_start));
      if (live) throw new ArchiveBusyError(path, holderOf(live));
    }
    throw err;
  }
}

/** Ends a run: its report, and how it ended. Best effort after a failure (the disk may be full). */
export function endRun(
  db: Db,
  runId: number,
  status: Exclude<RunStatus, "running">,
  report: { finishedAt: string | null },
  error: string | null = null,
): void {
  db.prepare(
    "UPDATE ingest_runs SET status = ?, finished_at = ?, report_json = ?, error = ? WHERE id = ?",
  ).run(status, report.finishedAt, JSON.stringify(report), error, runId);
}

/**
 * How a logged run ended, for `stats`: a `running` row whose process is gone was interrupted
 * (the next ingest will record it so); rows from before the status column have none.
 */
export function runStatus(row: {
  status: string | null;
  finishedAt: string | null;
  pid: number | null;
  processStart: string | null;
}): RunStatus {
  if (row.status === "running") {
    return holderAlive(row.pid, row.processStart) ? "running" : "interrupted";
  }
  if (row.status === "finished" || row.status === "failed" || row.status === "interrupted") {
    return row.status;
  }
  return row.finishedAt ? "finished" : "interrupted";
}

/** The live ingest writing the archive at `path`, if any (read without taking a lock). */
export function runningIngest(path: string): RunHolder | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const live = runningRows(db).find((r) => holderAlive(r.pid, r.process_start));
    return live ? holderOf(live) : null;
  } catch {
    // No status column yet, or the log is unreadable: no holder can be named.
    return null;
  } finally {
    db?.close();
  }
}
