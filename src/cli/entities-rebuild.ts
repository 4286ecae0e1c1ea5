/**
 * `cablegram entities --rebuild`: the entity steps of an ingest's finish (resolution, then the
 * summaries pages and facets read), run on their own for an archive a migration or a stopped
 * ingest left pending. Both steps do only what is pending (a full run when their full mark is set),
 * so a rebuild of a current archive returns at once. On PostgreSQL there are no summaries (its
 * entity pages count from the mentions): resolution alone, by the same rule, always run
 * (src/store/postgres/entities-resolve.ts).
 */
import { isPostgresUrl } from "../archive/archive.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { refreshEntitySummaries, summaryState } from "../store/entity-summary.js";
import { archiveFailure, openPostgres } from "../store/postgres/connect.js";
import { resolvePostgresEntities } from "../store/postgres/entities-resolve.js";
import { withExistingArchive } from "./existing-archive.js";
import { errorMessage } from "./io.js";

const n = (x: number) => x.toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function rebuildEntities(
  path: string,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
  if (isPostgresUrl(path)) return rebuildPostgres(path, log);
  return withExistingArchive("entities", path, async (db) => {
    log("entity resolution…");
    const r = resolveEntities(db);
    log(
      `entity resolution: ${r.mode}, ${n(r.mentions)} mentions, ${n(r.changed)} moved, ${n(r.entities)} entities written in ${secs(r.ms)}`,
    );
    log("entity summaries…");
    const s = refreshEntitySummaries(db);
    log(
      `entity summaries: ${s.mode}, ${n(s.entities)} entities, ${n(s.cables)} cables in ${secs(s.ms)}`,
    );
    const after = summaryState(db);
    process.stdout.write(
      `${JSON.stringify({ resolution: r, summaries: s, current: after.current })}\n`,
    );
    return after.current ? 0 : 1;
  });
}

async function rebuildPostgres(url: string, log: (line: string) => void): Promise<number> {
  let pg: Awaited<ReturnType<typeof openPostgres>>;
  try {
    pg = await openPostgres(url);
  } catch (err) {
    process.stderr.write(`cablegram entities: ${errorMessage(err)}\n`);
    return 1;
  }
  try {
    log("entity resolution…");
    // Asked for: resolves whatever is pending, so an archive migrated from an older build gets
    // this build's rule (PostgreSQL's runs are full ones anyway).
    const r = await resolvePostgresEntities(pg.sql, { full: true });
    log(
      `entity resolution: ${n(r.mentions)} mentions, ${n(r.written)} moved, ${n(r.entities)} entities written in ${secs(r.ms)} (read ${r.readSeconds.toFixed(1)} s, written back ${r.writeSeconds.toFixed(1)} s)`,
    );
    process.stdout.write(`${JSON.stringify({ resolution: r, current: true })}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`cablegram entities: ${archiveFailure(pg.url, err).message}\n`);
    return 1;
  } finally {
    await pg.close();
  }
}
