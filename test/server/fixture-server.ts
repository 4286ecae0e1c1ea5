/**
 * A real server on an ephemeral loopback port over a test archive built with the ingest library
 * from test/fixtures/server (ten real cables, a hostile one, a second version of 08TRIPOLI564),
 * with the client files built by scripts/build-client.ts into a temporary folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClient } from "../../scripts/build-client.js";
import { ingest } from "../../src/ingest/index.js";
import { loadAssets } from "../../src/server/assets.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";
import { openArchive } from "../../src/store/db.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
export const HOSTILE_ID = "10TRIPOLI9001";

export interface FixtureServer extends RunningServer {
  dir: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Builds the fixture archive at `path`: the cables, then the updated copy (a second version). */
export async function buildFixtureArchive(path: string): Promise<void> {
  const db = openArchive(path);
  try {
    for (const input of ["cables", "updates"]) {
      const report = await ingest(db, [join(FIXTURES, input)], { workers: 0 });
      if (report.rejected > 0)
        throw new Error(`fixture cables rejected: ${JSON.stringify(report.rejections)}`);
    }
  } finally {
    db.close();
  }
}

export async function startFixtureServer(
  opts: Pick<StartOptions, "cache" | "public" | "baseUrl" | "allowedHosts"> = {},
): Promise<FixtureServer> {
  const dir = mkdtempSync(join(tmpdir(), "cablegram-server-"));
  const dbPath = join(dir, "archive.db");
  await buildFixtureArchive(dbPath);
  await buildClient(join(dir, "client"));
  const server = await startServer({
    db: dbPath,
    port: 0,
    host: "127.0.0.1",
    assets: loadAssets(join(dir, "client")),
    log: () => {},
    ...opts,
  });
  return {
    ...server,
    dir,
    get: (path, init) => fetch(new URL(path, server.url), { redirect: "manual", ...init }),
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
