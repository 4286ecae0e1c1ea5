/**
 * Connections to an archive on PostgreSQL (`--db postgres://user:password@host:port/db`). The
 * client is `postgres` (porsager): measured against `pg` + `pg-copy-streams` on the bulk load and
 * on id lookups (scripts/pg-client-bench.ts, docs/server-mode.md).
 *
 * The URL carries a password: it never appears in a message. Every error that leaves this module
 * names the archive by `redactUrl` and has the password scrubbed from its text.
 */
import { readdirSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { withRepeated } from "../migration-repeat.js";
import { cancellable } from "./cancel.js";

/** What the readers and the writer need: a connection pool or one transaction of it. */
export type Sql = postgres.Sql | postgres.TransactionSql;
export type Pool = postgres.Sql;

const MIGRATIONS_DIR = new URL("../../../src/store/postgres/migrations/", import.meta.url);
/** Taken by whoever migrates or writes: one writer at a time, readers never wait for it. */
export const WRITER_LOCK = 0x6361626c; // "cabl"

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL with its password replaced by `***`: what logs, errors and reports may show. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@]*@/i, "$1***@");
}

function passwordOf(url: string): string | null {
  const m = /^postgres(?:ql)?:\/\/[^:@/]*:([^@]*)@/i.exec(url);
  return m?.[1] ? m[1] : null;
}

/** An error about the archive at `url`, its message free of the password however it got there. */
export class PostgresArchiveError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "PostgresArchiveError";
  }
}

export function scrub(url: string, text: string): string {
  const pw = passwordOf(url);
  let out = text.split(url).join(redactUrl(url));
  if (pw) {
    for (const form of new Set([pw, safeDecode(pw)])) if (form) out = out.split(form).join("***");
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Any failure as a PostgresArchiveError naming the archive, with no password in it. */
export function archiveFailure(url: string, err: unknown): PostgresArchiveError {
  if (err instanceof PostgresArchiveError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  return new PostgresArchiveError(
    scrub(url, `archive ${redactUrl(url)}: ${text}`),
    typeof code === "string" ? code : null,
  );
}

export interface PgArchive {
  sql: Pool;
  /** The URL without its password. */
  label: string;
  url: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly?: boolean;
  max?: number;
  /**
   * PostgreSQL's statement_timeout for every statement of the pool, in milliseconds (0 or absent:
   * none): what `serve --query-timeout` sets. Migrations lift it for their own transaction.
   */
  statementTimeoutMs?: number;
}

/**
 * Connects and, unless `readonly`, brings the schema up to date (`readonly` connections run
 * read-only transactions only). Dates are compared as text and
 * converted to epoch keys in UTC, so the session's time zone is pinned.
 */
export async function openPostgres(url: string, opts: OpenOptions = {}): Promise<PgArchive> {
  let sql: Pool | null = null;
  try {
    // Every statement follows the abort signal of the request it serves (./cancel.ts).
    sql = cancellable(
      postgres(url, {
        max: opts.max ?? 4,
        onnotice: () => {},
        connection: {
          TimeZone: "UTC",
          application_name: "cablegram",
          // A reader's transactions cannot write, whatever its role may: a bug stays harmless.
          ...(opts.readonly ? { default_transaction_read_only: true } : {}),
          ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
        },
        // Ids and counts (int8) as numbers: they stay far below 2^53.
        types: {
          int8: {
            to: 20,
            from: [20],
            serialize: (x: number) => String(x),
            parse: (x: string) => Number(x),
          },
        },
        transform: { undefined: null },
      }),
    );
    await sql`SELECT 1`;
    if (!opts.readonly) await migrate(sql);
  } catch (err) {
    // Open connections would keep the process alive after the message (a replica refusing the
    // schema, say): they go before the error does.
    await sql?.end({ timeout: 1 }).catch(() => undefined);
    throw archiveFailure(url, err);
  }
  const pool = sql;
  return {
    sql: pool,
    label: redactUrl(url),
    url,
    close: () => pool.end({ timeout: 5 }),
  };
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}-.*\.sql$/.test(f))
    .sort();
}

/** The migrations the archive lacks (a read-only connection cannot apply them). */
export async function pendingMigrations(sql: Pool): Promise<string[]> {
  const [has] = await sql<
    { t: string | null }[]
  >`SELECT to_regclass('schema_migrations')::text AS t`;
  const done = has?.t
    ? new Set(
        (await sql<{ name: string }[]>`SELECT name FROM schema_migrations`).map((r) => r.name),
      )
    : new Set<string>();
  return migrationFiles().filter((f) => !done.has(f));
}

/** Applies the migrations not yet applied, by file name, each in one transaction, under the writer lock. */
export async function migrate(sql: Pool): Promise<void> {
  await sql.begin(async (tx) => {
    // A server's --query-timeout limits its reads, never the schema it brings up to date.
    await tx`SET LOCAL statement_timeout = 0`;
    await tx`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied text NOT NULL)`;
    const done = new Set(
      (await tx<{ name: string }[]>`SELECT name FROM schema_migrations`).map((r) => r.name),
    );
    for (const file of migrationFiles()) {
      if (done.has(file)) continue;
      const read = (f: string) => readFileSync(new URL(f, MIGRATIONS_DIR), "utf8");
      await tx.unsafe(withRepeated(read(file), read));
      await tx`INSERT INTO schema_migrations (name, applied) VALUES (${file}, ${new Date().toISOString()})`;
    }
  });
}
