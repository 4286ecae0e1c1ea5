/**
 * A real server over the bundled sample (data/sample/, 979 real cables: 206 partial extracts, 17
 * REF clusters, enough results to page), ingested into a temporary archive on first start exactly
 * as `cablegram serve` does on a fresh checkout. For the tests that need more than the ten fixture
 * cables: paging, reader navigation, a graph of 50+ cables, spelling variants.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildClient } from "../../scripts/build-client.js";
import { loadAssets } from "../../src/server/assets.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";

export interface SampleServer extends RunningServer {
  get(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function startSampleServer(
  opts: Partial<Omit<StartOptions, "db" | "port" | "host">> = {},
): Promise<SampleServer> {
  const dir = mkdtempSync(join(tmpdir(), "cablegram-sample-"));
  await buildClient(join(dir, "client"));
  const server = await startServer({
    db: join(dir, "archive.db"),
    port: 0,
    host: "127.0.0.1",
    assets: loadAssets(join(dir, "client")),
    log: () => {},
    ...opts,
  });
  return {
    ...server,
    get: (path, init) => fetch(new URL(path, server.url), { redirect: "manual", ...init }),
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
