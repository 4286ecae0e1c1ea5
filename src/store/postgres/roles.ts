/**
 * Whether a connection can change the archive. A public server must read through a role that
 * cannot (docs/server-mode.md, "Roles"): whatever a bug in it did, the archive stays as it is.
 * The check asks PostgreSQL for the role's own privileges, so it holds for owners, superusers and
 * roles granted more through a group alike.
 */
import { type PgArchive, PostgresArchiveError, type Sql } from "./connect.js";

/** The archive's tables the connection's role may insert into, update, delete from or truncate. */
export async function writableTables(sql: Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
       AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
     ORDER BY c.relname`;
  return rows.map((r) => r.name);
}

/** Throws unless the role of `pg` can only read: for `serve --public` and other public readers. */
export async function assertReadOnlyRole(pg: PgArchive): Promise<void> {
  const [who] = await pg.sql<{ role: string; superuser: boolean }[]>`
    SELECT current_user AS role, usesuper AS superuser FROM pg_user WHERE usename = current_user`;
  const writable = await writableTables(pg.sql);
  if (!who?.superuser && writable.length === 0) return;
  const what = who?.superuser
    ? "is a superuser"
    : `may write ${writable.slice(0, 5).join(", ")}${writable.length > 5 ? ", …" : ""}`;
  throw new PostgresArchiveError(
    `${pg.label}: the role ${who?.role ?? "?"} ${what}; a public reader must connect with a read-only role (docs/server-mode.md, "Roles")`,
  );
}
