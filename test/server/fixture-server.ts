/**
 * A real server on an ephemeral loopback port over a test archive built with the ingest library
 * from test/fixtures/server (ten real cables, a hostile one, a second version of 08TRIPOLI564),
 * with the client files built by scripts/build-client.ts into a temporary folder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ingest } from "../../src/ingest/index.js";
import type { StartOptions } from "../../src/server/start.js";
import { openArchive } from "../../src/store/db.js";
import { startTempServer, type TempServer } from "./temp-server.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/server/", import.meta.url));
export const HOSTILE_ID = "10TRIPOLI9001";

export type FixtureServer = TempServer;

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
  return startTempServer(dir, dbPath, opts);
}
