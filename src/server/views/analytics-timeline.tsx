/**
 * The timeline chart: lines of cables sent (or share of all cables) per period, one per query, and
 * dashed beside each the dates its cables report in their text. Drawn server-side as SVG so it
 * reads without JavaScript; src/server/client/analytics.ts replaces it with an interactive uPlot
 * chart built from the table view below it (the same numbers).
 */
import { dayNumber } from "../../analytics/periods.js";
import { reportedLabel, share, type Timeline, timelineTable } from "../../analytics/timeline.js";
import { TableView, tableId } from "./analytics-tables.js";

const WIDTH = 800;
const HEIGHT = 220;

/**
 * Where each value of a series is drawn, as (x, value) vertices with x from 0 to 1: points evenly
 * spaced, or for a sparse timeline at their days, dropping to zero the day after a point and
 * rising from it the day before the next when days between were left out (they count zero).
 */
export function vertices(t: Timeline, values: readonly number[]): [number, number][] {
  const n = t.points.length;
  if (!t.sparse) return values.map((v, k) => [n <= 1 ? 0.5 : k / (n - 1), v]);
  const days = t.points.map((p) => dayNumber(p.from));
  const first = days[0]!;
  const span = days[n - 1]! - first;
  const x = (d: number) => (span === 0 ? 0.5 : (d - first) / span);
  const out: [number, number][] = [];
  values.forEach((v, k) => {
    const gap = k > 0 && days[k]! - days[k - 1]! > 1;
    if (gap && values[k - 1] !== 0) out.push([x(days[k - 1]! + 1), 0]);
    if (gap && v !== 0) out.push([x(days[k]! - 1), 0]);
    out.push([x(days[k]!), v]);
  });
  return out;
}

/** Series colours, by class (the stylesheet holds the colours; inline styles are forbidden). */
export const SERIES_CLASSES = ["s0", "s1", "s2", "s3", "s4"];

export function TimelineChart(props: {
  timeline: Timeline;
  normalise: boolean;
  csv: string;
  /** Search for series `i` (0 for the period cell) narrowed to a period's days. */
  periodHref: (series: number, from: string, to: string) => string;
  /** The cables of series `i` reporting a date in a period. */
  reportedHref: (series: number, from: string, to: string) => string;
}) {
  const t = props.timeline;
  const table = timelineTable(t, props.normalise);
  const n = t.points.length;
  const values = t.series.map((_, i) =>
    t.points.map((p) => (props.normalise ? (share(p.counts[i]!, p.all) ?? 0) : p.counts[i]!)),
  );
  // Reported dates are counts of cable-days, drawn on the count scale (not as shares).
  const reported =
    t.reported && !props.normalise
      ? t.series.map((_, i) => t.points.map((p) => p.reported?.[i] ?? 0))
      : [];
  const max = Math.max(Number.MIN_VALUE, ...values.flat(), ...reported.flat());
  const series = t.series.length;
  const reportedCol = 3 + series + (props.normalise ? series : 0) + 1;
  const y = (v: number) => HEIGHT - (v / max) * (HEIGHT - 10);
  const line = (v: number[]) =>
    vertices(t, v)
      .map(([at, val]) => `${(at * WIDTH).toFixed(1)},${y(val).toFixed(1)}`)
      .join(" ");
  return (
    <figure
      class="chart timeline"
      data-chart="timeline"
      data-table={tableId(table.name)}
      data-series={String(t.series.length)}
      data-normalise={props.normalise ? "1" : "0"}
      data-reported={reported.length > 0 ? "1" : "0"}
      data-sparse={t.sparse ? "1" : "0"}
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
          {reported.length > 0
            ? t.series.map((s, i) => (
                <li class={`${SERIES_CLASSES[i]} reported`}>
                  {reportedLabel(s.label)}: {(s.reported ?? 0).toLocaleString("en-US")} cable-days
                  {s.reportedOffAxis ? ` (${s.reportedOffAxis} off the axis)` : ""}
                </li>
              ))
            : null}
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
            <polyline class={`line ${SERIES_CLASSES[i]}`} points={line(v)} />
          ))}
          {reported.map((v, i) => (
            <polyline class={`line reported ${SERIES_CLASSES[i]}`} points={line(v)} />
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
      <TableView
        table={table}
        csv={props.csv}
        link={(row, col) => {
          if (t.reported && col >= reportedCol && col < reportedCol + series) {
            return Number(row[col]) > 0
              ? props.reportedHref(col - reportedCol, String(row[1]), String(row[2]))
              : null;
          }
          const i = col === 0 ? 0 : col - 3;
          if (i < 0 || i >= series) return null;
          return props.periodHref(i, String(row[1]), String(row[2]));
        }}
      />
    </figure>
  );
}
