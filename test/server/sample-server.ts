/**
 * A real server over the bundled sample (data/sample/, 979 real cables: 206 partial extracts, 17
 * REF clusters, enough results to page), ingested into a temporary archive on first start exactly
 * as `cablegram serve` does on a fresh checkout. For the tests that need more than the ten fixture
 * cables: paging, reader navigation, a graph of 50+ cables, spelling variants.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StartOptions } from "../../src/server/start.js";
import { startTempServer, type TempServer } from "./temp-server.js";

export type SampleServer = TempServer;

export async function startSampleServer(
  opts: Partial<Omit<StartOptions, "db" | "port" | "host">> = {},
): Promise<SampleServer> {
  const dir = mkdtempSync(join(tmpdir(), "cablegram-sample-"));
  return startTempServer(dir, join(dir, "archive.db"), opts);
}
