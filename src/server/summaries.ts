/**
 * Entity summaries pending when a server starts (a migration's full-build mark, an ingest stopped
 * before its finish step): pages and facets would read the slow live path for every visitor, at
 * 251,287 cables seconds a large entity, and nothing would say why. A server that may write builds
 * them before it listens; one that may not (read-only, `--public`) says so in its log, and each
 * entity page it serves from the live path carries the notice (entities-read.ts, STALE_NOTICE).
 */
import { type Db, pendingMigrations } from "../store/db.js";
import { refreshEntitySummaries, summaryState } from "../store/entity-summary.js";
import { extractorStale, extractorState } from "../store/extractor-state.js";

function pending(s: ReturnType<typeof summaryState>): string {
  if (s.full) return "a full build";
  const parts = [];
  if (s.cables > 0) parts.push(`${s.cables.toLocaleString("en-US")} changed cables`);
  if (s.entities > 0) parts.push(`${s.entities.toLocaleString("en-US")} stale entities`);
  return parts.join(", ");
}

/** Builds what is pending; returns the build's time in ms, or null when nothing was. */
export function buildPendingSummaries(db: Db, log: (line: string) => void): number | null {
  const state = summaryState(db);
  if (state.current) return null;
  log(`entity summaries pending (${pending(state)}): building them before listening…`);
  const report = refreshEntitySummaries(db);
  log(
    `entity summaries built in ${(report.ms / 1000).toFixed(1)} s (${report.mode}: ${report.entities.toLocaleString("en-US")} entities, ${report.cables.toLocaleString("en-US")} cables)`,
  );
  return report.ms;
}

/** The log line of a server that cannot write, or null when the summaries are current. */
export function staleSummariesWarning(db: Db, archive: string): string | null {
  const state = summaryState(db);
  if (state.current) return null;
  return `warning: entity summaries are not current (${pending(state)}): entity pages and facets read the slow live path until \`cablegram entities --rebuild --db ${archive}\` (or a serve that may write) builds them`;
}

/** The log line of a server over mentions an older extractor wrote, or null. */
export function oldExtractorWarning(db: Db, archive: string): string | null {
  const s = extractorState(db);
  if (!extractorStale(s)) return null;
  const by = s.reextracting
    ? "partly by an older extractor (a re-extraction stopped part-way)"
    : s.recorded === 0
      ? "by an extractor older than recorded versions"
      : `by extractor version ${s.recorded}`;
  return `warning: entities were extracted ${by}; this build's is ${s.current}: run \`cablegram reextract --db ${archive}\``;
}

/**
 * The log line of a server over an archive whose entities are not resolved by this build's rule,
 * or null. A read-only or public server migrates nothing and resolves nothing: until a command
 * that may write does, it serves the ids and names the last resolution wrote, which before
 * migration 017 could show a name only a protecting cable wrote (src/store/entities-open-names.ts).
 */
export function pendingResolutionWarning(db: Db, archive: string): string | null {
  const missing = pendingMigrations(db);
  const dirty = missing.length === 0 && db.prepare("SELECT 1 FROM entity_dirty LIMIT 1").get();
  if (missing.length === 0 && !dirty) return null;
  const what =
    missing.length > 0
      ? `the archive lacks migrations ${missing.join(", ")}`
      : "entity resolution is pending";
  return `warning: ${what}: entity ids and names are those of its last resolution (in public mode they may show a name only a protecting cable wrote) until \`cablegram entities --rebuild --db ${archive}\` migrates and resolves it`;
}
