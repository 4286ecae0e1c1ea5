/**
 * A bar chart of cables per month as SVG: every bar a link that narrows to its period, so it works
 * without JavaScript; src/server/client/histogram.ts adds drag to select a range and
 * histogram-keys.ts the arrow keys (the chart is one tab stop). Sizes are SVG
 * attributes, not inline styles, which the Content-Security-Policy forbids.
 */
import { count, monthName } from "./format.js";

export interface Bucket {
  label: string;
  /** First and last month of the bucket (`YYYY-MM`); a range filter takes them as they are. */
  from: string;
  to: string;
  count: number;
}

/** Past this many months the chart shows years: bars stay wide enough to click. */
const MAX_MONTH_BARS = 240;

function nextMonth(m: string): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/** Buckets from counts per month, empty months in between included (a time axis has no gaps). */
export function buckets(months: { month: string; count: number }[]): Bucket[] {
  const valid = months.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  if (valid.length === 0) return [];
  const counts = new Map(valid.map((m) => [m.month, m.count]));
  const first = valid[0]!.month;
  const last = valid[valid.length - 1]!.month;
  const span =
    (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
    Number(last.slice(5, 7)) -
    Number(first.slice(5, 7)) +
    1;
  if (span > MAX_MONTH_BARS) {
    const years = new Map<number, number>();
    for (const m of valid) {
      const y = Number(m.month.slice(0, 4));
      years.set(y, (years.get(y) ?? 0) + m.count);
    }
    const out: Bucket[] = [];
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y++) {
      out.push({ label: String(y), from: `${y}-01`, to: `${y}-12`, count: years.get(y) ?? 0 });
    }
    return out;
  }
  const out: Bucket[] = [];
  for (let m = first, i = 0; i < span; m = nextMonth(m), i++) {
    out.push({ label: monthName(m), from: m, to: m, count: counts.get(m) ?? 0 });
  }
  return out;
}

const HEIGHT = 100;
const BAR = 10;

export function Histogram(props: {
  months: { month: string; count: number }[];
  /** Link narrowing to a period; called with `__FROM__`/`__TO__` for the drag template. */
  href: (from: string, to: string) => string;
  label: string;
  /** Whether the page loads the drag script (search.js); else bars are plain links. */
  draggable?: boolean;
}) {
  const bars = buckets(props.months);
  const draggable = props.draggable ?? true;
  if (bars.length === 0) return null;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = bars.length * BAR;
  return (
    <figure class="histogram">
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-label={`${props.label}: one tab stop, arrow keys move between bars, Enter narrows the dates`}
        data-histogram-keys=""
        data-histogram={draggable ? "" : undefined}
        data-href={draggable ? props.href("__FROM__", "__TO__") : undefined}
      >
        {bars.map((b, i) => {
          const h = b.count === 0 ? 0 : Math.max(2, Math.round((b.count / max) * HEIGHT));
          return (
            // One tab stop for the whole chart: the bars are reached with the arrow keys.
            <a
              href={props.href(b.from, b.to)}
              data-from={b.from}
              data-to={b.to}
              data-index={i}
              tabindex={i === 0 ? 0 : -1}
              aria-label={`${b.label}: ${count(b.count)} cable${b.count === 1 ? "" : "s"}`}
            >
              <rect class="slot" x={i * BAR} y={0} width={BAR} height={HEIGHT} />
              <rect class="bar" x={i * BAR + 1} y={HEIGHT - h} width={BAR - 2} height={h} />
              <title>{`${b.label}: ${count(b.count)} cable${b.count === 1 ? "" : "s"}`}</title>
            </a>
          );
        })}
      </svg>
      <figcaption class="hist-axis">
        <span>{bars[0]!.label}</span>
        <span class="hint">
          {bars[0]!.from !== bars[0]!.to ? "per year" : "per month"} · click a bar
          {draggable ? " or drag across bars" : ""} to narrow the dates
        </span>
        <span>{bars[bars.length - 1]!.label}</span>
      </figcaption>
    </figure>
  );
}
