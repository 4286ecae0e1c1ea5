/**
 * What the fixture and sample servers share: a real server on an ephemeral loopback port over an
 * archive in a temporary folder, with the client built by scripts/build-client.ts into that folder.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { buildClient } from "../../scripts/build-client.js";
import { loadAssets } from "../../src/server/assets.js";
import { type RunningServer, type StartOptions, startServer } from "../../src/server/start.js";

export interface TempServer extends RunningServer {
  /** The temporary folder holding the archive and the client. */
  dir: string;
  get(path: string, init?: RequestInit): Promise<Response>;
  /** Closes the server and removes the folder. */
  stop(): Promise<void>;
}

/** Serves the archive `db` (made beforehand, or on start) of the temporary folder `dir`. */
export async function startTempServer(
  dir: string,
  db: string,
  opts: Partial<Omit<StartOptions, "db" | "port" | "host">> = {},
): Promise<TempServer> {
  await buildClient(join(dir, "client"));
  const server = await startServer({
    db,
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
