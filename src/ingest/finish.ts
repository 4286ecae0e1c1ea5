import { refreshAnalyticsFacts } from "../store/analytics-facts.js";
import { refreshDateEstimates } from "../store/date-estimates.js";
import type { Db } from "../store/db.js";
import { resolveEntities } from "../store/entities-resolve.js";
import { finishMentionLoad } from "../store/entities-write.js";
import { refreshEntitySummaries } from "../store/entity-summary.js";
import { refreshEventDates } from "../store/event-dates.js";
import { recordIngestExtractor } from "../store/extractor-state.js";
import { steadyMerging } from "../store/fts-merge.js";
import { refreshTrafficCounts } from "../store/traffic-counts.js";

/**
 * What an ingest does once every record is written: the steps that read the whole archive, not
 * one cable. Each must hold a bounded amount in memory whatever the archive's size (a 251,287-cable
 * ingest once died of a 4 GB heap here), so each is timed and the process's peak resident memory
 * read after it: the ingest report carries them and `npm run bench` prints them.
 */

export interface FinishStep {
  step: string;
  seconds: number;
  /** CPU time of the process during the step (its parse workers are idle by then). */
  cpuSeconds: number;
  /** Peak resident memory of the process after the step (the high-water mark so far). */
  peakRssBytes: number;
}

const STEPS: [string, (db: Db) => unknown][] = [
  // A cable stored now can be the serial neighbour that dates an undated one.
  ["date estimates", refreshDateEstimates],
  ["fts merge policy", steadyMerging],
  // The group index a first load left out of `mentions` (startMentionLoad), which resolution reads.
  ["mention index", finishMentionLoad],
  // Entities are resolved over the whole archive: a new cable can link mentions stored before.
  ["entity resolution", (db) => resolveEntities(db)],
  // What entity pages and facets show, from the entities just resolved (only the changed ones).
  ["entity summaries", (db) => refreshEntitySummaries(db)],
  // Per-month traffic counts for analytics, rebuilt once per run rather than per cable.
  ["traffic counts", refreshTrafficCounts],
  // Dates the new cables' paragraphs report, read once here rather than per analytics view.
  ["event dates", (db) => refreshEventDates(db)],
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
  const used = process.cpuUsage(cpu);
  return {
    step,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssBytes: peakRss(),
  };
}

export function finishIngest(db: Db): FinishStep[] {
  return STEPS.map(([step, run]) => timedStep(step, () => run(db)));
}
