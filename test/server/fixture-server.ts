/**
 * A real server on an ephemeral loopback port over a test archive built with the ingest library
 * from test/fixtures/server (ten real cables, a hostile one, a second version of 08TRIPOLI564),
 * with the client files built by scripts/build-client.ts into a temporary folder. The archive is a
 * SQLite file, or (`backend: "postgres"`) a database in a throwaway PostgreSQL cluster of its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClient } from "../../scripts/build-client.js";
import { ingest } from "../../src/ingest/index.js";
import { ingestPostgres } from "../../src/ingest/postgres.js";
import { loadAssets } from "../../src/server/assets.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";
import { openArchive } from "../../src/store/db.js";
import { openPostgres } from "../../src/store/postgres/connect.js";
import { type PgCluster, startCluster } from "../support/pg-cluster.js";
import type { Backend } from "./backends.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
export const HOSTILE_ID = "10TRIPOLI9001";

export interface FixtureServer extends RunningServer {
  dir: string;
  backend: Backend;
  /** The cluster of a PostgreSQL archive (its URL carries the password tests look for). */
  cluster: PgCluster | null;
  get(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Builds the fixture archive at `path` (a file, or a postgres:// URL): the cables, then the
 * updated copy (a second version).
 */
export async function buildFixtureArchive(path: string): Promise<void> {
  const pg = path.startsWith("postgres://") ? await openPostgres(path) : null;
  const db = pg ? null : openArchive(path);
  try {
    for (const input of ["cables", "updates"]) {
      const inputs = [join(FIXTURES, input)];
      const report = pg
        ? await ingestPostgres(pg, inputs, { workers: 0 })
        : await ingest(db!, inputs, { workers: 0 });
      if (report.rejected > 0)
        throw new Error(`fixture cables rejected: ${JSON.stringify(report.rejections)}`);
    }
  } finally {
    db?.close();
    await pg?.close();
  }
}

export async function startFixtureServer(
  opts: Pick<StartOptions, "cache" | "public" | "baseUrl" | "allowedHosts"> & {
    backend?: Backend;
  } = {},
): Promise<FixtureServer> {
  const { backend = "sqlite", ...start } = opts;
  const dir = mkdtempSync(join(tmpdir(), "cablegram-server-"));
  const cluster = backend === "postgres" ? await startCluster() : null;
  const db = cluster ? await cluster.createDatabase("fixtures") : join(dir, "archive.db");
  await buildFixtureArchive(db);
  await buildClient(join(dir, "client"));
  const server = await startServer({
    db,
    port: 0,
    host: "127.0.0.1",
    assets: loadAssets(join(dir, "client")),
    log: () => {},
    ...start,
  });
  return {
    ...server,
    dir,
    backend,
    cluster,
    get: (path, init) => fetch(new URL(path, server.url), { redirect: "manual", ...init }),
    stop: async () => {
      await server.close();
      cluster?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
