/**
 * Starts again the PostgreSQL cluster that `npm run bench -- --backend postgres --keep DIR` left in
 * DIR/pg, on a free loopback port, with the benchmark's settings; prints the archive's URL (on
 * stdout, one line, for `npm run load -- --db URL`) and runs until SIGINT or SIGTERM, then stops
 * the cluster cleanly and leaves its folder for the next run.
 *
 *   npx tsx scripts/pg-cluster.ts DIR/pg [--database archive]
 */
import { parseArgs } from "node:util";
import { resumeCluster } from "../test/support/pg-cluster.js";
import { BULK_LOAD_SETTINGS } from "./bench/postgres.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { database: { type: "string", default: "archive" } },
});
if (positionals.length !== 1) {
  process.stderr.write("usage: npx tsx scripts/pg-cluster.ts DIR/pg [--database archive]\n");
  process.exit(2);
}
const cluster = await resumeCluster(positionals[0]!, { settings: BULK_LOAD_SETTINGS });
process.stdout.write(`${cluster.url(values.database)}\n`);
process.stderr.write(
  `pg-cluster: serving ${positionals[0]} on 127.0.0.1:${cluster.port}; Ctrl-C stops it\n`,
);
const stop = () => {
  cluster.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
