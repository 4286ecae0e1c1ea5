/**
 * One process of `serve --workers N` (started by src/server/serve-workers.ts with node:cluster):
 * its own read-only connection, its own response cache, listening on the port the cluster shares.
 * It stops when the primary says so or goes away, never on its own signals: Ctrl-C reaches the
 * whole process group, and the primary alone decides the order of the shutdown.
 */
import { startServer } from "./start.js";
import { type ToPrimary, WORKER_CONFIG_ENV, type WorkerConfig } from "./worker-protocol.js";

const send = (msg: ToPrimary) => process.send?.(msg);

async function run(): Promise<void> {
  const config = JSON.parse(process.env[WORKER_CONFIG_ENV] ?? "null") as WorkerConfig | null;
  if (!config || !process.send) {
    process.stderr.write("serve-worker: started outside `cablegram serve --workers`\n");
    process.exit(2);
  }
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => {});
  const server = await startServer({
    db: config.db,
    ...(config.dbRead ? { dbRead: config.dbRead } : {}),
    port: config.port,
    host: config.host,
    public: config.public,
    readonly: true,
    cache: config.cacheBytes === 0 ? false : { maxBytes: config.cacheBytes },
    ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
    allowedHosts: config.allowedHosts,
    ...(config.queryTimeoutMs ? { queryTimeoutMs: config.queryTimeoutMs } : {}),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0));
  };
  process.on("message", (msg: { type?: string }) => {
    if (msg?.type === "stop") stop();
  });
  // The primary died (SIGKILL, OOM): no orphan keeps the port or the archive open.
  process.on("disconnect", stop);
  send({ type: "listening", url: server.url });
}

run().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
