/**
 * `cablegram entities --rebuild`: the entity steps of an ingest's finish (resolution, then the
 * summaries pages and facets read), run on their own for an archive a migration or a stopped
 * ingest left pending. Both steps do only what is pending (a full run when their full mark is set),
 * so a rebuild of a current archive returns at once.
 */
import { resolveEntities } from "../store/entities-resolve.js";
import { refreshEntitySummaries, summaryState } from "../store/entity-summary.js";
import { withExistingArchive } from "./existing-archive.js";

const n = (x: number) => x.toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function rebuildEntities(
  path: string,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<number> {
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
