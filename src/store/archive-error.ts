import { statfsSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Failures of the archive file itself, in words a user can act on: which archive, what happened,
 * what to do. SQLite's own messages ("database disk image is malformed", "disk I/O error") name
 * neither the file nor the remedy, so every command and the server translate them here.
 */

/** What went wrong with the archive, by cause rather than by SQLite code. */
export type ArchiveFault =
  | "corrupt"
  | "not-an-archive"
  | "is-a-folder"
  | "disk-full"
  | "io"
  | "busy"
  | "read-only"
  | "cannot-open";

export class ArchiveError extends Error {
  readonly fault: ArchiveFault;
  readonly path: string;
  /** What happened, naming the archive. */
  readonly what: string;
  /** What the user can do about it. */
  readonly remedy: string;
  constructor(fault: ArchiveFault, path: string, what: string, remedy: string, cause?: unknown) {
    // The cause (SQLite's or the system's own words) is kept for logs, never shown as the message.
    super(`${what}: ${remedy}`, { cause });
    this.name = "ArchiveError";
    this.fault = fault;
    this.path = path;
    this.what = what;
    this.remedy = remedy;
  }
}

function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/** A damaged page or index: SQLite's SQLITE_CORRUPT family (FTS5 reports SQLITE_CORRUPT_VTAB). */
export function isCorruption(err: unknown): boolean {
  const code = codeOf(err);
  return code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB";
}

/** The archive's storage failed (disk full, I/O error, damage), not the record or query at hand. */
export function isArchiveFailure(err: unknown): boolean {
  if (err instanceof ArchiveError) return true;
  const code = codeOf(err);
  return (
    code.startsWith("SQLITE_CORRUPT") ||
    code.startsWith("SQLITE_IOERR") ||
    code.startsWith("SQLITE_CANTOPEN") ||
    code.startsWith("SQLITE_READONLY") ||
    code.startsWith("SQLITE_BUSY") ||
    code === "SQLITE_NOTADB" ||
    code === "SQLITE_FULL" ||
    code === "ENOSPC" ||
    code === "EISDIR" ||
    code === "EACCES"
  );
}

/**
 * `err` as an ArchiveError about the archive at `path`, or null when it is not a failure of the
 * archive (a bug, a bad query): those keep their own message.
 */
export function archiveError(err: unknown, path: string): ArchiveError | null {
  if (err instanceof ArchiveError) return err;
  if (!isArchiveFailure(err)) return null;
  const code = codeOf(err);
  const said = err instanceof Error ? err.message : String(err);
  if (code === "SQLITE_NOTADB") {
    return new ArchiveError(
      "not-an-archive",
      path,
      `${path} is not a Cablegram archive (not an SQLite database)`,
      "pass the archive's path with --db, or a new file name to create an archive there",
      err,
    );
  }
  if (code.startsWith("SQLITE_CORRUPT")) {
    return new ArchiveError(
      "corrupt",
      path,
      `the archive ${path} is damaged (${said})`,
      `run 'cablegram check --db ${path}' to see what is hurt, then 'cablegram check --repair --db ${path}'`,
      err,
    );
  }
  if (code === "SQLITE_FULL" || code === "ENOSPC") return diskFull(path, err);
  if (code === "SQLITE_IOERR_WRITE") return writeFailed(path, said, err);
  if (code === "EISDIR") return folderGiven(path, err);
  if (code.startsWith("SQLITE_BUSY")) {
    return new ArchiveError(
      "busy",
      path,
      `the archive ${path} is locked by another process`,
      "wait for the other ingest to finish, then run the command again",
      err,
    );
  }
  if (code.startsWith("SQLITE_READONLY") || code === "EACCES") {
    return new ArchiveError(
      "read-only",
      path,
      `the archive ${path} cannot be written (${said})`,
      "check the file's and its folder's permissions, or pass another --db",
      err,
    );
  }
  if (code.startsWith("SQLITE_CANTOPEN")) {
    return new ArchiveError(
      "cannot-open",
      path,
      `cannot open the archive ${path} (${said})`,
      "check that the folder exists and can be written, or pass another --db",
      err,
    );
  }
  return new ArchiveError(
    "io",
    path,
    `reading or writing the archive ${path} failed (${said})`,
    `check the disk, then run 'cablegram check --db ${path}'`,
    err,
  );
}

function diskFull(path: string, cause: unknown): ArchiveError {
  return new ArchiveError(
    "disk-full",
    path,
    `the disk holding the archive ${path} is full`,
    "free some space (or use --db on a larger disk) and run the command again",
    cause,
  );
}

/** Less free space than this beside the archive counts as a full disk. */
const LOW_SPACE_BYTES = 4 * 1024 * 1024;

function freeBytes(path: string): number | null {
  try {
    const fs = statfsSync(dirname(path));
    return fs.bavail * fs.bsize;
  } catch {
    return null;
  }
}

/**
 * A failed write. SQLite says SQLITE_FULL only when the disk reports ENOSPC; a write refused for
 * another reason (a file size limit, `ulimit -f`, a quota, a failing disk) is a bare "disk I/O
 * error". The free space beside the archive tells a full disk apart from the rest.
 */
function writeFailed(path: string, said: string, cause: unknown): ArchiveError {
  const free = freeBytes(path);
  if (free !== null && free < LOW_SPACE_BYTES) return diskFull(path, cause);
  return new ArchiveError(
    "io",
    path,
    `writing the archive ${path} failed (${said}) with ${free === null ? "unknown free space" : `${Math.round(free / (1024 * 1024))} MB free`} on its disk`,
    `the file may have reached a size limit (ulimit -f, a quota) or the disk may be failing: lift the limit or pass another --db, then run 'cablegram check --db ${path}' and the command again`,
    cause,
  );
}

/** `--db` names a folder: SQLite itself would say "disk I/O error". */
export function folderGiven(path: string, cause?: unknown): ArchiveError {
  return new ArchiveError(
    "is-a-folder",
    path,
    `${path} is a folder, not an archive file`,
    `pass a file path to --db (for example ${path.replace(/\/+$/, "")}/cablegram.db)`,
    cause,
  );
}
