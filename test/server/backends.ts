/**
 * The back ends the server tests run against: a SQLite file and an archive on PostgreSQL (a
 * throwaway cluster, test/support/pg-cluster.ts), built from the same input. Where PostgreSQL is
 * not installed the PostgreSQL half is left out with a message; in CI that is an error instead.
 */
import { postgresAvailable } from "../support/pg-cluster.js";

export type Backend = "sqlite" | "postgres";

export function serverBackends(what: string): Backend[] {
  return postgresAvailable(what) ? ["sqlite", "postgres"] : ["sqlite"];
}
