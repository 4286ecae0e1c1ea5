/** What the primary of `serve --workers N` and its worker processes tell each other. */

/** The environment variable that carries a worker's configuration (JSON). */
export const WORKER_CONFIG_ENV = "CABLEGRAM_SERVE_WORKER";

export interface WorkerConfig {
  db: string;
  /** A PostgreSQL server every read goes to (a streaming replica of `db`). */
  dbRead?: string;
  port: number;
  host: string;
  public: boolean;
  /** Response cache of this one worker, in bytes (0: none). */
  cacheBytes: number;
  baseUrl?: string;
  allowedHosts: string[];
  /** PostgreSQL's statement_timeout for this worker's reads, in milliseconds (0: none). */
  queryTimeoutMs?: number;
}

export type ToPrimary = { type: "listening"; url: string };
export type ToWorker = { type: "stop" };
