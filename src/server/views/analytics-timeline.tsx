/**
 * The timeline chart: lines of cables (or share of all cables) per period, one per query. Drawn
 * server-side as SVG so it reads without JavaScript; src/server/client/analytics.ts replaces it
 * with an interactive uPlot chart built from the table view below it (the same numbers).
 */
import { share, type Timeline, timelineTable } from "../../analytics/timeline.js";
import { DataTable, tableId } from "./analytics-tables.js";

const WIDTH = 800;
const HEIGHT = 220;

/** Series colours, by class (the stylesheet holds the colours; inline styles are forbidden). */
export const SERIES_CLASSES = ["s0", "s1", "s2", "s3", "s4"];

export function TimelineChart(props: {
  timeline: Timeline;
  normalise: boolean;
  csv: string;
  /** Search for series `i` (0 for the period cell) narrowed to a period's days. */
  periodHref: (series: number, from: string, to: string) => string;
}) {
  const t = props.timeline;
  const table = timelineTable(t, props.normalise);
  const n = t.points.length;
  const values = t.series.map((_, i) =>
    t.points.map((p) => (props.normalise ? (share(p.counts[i]!, p.all) ?? 0) : p.counts[i]!)),
  );
  const max = Math.max(Number.MIN_VALUE, ...values.flat());
  const x = (i: number) => (n <= 1 ? WIDTH / 2 : (i / (n - 1)) * WIDTH);
  const y = (v: number) => HEIGHT - (v / max) * (HEIGHT - 10);
  return (
    <figure
      class="chart timeline"
      data-chart="timeline"
      data-table={tableId(table.name)}
      data-series={String(t.series.length)}
      data-normalise={props.normalise ? "1" : "0"}
    >
      <figcaption>
        {table.title}
        <ul class="legend">
          {t.series.map((s, i) => (
            <li class={SERIES_CLASSES[i]}>
              {s.label}: {s.total.toLocaleString("en-US")} cables
              {s.undated > 0 ? ` (${s.undated} undated)` : ""}
            </li>
          ))}
        </ul>
      </figcaption>
      {n === 0 ? (
        <p>No dated cables.</p>
      ) : (
        <svg
          class="fallback"
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={`${table.title}, ${t.points[0]!.period} to ${t.points[n - 1]!.period}`}
        >
          {values.map((v, i) => (
            <polyline
              class={`line ${SERIES_CLASSES[i]}`}
              points={v.map((val, k) => `${x(k).toFixed(1)},${y(val).toFixed(1)}`).join(" ")}
            />
          ))}
        </svg>
      )}
      <div class="uplot-host" />
      {n > 0 ? (
        <p class="axis">
          <span>{t.points[0]!.period}</span>
          <span>{t.points[n - 1]!.period}</span>
        </p>
      ) : null}
      <details class="table-view">
        <summary>Table view</summary>
        <DataTable
          table={table}
          csv={props.csv}
          link={(row, col) => {
            const series = col === 0 ? 0 : col - 3;
            if (series < 0 || series >= t.series.length) return null;
            return props.periodHref(series, String(row[1]), String(row[2]));
          }}
        />
      </details>
    </figure>
  );
}
