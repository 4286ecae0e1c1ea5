import { refreshAnalyticsFacts } from "../store/analytics-facts.js";
import { refreshDateEstimates } from "../store/date-estimates.js";
import { type Db, withPragmas } from "../store/db.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { finishMentionLoad } from "../store/entities-write.js";
import { refreshEntitySummaries } from "../store/entity-summary.js";
import { refreshEventDates } from "../store/event-dates.js";
import { recordIngestExtractor } from "../store/extractor-state.js";
import { steadyMerging } from "../store/fts-merge.js";
import { refreshTrafficCounts } from "../store/traffic-counts.js";
import { type EventDatesAhead, readEventDatesAhead } from "./event-dates-ahead.js";

/**
 * What an ingest does once every record is written: the steps that read the whole archive, not
 * one cable. Each must hold a bounded amount in memory whatever the archive's size (a 251,287-cable
 * ingest once died of a 4 GB heap here), so each is timed and the process's peak resident memory
 * read after it: the ingest report carries them and `npm run bench` prints them.
 */

export interface FinishStep {
  step: string;
  seconds: number;
  /**
   * CPU time of the process during the step: its parse workers are idle by then, but the event
   * dates are read on a thread of their own during the entity steps (event-dates-ahead.ts). A
   * step run beside another (a PostgreSQL bulk load's index builds) counts the CPU of both.
   */
  cpuSeconds: number;
  /** Peak resident memory of the process after the step (the high-water mark so far). */
  peakRssBytes: number;
}

/** What steps share: the event dates being read meanwhile (null: read them in their step). */
interface Run {
  ahead: EventDatesAhead | null;
}

const STEPS: [string, (db: Db, run: Run) => unknown][] = [
  // A cable stored now can be the serial neighbour that dates an undated one.
  ["date estimates", refreshDateEstimates],
  ["fts merge policy", steadyMerging],
  // From here on nothing changes what the event dates read: start reading them beside the rest.
  [
    "event dates started",
    (db, run) => {
      run.ahead = readEventDatesAhead(db);
    },
  ],
  // The group index a first load left out of `mentions` (startMentionLoad), which resolution reads.
  ["mention index", finishMentionLoad],
  // Entities are resolved over the whole archive: a new cable can link mentions stored before.
  ["entity resolution", (db) => resolveEntities(db)],
  // What entity pages and facets show, from the entities just resolved (only the changed ones).
  ["entity summaries", (db) => refreshEntitySummaries(db)],
  // Per-month traffic counts for analytics, rebuilt once per run rather than per cable.
  ["traffic counts", refreshTrafficCounts],
  // Dates the new cables' paragraphs report, read once here rather than per analytics view.
  ["event dates", (db, run) => (run.ahead ? run.ahead.store(db) : refreshEventDates(db))],
  // Per-cable analytics facts of the new and changed cables (after the event dates they copy).
  ["analytics facts", (db) => refreshAnalyticsFacts(db)],
  // Which extractor wrote the mentions, on a new archive (an older one keeps its older version).
  ["extractor version", recordIngestExtractor],
];

/** Peak resident memory of this process so far, worker threads included. */
export function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Runs `run` as one step: its wall and CPU time, and the peak memory after it. */
export function timedStep(step: string, run: () => unknown): FinishStep {
  const started = performance.now();
  const cpu = process.cpuUsage();
  run();
  return stepTimes(step, started, cpu);
}

/** timedStep for a step that may wait (on a thread). */
export async function timedStepAsync(step: string, run: () => unknown): Promise<FinishStep> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  return stepTimes(step, started, cpu);
}

function stepTimes(step: string, started: number, cpu: NodeJS.CpuUsage): FinishStep {
  const used = process.cpuUsage(cpu);
  return {
    step,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssBytes: peakRss(),
  };
}

/** The finishing steps' page cache, in KiB (a negative cache_size is a size, not pages). */
const FINISH_CACHE_KIB = -16384;

/**
 * The steps read the archive through read(), not the memory map: mapped, the pages of the mention
 * index, the traffic counts and the analytics facts stayed resident in the ingest's process on top
 * of what those steps hold (about 300 MB at 251,287 cables; docs/architecture.md, "Memory at
 * 251,287 cables"). They walk tables in order and append, and run with the 16 MB page cache of
 * the threads' connections rather than the archive's 64 MB (one sampled ingest of 251,287 cables
 * peaked 10 MiB lower with it, 986 MiB against the 1,024 MiB budget).
 */
export function finishIngest(db: Db): Promise<FinishStep[]> {
  return withPragmas(db, { mmap_size: 0, cache_size: FINISH_CACHE_KIB }, async () => {
    const shared: Run = { ahead: null };
    const done: FinishStep[] = [];
    for (const [step, run] of STEPS) done.push(await timedStepAsync(step, () => run(db, shared)));
    return done;
  });
}
