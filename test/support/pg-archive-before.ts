/**
 * A PostgreSQL archive as an older writer left it, for the tests of the migrations that bring one
 * up to date: an SQLite archive built by `build`, copied into a throwaway cluster as `cablegram
 * migrate` copies it, then put back by `rollBack` (a migration's record deleted, its marks taken
 * away). `check` gets the archive's URL once every connection of the set-up is closed: opening it
 * again applies the pending migrations. The cluster and the folder go after.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openArchive } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { copySqliteToPostgres } from "../../src/store/postgres/from-sqlite.js";
import { startCluster } from "./pg-cluster.js";

type Postgres = Awaited<ReturnType<typeof openPostgres>>;

export async function withPostgresArchiveBefore(
  prefix: string,
  build: (path: string) => Promise<void>,
  rollBack: (target: Postgres) => Promise<void>,
  check: (url: string) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cluster = await startCluster();
  try {
    const path = join(dir, "archive.db");
    await build(path);
    const url = await cluster.createDatabase("before");
    const source = openArchive(path, { readonly: true });
    const target = await openPostgres(url);
    try {
      await copySqliteToPostgres(source, target, path);
      await rollBack(target);
    } finally {
      source.close();
      await target.close();
    }
    await check(url);
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
