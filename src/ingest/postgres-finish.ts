/**
 * The steps of a PostgreSQL ingest after its last batch, as src/ingest/finish.ts's are SQLite's:
 * entity resolution over the whole archive, a bulk load's rebuild, date estimates, analytics facts
 * and subject vectors, each timed for the ingest report.
 *
 * A bulk load's rebuild runs beside the resolution rather than after it (docs/server-mode.md,
 * "Entities on PostgreSQL"): the resolution's CPU is this process's, the index builds the
 * server's, and on two cores they overlap. The resolution writes only `mentions` and the entity
 * tables, so the indexes and keys of every other table build meanwhile, and those of `mentions`
 * from its end on, beside the others still building (its placements update a table without
 * them). The vocabulary recount needs the writer lock the resolution holds: it runs inside the
 * resolution, while the rule runs here.
 */
import { refreshAnalytics } from "../store/postgres/analytics-facts.js";
import { finishBulkLoad } from "../store/postgres/bulk-load.js";
import type { Pool } from "../store/postgres/connect.js";
import { refreshDateEstimates } from "../store/postgres/date-estimates.js";
import {
  type ResolveOptions,
  resolvePostgresEntities,
} from "../store/postgres/entities-resolve.js";
import { recountTerms } from "../store/postgres/entities-write.js";
import { refreshSubjectVectors } from "../store/postgres/subject-vectors.js";
import { type FinishStep, timedStepAsync } from "./finish.js";

/**
 * Runs the finishing steps of ingest run `runId` (`bulk`: it owns a bulk load's rebuild). Steps
 * run beside others are pushed on `background` as they start, so a caller that catches a failure
 * can wait for them before it does anything else.
 */
export async function finishPostgresIngest(
  sql: Pool,
  runId: number,
  bulk: boolean,
  background: Promise<unknown>[],
): Promise<FinishStep[]> {
  const done: FinishStep[] = [];
  const step = async (name: string, run: () => Promise<unknown>) => {
    done.push(await timedStepAsync(name, run));
  };
  const beside = (name: string, run: () => Promise<unknown>) => {
    const p = timedStepAsync(name, run);
    background.push(p);
    // Awaited below, or by the caller on failure: not an unhandled rejection meanwhile.
    p.catch(() => {});
    return p;
  };
  // Entities over the whole archive, as on SQLite: a new cable can link mentions stored before.
  const resolve = (opts?: ResolveOptions) =>
    step("entity resolution", () => resolvePostgresEntities(sql, opts));
  let mentionIndexes: Promise<FinishStep> | null = null;
  if (bulk) {
    // The date estimates below read serial neighbours through one of these indexes.
    const indexes = beside("bulk load indexes (beside entity resolution)", () =>
      finishBulkLoad(sql, runId, { leave: ["mentions"], recount: false }),
    );
    await resolve({ meanwhile: recountTerms });
    // Nothing after the resolution writes mentions: their indexes build from now on, on the core
    // the resolution leaves while the other builds (the GIN index of cables the longest) go on.
    mentionIndexes = beside("bulk load indexes of mentions (beside the steps after)", () =>
      finishBulkLoad(sql, runId, { only: ["mentions"], recount: false }),
    );
    done.push(await indexes);
  }
  // A cable stored now can be the serial neighbour that dates an undated one.
  await step("date estimates", () => refreshDateEstimates(sql));
  // Analytics facts and traffic counts of the new and changed cables, as SQLite's ingest ends.
  await step("analytics facts", () => refreshAnalytics(sql));
  // The relevance ranks' subject vectors of the new and changed cables.
  await step("subject vectors", () => refreshSubjectVectors(sql));
  if (mentionIndexes) {
    done.push(await mentionIndexes);
    // Both parts have committed: the record goes (each index and key is found built by its name).
    await finishBulkLoad(sql, runId, { recount: false });
  } else await resolve();
  return done;
}
