import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { Cable } from "../model/cable.js";
import { archiveError, folderGiven } from "./archive-error.js";
import { formWords } from "./entity-names.js";
import { withRepeated } from "./migration-repeat.js";
import { coveredBy, inheritProtection, protectedWords, touchedBy } from "./protection-inherit.js";
import { whenSettled } from "./settled.js";

export type Db = Database.Database;

const MIGRATIONS_DIR = new URL("../../src/store/migrations/", import.meta.url);

/** The text of one migration (`NNN-name.sql`), for code that must recreate what it created. */
export function migrationSql(file: string): string {
  const read = (f: string) => readFileSync(new URL(f, MIGRATIONS_DIR), "utf8");
  return withRepeated(read(file), read);
}

/** Where the CLI and the server keep the archive unless told otherwise (`--db`). */
export const DEFAULT_ARCHIVE = "./data/cablegram.db";

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens (creating if needed) an archive and brings its schema up to date. WAL keeps readers
 * (the server, searches) unblocked while an ingest writes; `synchronous=NORMAL` is safe under WAL
 * against process crashes (SIGKILL), which is the failure the ingest guarantees cover.
 */
export function openArchive(path: string, opts: OpenOptions = {}): Db {
  refusePostgresUrl(path);
  if (path !== ":memory:") refuseFolder(path);
  let db: Db | null = null;
  try {
    if (path !== ":memory:" && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, opts.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!opts.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
    }
    db.pragma("foreign_keys = ON");
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
    db.pragma("mmap_size = 268435456");
    if (!opts.readonly) migrate(db);
    else db.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch (err) {
    db?.close();
    // SQLite names neither the file nor the remedy ("file is not a database", "disk I/O error").
    throw archiveError(err, path) ?? err;
  }
}

/**
 * Runs `run` (awaited if it returns a promise) with the connection's pragmas set to `settings`,
 * each restored afterwards however `run` ends; a pragma already at its value is left alone.
 */
export function withPragmas<T>(db: Db, settings: Record<string, number>, run: () => T): T {
  const before: [string, number][] = [];
  for (const [name, value] of Object.entries(settings)) {
    const was = db.pragma(name, { simple: true }) as number;
    if (was === value) continue;
    before.push([name, was]);
    db.pragma(`${name} = ${value}`);
  }
  if (before.length === 0) return run();
  return whenSettled(run, () => {
    if (db.open) for (const [name, was] of before) db.pragma(`${name} = ${was}`);
  });
}

/**
 * Runs `run` with the archive read through read() rather than the memory map. Every page a
 * connection reads through the map stays resident in the process until the map goes, up to its
 * 256 MB: steps that read the whole archive once (an ingest's finishing steps, a full resolution,
 * a full summary build) read it into SQLite's bounded cache instead, the rest staying in the
 * kernel's page cache, outside the process. Setting the size to 0 unmaps what was mapped.
 */
export function unmapped<T>(db: Db, run: () => T): T {
  return withPragmas(db, { mmap_size: 0 }, run);
}

/**
 * A PostgreSQL URL given to a command that reads SQLite only: SQLite would take it for a file
 * name and make folders named after the user and password. Say so, without the password.
 */
function refusePostgresUrl(path: string): void {
  if (!/^postgres(ql)?:\/\//i.test(path)) return;
  const shown = path.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@]*@/i, "$1***@");
  throw new Error(
    `${shown} is an archive on PostgreSQL: this command reads SQLite archives only so far (docs/server-mode.md)`,
  );
}

/** SQLite answers a folder with "disk I/O error" (or opens nothing at all): say what is wrong. */
export function refuseFolder(path: string): void {
  let folder = false;
  try {
    folder = statSync(path).isDirectory();
  } catch {
    return;
  }
  if (folder) throw folderGiven(path);
}

/**
 * Applies every `src/store/migrations/NNN-name.sql` not yet applied, in name order, each in one
 * transaction. Applied migrations are recorded by file name in `schema_migrations`, not only by
 * number in `user_version`: two branches that each add a migration with the same number then both
 * run, where a version number alone would silently skip the second. Archives made before the table
 * existed count the files numbered up to their `user_version` as applied.
 */
export function migrate(db: Db): void {
  migrationFunctions(db);
  const files = migrationFiles();
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const legacy = db.pragma("user_version", { simple: true }) as number;
  db.transaction(() => {
    db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL) WITHOUT ROWID",
    );
    if (!hasTable && legacy > 0) {
      const mark = db.prepare(
        "INSERT OR IGNORE INTO schema_migrations (name, applied) VALUES (?, ?)",
      );
      for (const f of files)
        if (Number(f.slice(0, 3)) <= legacy) mark.run(f, new Date().toISOString());
    }
  })();
  const done = new Set(
    db
      .prepare<[], { name: string }>("SELECT name FROM schema_migrations")
      .all()
      .map((r) => r.name),
  );
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = migrationSql(file);
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (name, applied) VALUES (?, ?)").run(
        file,
        new Date().toISOString(),
      );
      const version = Number(file.slice(0, 3));
      if (version > (db.pragma("user_version", { simple: true }) as number))
        db.pragma(`user_version = ${version}`);
    })();
  }
}

/**
 * What a migration needs that SQL cannot say: migration 016 marks the persons an earlier version
 * of a cable protects, and 018 the names public mode withholds beside them, with the rules the
 * writer uses (src/store/protection-inherit.ts), whose matching folds accents as the masker does,
 * and recounts their entities' public rows with the words resolution keys them by
 * (entities-derived.ts).
 */
function migrationFunctions(db: Db): void {
  const words = (forms: string) => protectedWords(JSON.parse(forms) as string[]);
  /** A rule of protection-inherit.ts over (name, variants JSON, protected forms JSON), as 0/1. */
  const rule = (test: typeof coveredBy) => (name: unknown, variants: unknown, forms: unknown) =>
    test(words(String(forms)), {
      name: String(name),
      variants: JSON.parse(String(variants)) as string[],
    })
      ? 1
      : 0;
  db.function("cg_protection_covers", { deterministic: true }, rule(coveredBy));
  db.function("cg_withheld_by", { deterministic: true }, rule(touchedBy));
  db.function("cg_form_words", { deterministic: true }, (form) =>
    JSON.stringify(formWords(String(form))),
  );
  db.function("cg_protection_mark", { deterministic: true }, (json, forms) => {
    const cable = JSON.parse(String(json)) as Cable;
    return inheritProtection(cable, JSON.parse(String(forms)) as string[])
      ? JSON.stringify(cable)
      : json;
  });
}

/**
 * The migrations an archive has not applied: a read-only opening (`serve --public`) applies none,
 * and serves what the archive's last writable opening left. An archive from before
 * `schema_migrations` counts as applied up to its user_version, as `migrate` reads it.
 */
export function pendingMigrations(db: Db): string[] {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const legacy = db.pragma("user_version", { simple: true }) as number;
  const done = new Set(
    hasTable ? db.prepare<[], string>("SELECT name FROM schema_migrations").pluck().all() : [],
  );
  return migrationFiles().filter(
    (f) => !done.has(f) && !(!hasTable && Number(f.slice(0, 3)) <= legacy),
  );
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-.*\.sql$/.test(f))
    .sort();
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Memoises what `make` builds for each connection — prepared statements, mostly, which are bound
 * to the connection that prepared them — and lets it go with the connection.
 */
export function perConnection<T extends object>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
