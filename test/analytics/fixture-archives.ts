/**
 * The server fixture's cables as an archive of either back end, opened through the archive
 * interface (src/archive/archive.ts): what the analytics tests run against, parameterised over
 * SQLite and PostgreSQL (a throwaway cluster, test/support/pg-cluster.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Archive, openPostgresArchive, sqliteArchive } from "../../src/archive/archive.js";
import { openArchive } from "../../src/store/db.js";
import type { Backend } from "../server/backends.js";
import { buildFixtureArchive } from "../server/fixture-server.js";
import { startCluster } from "../support/pg-cluster.js";

export interface FixtureArchive {
  archive: Archive;
  close(): Promise<void>;
}

export async function openFixtureArchive(backend: Backend): Promise<FixtureArchive> {
  if (backend === "postgres") {
    const cluster = await startCluster();
    const url = await cluster.createDatabase("analytics");
    await buildFixtureArchive(url);
    const archive = await openPostgresArchive(url);
    return {
      archive,
      close: async () => {
        await archive.close();
        cluster.stop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "cablegram-analytics-"));
  const path = join(dir, "a.db");
  await buildFixtureArchive(path);
  const archive = sqliteArchive(openArchive(path), path);
  return {
    archive,
    close: async () => {
      await archive.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
