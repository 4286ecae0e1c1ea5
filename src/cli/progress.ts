/** One-line rendering of ingest progress for a terminal. */
import type { Progress } from "../ingest/progress.js";

const MB = 1024 * 1024;

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/**
 * `[#####.....]  42%  12,345 cables  85.3/203.1 MB  1,234/s  ETA 1m23s`. The ETA comes from bytes,
 * not records: cables.csv rows and single-cable files vary in size, bytes are what the run is
 * made of.
 */
export function formatProgress(p: Progress, barWidth = 20): string {
  const secs = p.elapsedMs / 1000;
  const rate = secs > 0 ? Math.round(p.records / secs) : 0;
  const done = (p.bytesDone / MB).toFixed(1);
  const parts: string[] = [];
  if (p.bytesTotal && p.bytesTotal > 0) {
    const frac = Math.min(1, p.bytesDone / p.bytesTotal);
    const filled = Math.round(frac * barWidth);
    parts.push(
      `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${String(Math.floor(frac * 100)).padStart(3)}%`,
    );
    parts.push(`${p.records.toLocaleString("en-US")} records`);
    parts.push(`${done}/${(p.bytesTotal / MB).toFixed(1)} MB`);
    parts.push(`${rate.toLocaleString("en-US")}/s`);
    if (p.bytesDone > 0 && frac < 1) {
      parts.push(`ETA ${duration((p.elapsedMs * (p.bytesTotal - p.bytesDone)) / p.bytesDone)}`);
    }
  } else {
    parts.push(
      `${p.records.toLocaleString("en-US")} records`,
      `${done} MB`,
      `${rate.toLocaleString("en-US")}/s`,
    );
  }
  if (p.rejected > 0) parts.push(`${p.rejected.toLocaleString("en-US")} rejected`);
  return parts.join("  ");
}

export function formatDuration(ms: number): string {
  return duration(ms);
}
